/**
 * MicroProfile Health checks of the outbox. Liveness: the relay has run a pass recently (its {@link
 * dev.txoutbox.health.Heartbeat}). Readiness: the outbox table can be read, its oldest pending
 * event is younger and its DEAD events fewer than the configured thresholds. The checks read the
 * backlog shared by every server of the outbox, so they give the same answer on each.
 */
package dev.txoutbox.health;
