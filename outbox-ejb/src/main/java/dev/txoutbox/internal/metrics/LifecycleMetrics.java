package dev.txoutbox.internal.metrics;

import dev.txoutbox.internal.metrics.Meters.Counter;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Dead;
import dev.txoutbox.lifecycle.OutboxLifecycle.Failed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Replayed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import dev.txoutbox.lifecycle.OutboxLifecycle.Skipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Counts what happens to events, per destination and event type, from the lifecycle events, and
 * times each one from its publish to its send. Each destination and type it sees gets its backlog
 * gauges too.
 */
@ApplicationScoped
class LifecycleMetrics {
  @Inject Meters meters;
  @Inject BacklogGauges gauges;

  void sent(@Observes Sent sent) {
    count(Counter.SENT, sent);
    Duration latency =
        sent.latency(); // two clocks: the server's at publish, the database's at send
    meters.commitToSend(
        sent.destination(), sent.eventType(), latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed(@Observes Failed failed) {
    count(Counter.FAILED, failed);
  }

  void dead(@Observes Dead dead) {
    count(Counter.DEAD, dead);
  }

  void replayed(@Observes Replayed replayed) {
    count(Counter.REPLAYED, replayed);
  }

  void skipped(@Observes Skipped skipped) {
    count(Counter.SKIPPED, skipped);
  }

  private void count(Counter counter, OutboxLifecycle change) {
    // the gauges first: created here, on this thread, they capture its application context before
    // the meters' creation lets the exporter's thread read them
    gauges.track(change.destination(), change.eventType());
    meters.count(counter, change.destination(), change.eventType());
  }
}
