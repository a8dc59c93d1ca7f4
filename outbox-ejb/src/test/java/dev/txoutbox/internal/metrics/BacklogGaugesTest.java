package dev.txoutbox.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.metrics.BacklogGauges.Reading;
import dev.txoutbox.internal.monitoring.Backlog.Group;
import dev.txoutbox.internal.monitoring.Backlog.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacklogGaugesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  private final BacklogGauges gauges = new BacklogGauges();

  @Test
  void aTrackedPairWithNothingWaitingReadsZero() {
    gauges.track("orders", "OrderPlaced");

    assertThat(gauges.readings(new Snapshot(List.of()), NOW))
        .containsExactly(new Reading("orders", "OrderPlaced", 0, 0, 0));
  }

  @Test
  void aPairTheReadingFindsIsTrackedFromThenOn() {
    Group waiting = new Group("orders", "OrderPlaced", 2, 1, Optional.of(NOW.minusMillis(4500)));

    assertThat(gauges.readings(new Snapshot(List.of(waiting)), NOW))
        .containsExactly(new Reading("orders", "OrderPlaced", 2, 4.5, 1));
    assertThat(gauges.readings(new Snapshot(List.of()), NOW))
        .containsExactly(new Reading("orders", "OrderPlaced", 0, 0, 0));
  }
}
