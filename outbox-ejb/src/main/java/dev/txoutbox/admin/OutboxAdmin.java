package dev.txoutbox.admin;

import dev.txoutbox.internal.monitoring.Backlog;
import dev.txoutbox.internal.monitoring.LifecycleEvents;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.internal.store.Status;
import dev.txoutbox.lifecycle.OutboxLifecycle.Replayed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Skipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
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
  /** The most events {@link #events} answers at once. */
  public static final int MAX_PAGE = 500;

  private static final Logger LOG = Logger.getLogger(OutboxAdmin.class.getName());

  @Inject OperatorQueries queries;
  @Inject LifecycleEvents lifecycle;
  @Inject Backlog backlog;

  /**
   * The number of events in each status.
   *
   * @return every status, with zero where none is in it
   */
  public Map<EventStatus, Long> countByStatus() {
    Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
    queries.countByStatus().forEach((status, count) -> counts.put(status(status), count));
    return counts;
  }

  /**
   * How long the oldest PENDING event has waited since it was published, read now; the health check
   * and the metrics share this reading (theirs is at most a second old).
   *
   * @return the age, or empty when no event is pending
   * @throws IllegalStateException when the outbox table cannot be read
   */
  public Optional<Duration> oldestPendingAge() {
    Backlog.Snapshot reading = backlog.readNow();
    return reading.pending() == 0
        ? Optional.empty()
        : Optional.of(reading.oldestPendingAge(Instant.now()));
  }

  /**
   * Events, oldest first (ties by id, so that pages do not overlap).
   *
   * @param status only events in this status; null: any
   * @param eventType only events of this type; null: any
   * @param orderingKey only events of this ordering key; null: any
   * @param createdBefore only events created at or before this time (a minimum age); null: any
   * @param offset how many matching events to pass over, 0 or more
   * @param limit how many events to answer at most, 1 to {@link #MAX_PAGE}
   * @return the page of events
   * @throws InvalidRequestException when offset or limit is out of range
   */
  public List<EventSummary> events(
      EventStatus status,
      String eventType,
      String orderingKey,
      Instant createdBefore,
      int offset,
      int limit) {
    if (offset < 0) {
      throw new InvalidRequestException("offset must be 0 or more, not " + offset);
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidRequestException("limit must be from 1 to " + MAX_PAGE + ", not " + limit);
    }
    return queries
        .list(
            status == null ? null : Status.valueOf(status.name()),
            eventType,
            orderingKey,
            createdBefore,
            offset,
            limit)
        .stream()
        .map(OutboxAdmin::summary)
        .toList();
  }

  /**
   * DEAD events, oldest first: {@link #events} with the status DEAD.
   *
   * @param eventType only events of this type; null: any
   * @param orderingKey only events of this ordering key; null: any
   * @param createdBefore only events created at or before this time; null: any
   * @param offset how many matching events to pass over, 0 or more
   * @param limit how many events to answer at most, 1 to {@link #MAX_PAGE}
   * @return the page of DEAD events
   */
  public List<EventSummary> deadEvents(
      String eventType, String orderingKey, Instant createdBefore, int offset, int limit) {
    return events(EventStatus.DEAD, eventType, orderingKey, createdBefore, offset, limit);
  }

  /**
   * One event, whatever its status.
   *
   * @param id the event id
   * @return the event, or empty when no event has this id
   */
  public Optional<EventSummary> event(UUID id) {
    return queries.find(id.toString()).map(OutboxAdmin::summary);
  }

  /**
   * Sends a DEAD event again: it becomes PENDING, due now, with a fresh count of attempts.
   *
   * @param id the event id
   * @return false when no DEAD event has this id
   */
  public boolean replay(UUID id) {
    Optional<OutboxMessage> dead =
        queries.find(id.toString()).filter(m -> m.status() == Status.DEAD);
    boolean replayed =
        dead.isPresent() && queries.replay(List.of(id.toString()), Instant.now()) == 1;
    if (replayed) {
      LOG.info(() -> "txoutbox: operator replayed event " + id);
      lifecycle.fire(replayed(dead.get()));
    }
    return replayed;
  }

  /**
   * Replays the DEAD events of one type created in a time range, as {@link #replay(UUID)} does.
   *
   * @param eventType the event type
   * @param from the start of the range, included
   * @param to the end of the range, excluded; after {@code from}
   * @return how many events were replayed
   * @throws InvalidRequestException when the type is missing or the range is empty
   */
  public int replay(String eventType, Instant from, Instant to) {
    if (eventType == null || eventType.isBlank()) {
      throw new InvalidRequestException(
          "type is required: the event type of the DEAD events to replay");
    }
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidRequestException("from must be before to, not " + from + " and " + to);
    }
    List<OutboxMessage> dead = queries.deadOfTypeBetween(eventType, from, to);
    List<String> ids = dead.stream().map(OutboxMessage::id).toList();
    int replayed = queries.replay(ids, Instant.now());
    LOG.info(() -> "txoutbox: operator replayed " + replayed + " " + eventType + " events: " + ids);
    // fewer replayed than found: another call changed some in between; tell of those now pending
    dead.stream()
        .filter(
            m ->
                replayed == ids.size()
                    || queries.find(m.id()).filter(r -> r.status() == Status.PENDING).isPresent())
        .forEach(m -> lifecycle.fire(replayed(m)));
    return replayed;
  }

  /**
   * Sets a DEAD or PENDING event aside for good as SKIPPED, recording why; it is never sent. A
   * skipped head no longer holds back the later events of its ordering key.
   *
   * @param id the event id
   * @param reason why, for the record (kept to its first 2,000 characters)
   * @return false when no DEAD or PENDING event has this id
   * @throws InvalidRequestException when the reason is missing or blank
   */
  public boolean skip(UUID id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidRequestException("reason is required to skip an event");
    }
    String trimmed = reason.strip();
    String stored = OutboxMessage.note(trimmed);
    Optional<OutboxMessage> row = queries.find(id.toString());
    boolean skipped = row.isPresent() && queries.skip(id.toString(), stored);
    if (skipped) {
      LOG.info(() -> "txoutbox: operator skipped event " + id + ": " + trimmed);
      OutboxMessage m = row.get();
      lifecycle.fire(new Skipped(id, m.eventType(), m.destination(), stored));
    }
    return skipped;
  }

  private static EventStatus status(Status status) {
    return EventStatus.valueOf(status.name());
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
