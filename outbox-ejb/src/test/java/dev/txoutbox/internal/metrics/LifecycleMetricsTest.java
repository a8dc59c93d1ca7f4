package dev.txoutbox.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.txoutbox.internal.monitoring.Backlog.Snapshot;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LifecycleMetricsTest {
  private static final Instant PUBLISHED = Instant.parse("2026-01-01T10:00:00Z");

  private final List<String> recorded = new ArrayList<>();
  private final LifecycleMetrics metrics = new LifecycleMetrics();

  LifecycleMetricsTest() {
    metrics.meters =
        new Meters() {
          @Override
          public void count(Counter counter, String destination, String eventType) {
            recorded.add(counter + " " + destination + " " + eventType);
          }

          @Override
          public void commitToSend(String destination, String eventType, Duration latency) {
            recorded.add("commit-to-send " + destination + " " + eventType + " " + latency);
          }

          @Override
          public void close() {}
        };
    metrics.gauges = new BacklogGauges();
  }

  @Test
  void eachChangeIsCountedByItsCounter() {
    UUID id = UUID.randomUUID();
    metrics.failed(new OutboxLifecycle.Failed(id, "T", "d", 1, "full", PUBLISHED));
    metrics.dead(new OutboxLifecycle.Dead(id, "T", "d", 2, "full"));
    metrics.replayed(new OutboxLifecycle.Replayed(id, "T", "d"));
    metrics.skipped(new OutboxLifecycle.Skipped(id, "T", "d", "by hand"));

    assertThat(recorded).containsExactly("FAILED d T", "DEAD d T", "REPLAYED d T", "SKIPPED d T");
  }

  @Test
  void aSendIsCountedAndTimedFromItsPublish() {
    metrics.sent(sent(PUBLISHED.plusMillis(1500)));

    assertThat(recorded).containsExactly("SENT d T", "commit-to-send d T PT1.5S");
  }

  @Test
  void aSendBeforeItsPublishByTheTwoClocksTakesNoTime() {
    metrics.sent(sent(PUBLISHED.minusMillis(20)));

    assertThat(recorded).contains("commit-to-send d T PT0S");
  }

  @Test
  void aCountedPairGetsItsBacklogGauges() {
    metrics.sent(sent(PUBLISHED));

    assertThat(metrics.gauges.readings(new Snapshot(List.of()), PUBLISHED))
        .extracting(BacklogGauges.Reading::destination, BacklogGauges.Reading::eventType)
        .containsExactly(tuple("d", "T"));
  }

  private static OutboxLifecycle.Sent sent(Instant sentAt) {
    return new OutboxLifecycle.Sent(UUID.randomUUID(), "T", "d", 1, PUBLISHED, sentAt);
  }
}
