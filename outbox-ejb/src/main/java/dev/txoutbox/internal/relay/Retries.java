package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig.RetryPolicy;
import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.OutboxMessage;
import java.time.Instant;
import java.util.function.Function;

/**
 * What a failed send becomes: pending again after the backoff of its event type's retry policy, or
 * DEAD when it was the last attempt the policy allows.
 */
final class Retries {
  private final Function<String, RetryPolicy> policies;
  private final Backoff backoff;

  Retries(Function<String, RetryPolicy> policies, Backoff backoff) {
    this.policies = policies;
    this.backoff = backoff;
  }

  /** The failure of {@code message}'s attempt that ended at {@code now} with {@code error}. */
  Failure after(OutboxMessage message, String error, Instant now) {
    RetryPolicy policy = policies.apply(message.eventType());
    int failures = message.attempts() + 1;
    return new Failure(
        message.id(),
        error,
        now.plus(backoff.delayAfter(policy, failures)),
        Backoff.exhausted(policy, failures));
  }
}
