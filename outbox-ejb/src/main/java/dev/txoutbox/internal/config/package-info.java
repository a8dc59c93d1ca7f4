/**
 * Internal. The component's settings, read from MicroProfile Config under {@code outbox.*} and
 * checked when the application deploys: a bad value stops the deployment with a message that names
 * the key. And whether the application sees the optional OpenTelemetry API, which metrics and
 * tracing ask.
 */
package dev.txoutbox.internal.config;
