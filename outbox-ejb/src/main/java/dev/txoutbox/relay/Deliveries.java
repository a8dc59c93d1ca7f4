package dev.txoutbox.relay;

import dev.txoutbox.config.OutboxConfig;
import dev.txoutbox.config.OutboxConfig.DeliveryMode;
import dev.txoutbox.config.OutboxConfig.RetryPolicy;
import dev.txoutbox.lifecycle.LifecycleEvents;
import dev.txoutbox.lifecycle.OutboxLifecycle.Dead;
import dev.txoutbox.lifecycle.OutboxLifecycle.Failed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import dev.txoutbox.store.OutboxMessage;
import dev.txoutbox.store.OutboxMessages;
import dev.txoutbox.store.OutboxMessages.Claim;
import dev.txoutbox.store.OutboxMessages.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One batch, start to end: claim due rows (a lease, committed at once), send them, record each
 * outcome on its row; in exactly-once mode the rows are marked as sent in the sending transaction.
 */
@ApplicationScoped
class Deliveries {
  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());
  private static final int COMPLETION_ATTEMPTS = 5;

  @Inject OutboxMessages messages;
  @Inject Sender sender;
  @Inject OutboxConfig config;
  @Inject LifecycleEvents lifecycle;

  private final Backoff backoff = new Backoff();

  /** Delivers one batch and returns how many rows it claimed. */
  int deliverBatch() {
    String token = config.nodeId() + "/" + UUID.randomUUID();
    Claim claim =
        messages.claim(
            token,
            config.lease(),
            config.batchSize(),
            config.deadHead() == OutboxConfig.DeadHead.BLOCK);
    if (claim.rows().isEmpty()) {
      return 0;
    }
    long claimedAt = System.nanoTime();
    // the database's clock, moved on by the time since the claim
    Supplier<Instant> now = () -> claim.now().plusNanos(System.nanoTime() - claimedAt);
    Batch batch =
        config.deliveryMode() == DeliveryMode.EXACTLY_ONCE
            ? sendExactlyOnce(token, claim.rows(), now)
            : sendAtLeastOnce(token, claim.rows(), now);
    Instant sentAt = now.get();
    for (OutboxMessage m : batch.sent()) {
      LOG.fine(() -> "txoutbox: sent event " + m.id() + " to " + m.destination());
      lifecycle.fire(
          new Sent(
              UUID.fromString(m.id()),
              m.eventType(),
              m.destination(),
              m.attempts() + 1,
              m.createdAt(),
              sentAt));
    }
    recordFailures(token, batch, now.get());
    return claim.rows().size();
  }

  /** Marks and sends in one XA transaction; rows whose lease ran out are neither. */
  private Batch sendExactlyOnce(String token, List<OutboxMessage> rows, Supplier<Instant> now) {
    Batch batch = sender.sendAndMark(rows, sent -> markSent(token, sent, now.get()));
    if (!batch.lapsed().isEmpty()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on "
                  + batch.lapsed().size()
                  + " events ran out before they were sent; they were not sent, and are sent"
                  + " by the relay that has them now: "
                  + ids(batch.lapsed()));
    }
    return batch;
  }

  /** Sends, then marks what was sent in a transaction of its own. */
  private Batch sendAtLeastOnce(String token, List<OutboxMessage> rows, Supplier<Instant> now) {
    Batch batch = sender.send(rows);
    int completed = completing(() -> markSent(token, batch.sent(), now.get()));
    if (completed < batch.sent().size()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on "
                  + (batch.sent().size() - completed)
                  + " sent events ran out before completion; another relay has them now and"
                  + " sends them again: "
                  + ids(batch.sent()));
    }
    return batch;
  }

  /**
   * Completes sent rows still claimed by {@code token}: kept as SENT or deleted. A row with an
   * idempotency key is kept as SENT, so that a repeat of its key is recognised.
   */
  private int markSent(String token, List<OutboxMessage> sent, Instant now) {
    if (sent.isEmpty()) {
      return 0;
    }
    boolean keepAll = !config.retention().sent().isZero();
    Map<Boolean, List<String>> keep =
        sent.stream()
            .collect(
                Collectors.partitioningBy(
                    m -> keepAll || m.idempotencyKey() != null,
                    Collectors.mapping(OutboxMessage::id, Collectors.toList())));
    return messages.markSent(token, keep.get(true), keep.get(false), now);
  }

  private void recordFailures(String token, Batch batch, Instant now) {
    List<Failure> failures =
        batch.failed().entrySet().stream()
            .map(f -> failure(f.getKey(), f.getValue(), now))
            .toList();
    if (failures.isEmpty()) {
      return;
    }
    int recorded = completing(() -> messages.markFailed(token, failures));
    if (recorded < failures.size()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on "
                  + (failures.size() - recorded)
                  + " events ran out before their failed send was recorded; another relay has"
                  + " them now: "
                  + failures.stream().map(Failure::id).toList());
    }
    failures.forEach(f -> announce(batch, f));
  }

  private static List<String> ids(List<OutboxMessage> messages) {
    return messages.stream().map(OutboxMessage::id).toList();
  }

  /**
   * Runs a completion, again if it fails: it is fenced by the claim token, so running it twice is
   * harmless, while giving up leaves the rows to be sent again after their lease. What it guards
   * against is a transient database failure, such as a deadlock victim on MariaDB.
   */
  private static int completing(IntSupplier completion) {
    for (int attempt = 1; ; attempt++) {
      try {
        return completion.getAsInt();
      } catch (RuntimeException e) {
        if (attempt == COMPLETION_ATTEMPTS) {
          throw e;
        }
        LOG.log(Level.FINE, "txoutbox: completing a batch failed; trying again", e);
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Failure failure(OutboxMessage message, String error, Instant now) {
    RetryPolicy policy = config.retryFor(message.eventType());
    int failures = message.attempts() + 1;
    return new Failure(
        message.id(),
        error,
        now.plus(backoff.delayAfter(policy, failures)),
        Backoff.exhausted(policy, failures));
  }

  /** Logs a recorded failure and tells the application's observers. */
  private void announce(Batch batch, Failure failure) {
    OutboxMessage message =
        batch.failed().keySet().stream()
            .filter(m -> m.id().equals(failure.id()))
            .findFirst()
            .orElseThrow();
    UUID id = UUID.fromString(message.id());
    int attempt = message.attempts() + 1;
    String what =
        "txoutbox: sending event "
            + message.id()
            + " (type "
            + message.eventType()
            + ", attempt "
            + attempt
            + ") to "
            + message.destination()
            + " failed";
    if (failure.dead()) {
      LOG.severe(
          what
              + "; that was its last attempt: it is DEAD until an operator replays it: "
              + failure.error());
      lifecycle.fire(
          new Dead(id, message.eventType(), message.destination(), attempt, failure.error()));
    } else {
      LOG.warning(
          what
              + "; it stays pending, next attempt at "
              + failure.nextAttemptAt()
              + ": "
              + failure.error());
      lifecycle.fire(
          new Failed(
              id,
              message.eventType(),
              message.destination(),
              attempt,
              failure.error(),
              failure.nextAttemptAt()));
    }
  }
}
