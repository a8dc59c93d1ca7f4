/**
 * OpenTelemetry metrics of the outbox (MicroProfile Telemetry 2.0), attributed by {@code
 * destination} and {@code type} (the event type), never by event id: counters and the
 * publish-to-send histogram fed by the {@link dev.txoutbox.lifecycle.OutboxLifecycle} events, and
 * gauges of the backlog. Where the application sees no OpenTelemetry API, these classes do not load
 * and CDI leaves them out; nothing else depends on them.
 */
package dev.txoutbox.metrics;
