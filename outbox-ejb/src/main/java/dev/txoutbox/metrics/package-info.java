/**
 * MicroProfile Metrics of the outbox, tagged by {@code destination} and {@code type} (the event
 * type), never by event id: counters and the publish-to-send timer fed by the {@link
 * dev.txoutbox.lifecycle.OutboxLifecycle} events, and gauges of the backlog. Where the server
 * offers no MicroProfile Metrics API (WildFly 39), these classes do not load and CDI leaves them
 * out; nothing else depends on them.
 */
package dev.txoutbox.metrics;
