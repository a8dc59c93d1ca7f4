/**
 * Internal. The outbox's health: what its MicroProfile Health checks answer. Liveness: the relay
 * has run a pass recently (its {@link dev.txoutbox.internal.monitoring.Heartbeat}). Readiness: the
 * outbox table can be read, its oldest pending event is younger and its DEAD events fewer than the
 * configured thresholds. The checks themselves are in outbox-health, a jar for the EAR's {@code
 * lib/}; they fire their answer as a CDI event that the observers here complete. The checks read
 * the backlog shared by every server of the outbox, so they give the same answer on each.
 */
package dev.txoutbox.internal.health;
