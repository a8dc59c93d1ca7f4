/**
 * Internal. Trace propagation: the W3C trace context active at publish time is stored with the
 * event and sent as its {@code traceparent}, and each send is a producer span linked to the
 * publishing span. Only {@link dev.txoutbox.internal.tracing.OpenTelemetryTracing}, which is no
 * bean, uses the OpenTelemetry API: where the server gives the application none, the produced
 * {@link dev.txoutbox.internal.tracing.Tracing} does nothing.
 */
package dev.txoutbox.internal.tracing;
