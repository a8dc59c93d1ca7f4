/**
 * What happened to events after they were published, as CDI events an application can observe for
 * its own alerting: {@link dev.txoutbox.lifecycle.OutboxLifecycle.Sent}, {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle.Failed}, {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle.Dead}, {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle.Replayed} and {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle.Skipped}.
 */
package dev.txoutbox.lifecycle;
