package dev.txoutbox.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.config.OutboxConfig.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.2, 10);

  @Test
  void delayGrowsByTheMultiplier() {
    Backoff backoff = new Backoff(() -> 0.5); // 0.5: no jitter

    assertThat(backoff.delayAfter(POLICY, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(POLICY, 2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(POLICY, 3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delayAfter(POLICY, 6)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void delayIsCappedAtTheMaximum() {
    Backoff backoff = new Backoff(() -> 0.5);

    assertThat(backoff.delayAfter(POLICY, 7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.delayAfter(POLICY, 1000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void jitterSpreadsTheDelayBothWays() {
    assertThat(new Backoff(() -> 0.0).delayAfter(POLICY, 3)).isEqualTo(Duration.ofMillis(3200));
    assertThat(new Backoff(() -> 1.0).delayAfter(POLICY, 3)).isEqualTo(Duration.ofMillis(4800));
  }

  @Test
  void lastAttemptIsTheMaximumNumberOfAttempts() {
    assertThat(Backoff.exhausted(POLICY, 9)).isFalse();
    assertThat(Backoff.exhausted(POLICY, 10)).isTrue();
  }

  @Test
  void jitterNeverExceedsTheMaximum() {
    assertThat(new Backoff(() -> 1.0).delayAfter(POLICY, 20)).isEqualTo(Duration.ofSeconds(60));
  }
}
