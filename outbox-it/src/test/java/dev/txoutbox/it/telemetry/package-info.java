/**
 * Metrics and traces as the application exports them with MicroProfile Telemetry: over OTLP to a
 * collector in the test JVM ({@link dev.txoutbox.it.telemetry.OtlpCollector}), with the resources
 * the tracing test deploys.
 */
package dev.txoutbox.it.telemetry;
