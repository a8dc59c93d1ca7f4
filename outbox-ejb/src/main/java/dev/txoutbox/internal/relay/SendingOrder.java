package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.OutboxMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a claimed batch is sent: the events of one ordering key together, in seq
 * order, keys in the order of their first event in the claim; events without a key stay where they
 * are. Across keys the order is free; within a key it is the order of the queue.
 */
final class SendingOrder {
  private SendingOrder() {}

  static List<OutboxMessage> of(List<OutboxMessage> claimed) {
    Map<Object, List<OutboxMessage>> groups = new LinkedHashMap<>();
    for (OutboxMessage message : claimed) {
      Object group = message.orderingKey() != null ? message.orderingKey() : new Object();
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(message);
    }
    List<OutboxMessage> ordered = new ArrayList<>(claimed.size());
    for (List<OutboxMessage> group : groups.values()) {
      group.sort(Comparator.comparingLong(OutboxMessage::seq));
      ordered.addAll(group);
    }
    return ordered;
  }
}
