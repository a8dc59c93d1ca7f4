package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.Completion;
import dev.txoutbox.internal.store.OutboxMessage;
import java.util.List;
import java.util.function.Predicate;

/**
 * A delivery mode: how a claimed batch is sent and when its rows are completed. {@link AtLeastOnce}
 * sends, and leaves the completion to the relay's next claim; {@link ExactlyOnce} completes the
 * rows in the transaction that sends them.
 */
sealed interface Delivery {

  /** Sends a batch claimed by {@code token}; answers the outcome and what remains to complete. */
  Delivered deliver(String token, List<OutboxMessage> batch);

  /** A delivered batch and its completion still to be carried into a claim (NONE if done). */
  record Delivered(Outcome outcome, Completion carried) {}

  /**
   * The completion of {@code sent}: rows that {@code keep} accepts become SENT (retention, or an
   * idempotency key that must stay recognisable), the others are deleted.
   */
  static Completion completion(
      String token, List<OutboxMessage> sent, Predicate<OutboxMessage> keep) {
    return Completion.of(
        token,
        sent.stream().filter(keep).map(OutboxMessage::id).toList(),
        sent.stream().filter(keep.negate()).map(OutboxMessage::id).toList());
  }

  /** Send, then complete in the relay's next statement: a crash in between sends again. */
  record AtLeastOnce(Broker broker, Predicate<OutboxMessage> keep) implements Delivery {
    @Override
    public Delivered deliver(String token, List<OutboxMessage> batch) {
      Outcome outcome = broker.send(batch);
      return new Delivered(outcome, completion(token, outcome.sent(), keep));
    }
  }

  /**
   * Complete and send in one XA transaction: the rows are marked first (which also locks them), and
   * a batch whose lease ran out is not sent at all.
   */
  record ExactlyOnce(Broker broker, Rows rows, Predicate<OutboxMessage> keep) implements Delivery {
    @Override
    public Delivered deliver(String token, List<OutboxMessage> batch) {
      Outcome outcome =
          broker.sendAndMark(batch, sent -> rows.complete(completion(token, sent, keep)));
      return new Delivered(outcome, Completion.NONE);
    }
  }
}
