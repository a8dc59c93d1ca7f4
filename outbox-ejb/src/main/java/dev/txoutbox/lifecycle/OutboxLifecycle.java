package dev.txoutbox.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A change in an event's life, fired as a synchronous CDI event once the change is committed: on
 * the relay's thread for {@link Sent}, {@link Failed} and {@link Dead}, on the operator's call for
 * {@link Replayed} and {@link Skipped}. Observe one kind ({@code void on(@Observes
 * OutboxLifecycle.Dead dead)}) or all of them ({@code @Observes OutboxLifecycle}).
 *
 * <p>An observer runs outside any transaction and should return quickly: the relay waits for it.
 * One that throws is logged and ignored; it changes nothing about the event. None carries the
 * payload.
 */
public sealed interface OutboxLifecycle {

  /**
   * The event's id.
   *
   * @return the id, its consumers' deduplication key
   */
  UUID eventId();

  /**
   * The event's type.
   *
   * @return the type, as published
   */
  String eventType();

  /**
   * Where the event goes.
   *
   * @return the logical destination the event is sent to
   */
  String destination();

  /**
   * The broker accepted the event. In at-least-once mode a crash before the row was marked sends it
   * again, and this is fired again.
   *
   * @param attempt the attempt that succeeded, from 1
   * @param createdAt when the event was published
   * @param sentAt when the relay handed it to the broker (the database's clock)
   */
  record Sent(
      UUID eventId,
      String eventType,
      String destination,
      int attempt,
      Instant createdAt,
      Instant sentAt)
      implements OutboxLifecycle {

    /**
     * From the publish to the send.
     *
     * @return the time between {@code createdAt} and {@code sentAt}
     */
    public Duration latency() {
      return Duration.between(createdAt, sentAt);
    }
  }

  /**
   * A send failed and the event stays pending until its next attempt.
   *
   * @param attempt the attempt that failed, from 1
   * @param error what the broker or the outbox said
   */
  record Failed(
      UUID eventId,
      String eventType,
      String destination,
      int attempt,
      String error,
      Instant nextAttemptAt)
      implements OutboxLifecycle {}

  /**
   * The last allowed attempt failed: the event is DEAD and is not sent again until an operator
   * replays it.
   *
   * @param attempts how many attempts were made
   * @param error what the last attempt failed with
   */
  record Dead(UUID eventId, String eventType, String destination, int attempts, String error)
      implements OutboxLifecycle {}

  /** An operator replayed a DEAD event: it is pending again with a fresh count of attempts. */
  record Replayed(UUID eventId, String eventType, String destination) implements OutboxLifecycle {}

  /** An operator set a DEAD or PENDING event aside for good, with a reason. */
  record Skipped(UUID eventId, String eventType, String destination, String reason)
      implements OutboxLifecycle {}
}
