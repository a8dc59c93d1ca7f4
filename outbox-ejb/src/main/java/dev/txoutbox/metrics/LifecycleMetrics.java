package dev.txoutbox.metrics;

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
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts what happens to events, per destination and event type, from the lifecycle events, and
 * times each one from its publish to its send. Each destination and type it sees gets its backlog
 * gauges too.
 */
@ApplicationScoped
class LifecycleMetrics {
  static final Metadata SENT = counter("txoutbox.sent", "Events the broker accepted");
  static final Metadata FAILED =
      counter("txoutbox.failed", "Failed sends after which the event stays pending (retried)");
  static final Metadata DEAD = counter("txoutbox.dead", "Events whose last attempt failed");
  static final Metadata REPLAYED = counter("txoutbox.replayed", "DEAD events an operator replayed");
  static final Metadata SKIPPED = counter("txoutbox.skipped", "Events an operator skipped");
  static final Metadata COMMIT_TO_SEND =
      Metadata.builder()
          .withName("txoutbox.commit.to.send")
          .withDescription("Time from an event's publish to the broker's acceptance of it")
          .build();

  @Inject MetricRegistry registry;
  @Inject BacklogGauges gauges;

  void sent(@Observes Sent sent) {
    Tag[] tags = count(SENT, sent);
    Duration latency =
        sent.latency(); // two clocks: the server's at publish, the database's at send
    registry.timer(COMMIT_TO_SEND, tags).update(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed(@Observes Failed failed) {
    count(FAILED, failed);
  }

  void dead(@Observes Dead dead) {
    count(DEAD, dead);
  }

  void replayed(@Observes Replayed replayed) {
    count(REPLAYED, replayed);
  }

  void skipped(@Observes Skipped skipped) {
    count(SKIPPED, skipped);
  }

  private Tag[] count(Metadata counter, OutboxLifecycle change) {
    Tag[] tags = BacklogGauges.tags(change.destination(), change.eventType());
    registry.counter(counter, tags).inc();
    gauges.track(change.destination(), change.eventType());
    return tags;
  }

  private static Metadata counter(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }
}
