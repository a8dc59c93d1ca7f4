package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.OutboxMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A broker that takes every message except those {@code refuses} matches; what it took stays in
 * {@link #received}. {@code duringSend} runs before each send (to interleave another relay).
 */
final class FakeBroker implements Broker {
  final List<OutboxMessage> received = new ArrayList<>();
  Predicate<OutboxMessage> refuses = m -> false;
  Consumer<List<OutboxMessage>> duringSend = batch -> {};
  int transactions;

  @Override
  public synchronized Outcome send(List<OutboxMessage> messages) {
    duringSend.accept(messages);
    transactions++;
    return Outcome.sendEach(messages, this::take);
  }

  /** Like the real sender: marks, then sends; a refused message rolls back the whole batch. */
  @Override
  public synchronized Outcome sendAndMark(
      List<OutboxMessage> messages, ToIntFunction<List<OutboxMessage>> mark) {
    duringSend.accept(messages);
    if (messages.stream().anyMatch(refuses) && messages.size() > 1) {
      Outcome outcome = Outcome.NONE;
      java.util.Set<String> failedKeys = new java.util.HashSet<>();
      for (OutboxMessage message : messages) {
        Outcome alone =
            failedKeys.contains(message.orderingKey())
                ? Outcome.released(message)
                : sendAndMark(List.of(message), mark);
        if (!alone.failed().isEmpty() && message.orderingKey() != null) {
          failedKeys.add(message.orderingKey());
        }
        outcome = outcome.plus(alone);
      }
      return outcome;
    }
    transactions++;
    if (messages.stream().anyMatch(refuses)) {
      return Outcome.allFailed(messages, "refused");
    }
    if (mark.applyAsInt(messages) < messages.size()) {
      return Outcome.allLapsed(messages);
    }
    return Outcome.sendEach(messages, this::take);
  }

  private void take(OutboxMessage message) {
    if (refuses.test(message)) {
      throw new IllegalStateException("refused " + message.id());
    }
    received.add(message);
  }

  List<String> receivedIds() {
    return received.stream().map(OutboxMessage::id).toList();
  }
}
