package dev.txoutbox.internal.metrics;

import java.time.Duration;

/**
 * What the outbox measures, in terms free of OpenTelemetry types, so that the beans that feed it
 * load where the OpenTelemetry API is missing. {@link MetricsSetup} produces the OpenTelemetry
 * implementation where the application sees the API, else one that records nothing.
 */
interface Meters {

  /** The counters, each per destination and event type. */
  enum Counter {
    SENT("txoutbox.sent", "Events the broker accepted"),
    FAILED("txoutbox.failed", "Failed sends after which the event stays pending (retried)"),
    DEAD("txoutbox.dead", "Events whose last attempt failed"),
    REPLAYED("txoutbox.replayed", "DEAD events an operator replayed"),
    SKIPPED("txoutbox.skipped", "Events an operator skipped");

    final String metric;
    final String description;

    Counter(String metric, String description) {
      this.metric = metric;
      this.description = description;
    }
  }

  /** One more event of this destination and type, counted by {@code counter}. */
  void count(Counter counter, String destination, String eventType);

  /** One event's time from its publish to its send; never negative. */
  void commitToSend(String destination, String eventType, Duration latency);

  /** Stops reporting the backlog: the application is going away. */
  void close();
}
