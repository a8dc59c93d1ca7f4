package dev.txoutbox.metrics;

import dev.txoutbox.lifecycle.OutboxLifecycle;

/**
 * What the outbox records, in terms free of OpenTelemetry types, so that the beans of this package
 * load where the OpenTelemetry API is missing. {@link MetricsSetup} produces the OpenTelemetry
 * implementation where the application sees the API, else none.
 */
interface Metrics {
  Metrics NONE = change -> {};

  /** Nothing more than creating it: the gauges are registered when it is created. */
  default void start() {}

  /** Counts the change, and times a send from its publish. */
  void record(OutboxLifecycle change);
}
