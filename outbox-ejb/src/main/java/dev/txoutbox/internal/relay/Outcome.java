package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.OutboxMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of the messages of one claimed batch: handed to the broker ({@code sent}), not (each
 * with why: {@code failed}), given back unsent because an earlier message of their key failed
 * ({@code released}), or, in exactly-once mode, not sent because their lease had run out ({@code
 * lapsed}).
 */
record Outcome(
    List<OutboxMessage> sent,
    Map<OutboxMessage, String> failed,
    List<OutboxMessage> released,
    List<OutboxMessage> lapsed) {
  static final Outcome NONE = new Outcome(List.of(), Map.of(), List.of(), List.of());

  /** Sends one message; throws when the broker does not take it. */
  interface MessageSend {
    void send(OutboxMessage message) throws Exception;
  }

  /**
   * Sends the messages in order. Once a message of a key has failed, the key's later messages are
   * released, not sent: a key never overtakes its own failed event.
   */
  static Outcome sendEach(List<OutboxMessage> messages, MessageSend send) {
    List<OutboxMessage> sent = new ArrayList<>();
    Map<OutboxMessage, String> failed = new LinkedHashMap<>();
    List<OutboxMessage> released = new ArrayList<>();
    Set<String> failedKeys = new HashSet<>();
    for (OutboxMessage message : messages) {
      String key = message.orderingKey();
      if (key != null && failedKeys.contains(key)) {
        released.add(message);
        continue;
      }
      try {
        send.send(message);
        sent.add(message);
      } catch (Exception e) {
        failed.put(message, describe(e));
        if (key != null) {
          failedKeys.add(key);
        }
      }
    }
    return new Outcome(sent, failed, released, List.of());
  }

  Outcome plus(Outcome other) {
    List<OutboxMessage> allSent = new ArrayList<>(sent);
    allSent.addAll(other.sent);
    Map<OutboxMessage, String> allFailed = new LinkedHashMap<>(failed);
    allFailed.putAll(other.failed);
    List<OutboxMessage> allReleased = new ArrayList<>(released);
    allReleased.addAll(other.released);
    List<OutboxMessage> allLapsed = new ArrayList<>(lapsed);
    allLapsed.addAll(other.lapsed);
    return new Outcome(allSent, allFailed, allReleased, allLapsed);
  }

  static Outcome allFailed(List<OutboxMessage> claimed, String error) {
    Map<OutboxMessage, String> failed = new LinkedHashMap<>();
    claimed.forEach(message -> failed.put(message, error));
    return new Outcome(List.of(), failed, List.of(), List.of());
  }

  static Outcome allLapsed(List<OutboxMessage> claimed) {
    return new Outcome(List.of(), Map.of(), List.of(), claimed);
  }

  static Outcome released(OutboxMessage message) {
    return released(List.of(message));
  }

  static Outcome released(List<OutboxMessage> messages) {
    return messages.isEmpty() ? NONE : new Outcome(List.of(), Map.of(), messages, List.of());
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
