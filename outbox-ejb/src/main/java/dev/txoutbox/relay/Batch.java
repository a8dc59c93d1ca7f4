package dev.txoutbox.relay;

import dev.txoutbox.store.OutboxMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of one claimed batch: the messages handed to the broker, the error of each one that
 * was not, and (exactly-once mode) those not sent because their lease had run out.
 */
record Batch(
    List<OutboxMessage> sent, Map<OutboxMessage, String> failed, List<OutboxMessage> lapsed) {
  static final Batch EMPTY = new Batch(List.of(), Map.of(), List.of());

  Batch plus(Batch other) {
    List<OutboxMessage> allSent = new ArrayList<>(sent);
    allSent.addAll(other.sent);
    Map<OutboxMessage, String> allFailed = new LinkedHashMap<>(failed);
    allFailed.putAll(other.failed);
    List<OutboxMessage> allLapsed = new ArrayList<>(lapsed);
    allLapsed.addAll(other.lapsed);
    return new Batch(allSent, allFailed, allLapsed);
  }

  static Batch allFailed(List<OutboxMessage> claimed, String error) {
    Map<OutboxMessage, String> failed = new LinkedHashMap<>();
    claimed.forEach(message -> failed.put(message, error));
    return new Batch(List.of(), failed, List.of());
  }

  static Batch allLapsed(List<OutboxMessage> claimed) {
    return new Batch(List.of(), Map.of(), claimed);
  }

  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 1500; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
