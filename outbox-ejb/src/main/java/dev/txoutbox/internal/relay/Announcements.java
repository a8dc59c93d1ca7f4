package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Dead;
import dev.txoutbox.lifecycle.OutboxLifecycle.Failed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Tells the log and the application's observers ({@link OutboxLifecycle}) what became of each
 * event, once it is recorded: sent, failed and pending again, or DEAD.
 */
final class Announcements {
  private static final Logger LOG = Logger.getLogger(Announcements.class.getName());

  private final Consumer<OutboxLifecycle> lifecycle;

  Announcements(Consumer<OutboxLifecycle> lifecycle) {
    this.lifecycle = lifecycle;
  }

  static Sent sent(OutboxMessage m, Instant sentAt) {
    LOG.fine(() -> "txoutbox: sent event " + m.id() + " to " + m.destination());
    return new Sent(
        UUID.fromString(m.id()),
        m.eventType(),
        m.destination(),
        m.attempts() + 1,
        m.createdAt(),
        sentAt);
  }

  void sent(List<Sent> sent) {
    sent.forEach(lifecycle);
  }

  /** Logs a recorded failure, with the event id, and tells the application's observers. */
  void failed(OutboxMessage message, Failure failure) {
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
      lifecycle.accept(
          new Dead(id, message.eventType(), message.destination(), attempt, failure.error()));
    } else {
      LOG.warning(
          what
              + "; it stays pending, next attempt at "
              + failure.nextAttemptAt()
              + ": "
              + failure.error());
      lifecycle.accept(
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
