package dev.txoutbox.internal.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What waits in the outbox: PENDING and DEAD rows counted per destination and event type, with the
 * oldest pending one. The health checks and the metrics share one reading, taken at most once per
 * {@link #MAX_AGE}, so that probes and scrapes cannot load the database; a failed reading is kept
 * as long, too.
 */
@ApplicationScoped
public class Backlog {
  private static final Logger LOG = Logger.getLogger(Backlog.class.getName());

  /** How long a reading is reused. */
  public static final Duration MAX_AGE = Duration.ofSeconds(1);

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  private Snapshot last;
  private RuntimeException failure;
  private long readAtNanos;
  private boolean failing;

  /**
   * The latest reading, taken now if the last one is older than {@link #MAX_AGE}; outside any
   * transaction of the caller's. Throws {@link IllegalStateException} when the table cannot be
   * read.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Snapshot read() {
    return read(MAX_AGE);
  }

  /**
   * A reading taken now, which the probes and scrapes of the next {@link #MAX_AGE} share: for an
   * operator's question, which must see the change just made.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Snapshot readNow() {
    return read(Duration.ZERO);
  }

  private synchronized Snapshot read(Duration maxAge) {
    if (last == null && failure == null || System.nanoTime() - readAtNanos >= maxAge.toNanos()) {
      refresh();
    }
    if (failure != null) {
      throw new IllegalStateException(
          "txoutbox: cannot read the outbox table: " + failure, failure);
    }
    return last;
  }

  private void refresh() {
    try {
      last = query();
      failure = null;
      if (failing) {
        LOG.info("txoutbox: the outbox table can be read again");
      }
      failing = false;
    } catch (RuntimeException e) {
      last = null;
      failure = e;
      if (!failing) { // once per outage, not at every probe
        LOG.log(Level.WARNING, "txoutbox: cannot read the outbox table's backlog", e);
      }
      failing = true;
    }
    readAtNanos = System.nanoTime();
  }

  private Snapshot query() {
    Map<List<String>, Group> groups = new LinkedHashMap<>();
    for (Object[] row :
        em.createNamedQuery("OutboxMessage.pendingBacklog", Object[].class).getResultList()) {
      String destination = (String) row[0];
      String type = (String) row[1];
      groups.put(
          List.of(destination, type),
          new Group(destination, type, count(row[2]), 0, Optional.of(instant(row[3]))));
    }
    for (Object[] row :
        em.createNamedQuery("OutboxMessage.deadBacklog", Object[].class).getResultList()) {
      String destination = (String) row[0];
      String type = (String) row[1];
      long dead = count(row[2]);
      groups.merge(
          List.of(destination, type),
          new Group(destination, type, 0, dead, Optional.empty()),
          (pending, none) ->
              new Group(destination, type, pending.pending(), dead, pending.oldest()));
    }
    return new Snapshot(List.copyOf(groups.values()));
  }

  private static long count(Object value) {
    return ((Number) value).longValue();
  }

  // an aggregate's type is the provider's choice: some apply the attribute's converter, some not
  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Date date) { // java.sql.Timestamp too
      return date.toInstant();
    }
    throw new IllegalStateException("txoutbox: unexpected time value " + value);
  }

  /** PENDING and DEAD rows of one destination and event type. */
  public record Group(
      String destination, String eventType, long pending, long dead, Optional<Instant> oldest) {

    /** How long the oldest pending row has waited at {@code now}; zero with none pending. */
    public Duration oldestAge(Instant now) {
      return oldest
          .map(t -> Duration.between(t, now))
          .filter(d -> !d.isNegative())
          .orElse(Duration.ZERO);
    }
  }

  /** One reading: the groups with PENDING or DEAD rows. */
  public record Snapshot(List<Group> groups) {

    public long pending() {
      return groups.stream().mapToLong(Group::pending).sum();
    }

    public long dead() {
      return groups.stream().mapToLong(Group::dead).sum();
    }

    /** How long the oldest pending row of all has waited at {@code now}; zero with none. */
    public Duration oldestPendingAge(Instant now) {
      return groups.stream()
          .map(g -> g.oldestAge(now))
          .max(Duration::compareTo)
          .orElse(Duration.ZERO);
    }

    /** The group of one destination and event type, if it has PENDING or DEAD rows. */
    public Optional<Group> group(String destination, String eventType) {
      return groups.stream()
          .filter(g -> g.destination().equals(destination) && g.eventType().equals(eventType))
          .findFirst();
    }
  }
}
