package dev.txoutbox.admin;

import dev.txoutbox.lifecycle.LifecycleEvents;
import dev.txoutbox.lifecycle.OutboxLifecycle.Replayed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Skipped;
import dev.txoutbox.store.DeadLetters;
import dev.txoutbox.store.OutboxMessage;
import dev.txoutbox.store.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Inspect and repair the outbox. Every change is logged with the event ids it touched, and each
 * call is one transaction.
 */
@ApplicationScoped
public class OutboxAdmin {
  private static final Logger LOG = Logger.getLogger(OutboxAdmin.class.getName());
  private static final int MAX_PAGE = 500;

  @Inject DeadLetters deadLetters;
  @Inject LifecycleEvents lifecycle;

  /** The number of events in each status. */
  public Map<Status, Long> countByStatus() {
    return deadLetters.countByStatus();
  }

  /**
   * DEAD events, oldest first. Each filter may be null (no filter): event type, ordering key, and a
   * minimum age.
   */
  public List<EventSummary> deadEvents(
      String eventType, String orderingKey, Instant createdBefore, int offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException(
          "offset must be 0 or more and limit from 1 to " + MAX_PAGE);
    }
    return deadLetters.dead(eventType, orderingKey, createdBefore, offset, limit).stream()
        .map(OutboxAdmin::summary)
        .toList();
  }

  /** One event, whatever its status. */
  public Optional<EventSummary> event(UUID id) {
    return deadLetters.find(id.toString()).map(OutboxAdmin::summary);
  }

  /** Sends a DEAD event again, with a fresh count of attempts; false if it is not DEAD. */
  public boolean replay(UUID id) {
    Optional<OutboxMessage> dead =
        deadLetters.find(id.toString()).filter(m -> m.status() == Status.DEAD);
    boolean replayed =
        dead.isPresent() && deadLetters.replay(List.of(id.toString()), Instant.now()) == 1;
    if (replayed) {
      LOG.info(() -> "txoutbox: operator replayed event " + id);
      lifecycle.fire(replayed(dead.get()));
    }
    return replayed;
  }

  /** Replays the DEAD events of one type created in [from, to); returns how many. */
  public int replay(String eventType, Instant from, Instant to) {
    if (eventType == null
        || eventType.isBlank()
        || from == null
        || to == null
        || !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "an event type and a time range with from before to are required");
    }
    List<OutboxMessage> dead = deadLetters.deadOfTypeBetween(eventType, from, to);
    List<String> ids = dead.stream().map(OutboxMessage::id).toList();
    int replayed = deadLetters.replay(ids, Instant.now());
    LOG.info(() -> "txoutbox: operator replayed " + replayed + " " + eventType + " events: " + ids);
    // fewer replayed than found: another call changed some in between; tell of those now pending
    dead.stream()
        .filter(
            m ->
                replayed == ids.size()
                    || deadLetters
                        .find(m.id())
                        .filter(r -> r.status() == Status.PENDING)
                        .isPresent())
        .forEach(m -> lifecycle.fire(replayed(m)));
    return replayed;
  }

  /**
   * Sets a DEAD or PENDING event aside for good, recording why; false if it is neither. A skipped
   * head no longer holds back the later events of its ordering key.
   */
  public boolean skip(UUID id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required to skip an event");
    }
    String trimmed = reason.strip();
    String stored = trimmed.length() > 2000 ? trimmed.substring(0, 2000) : trimmed;
    Optional<OutboxMessage> row = deadLetters.find(id.toString());
    boolean skipped = row.isPresent() && deadLetters.skip(id.toString(), stored);
    if (skipped) {
      LOG.info(() -> "txoutbox: operator skipped event " + id + ": " + trimmed);
      OutboxMessage m = row.get();
      lifecycle.fire(new Skipped(id, m.eventType(), m.destination(), stored));
    }
    return skipped;
  }

  private static Replayed replayed(OutboxMessage m) {
    return new Replayed(UUID.fromString(m.id()), m.eventType(), m.destination());
  }

  private static EventSummary summary(OutboxMessage m) {
    return new EventSummary(
        UUID.fromString(m.id()),
        m.eventType(),
        m.aggregateType(),
        m.aggregateId(),
        m.orderingKey(),
        m.destination(),
        m.status().name(),
        m.attempts(),
        m.lastError(),
        m.skipReason(),
        m.createdAt());
  }
}
