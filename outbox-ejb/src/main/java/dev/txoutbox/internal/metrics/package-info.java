/**
 * Internal. Metrics of the outbox with the OpenTelemetry metrics API (MicroProfile Telemetry 2.0),
 * per {@code destination} and {@code type} (the event type), never per event id: counters and the
 * publish-to-send histogram fed by the {@link dev.txoutbox.lifecycle.OutboxLifecycle} events, and
 * gauges of the backlog. Only {@link dev.txoutbox.internal.metrics.OpenTelemetryMeters}, which is
 * no bean, uses the OpenTelemetry API: where the server gives the application none, the produced
 * {@link dev.txoutbox.internal.metrics.Meters} records nothing. Nothing else depends on this
 * package.
 */
package dev.txoutbox.internal.metrics;
