package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: {@code initialDelay * multiplier^(failures-1)}, capped at {@code
 * maxDelay}, then spread by up to {@code ±jitter} of itself so that failed rows do not retry in
 * step.
 */
final class Backoff {
  private final DoubleSupplier random;

  Backoff() {
    this(() -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The delay after the given number of failed attempts (1 after the first failure). */
  Duration delayAfter(RetryPolicy policy, int failures) {
    double max = policy.maxDelay().toMillis();
    double base =
        Math.min(
            max,
            policy.initialDelay().toMillis()
                * Math.pow(policy.multiplier(), Math.max(0, failures - 1)));
    double spread = base * policy.jitter() * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(Math.min(max, Math.max(0, base + spread))));
  }

  /** True when the given number of failed attempts is the policy's last. */
  static boolean exhausted(RetryPolicy policy, int failures) {
    return failures >= policy.maxAttempts();
  }
}
