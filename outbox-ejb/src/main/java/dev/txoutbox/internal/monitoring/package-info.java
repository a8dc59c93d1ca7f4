/**
 * Internal. What the outbox tells about itself, read by health, metrics and the admin API alike:
 * the {@link dev.txoutbox.internal.monitoring.Backlog} (one reading of the table, shared so that
 * the health check and the admin summary give the same answer), the relay's {@link
 * dev.txoutbox.internal.monitoring.Heartbeat}, and the firing of the {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle} events.
 */
package dev.txoutbox.internal.monitoring;
