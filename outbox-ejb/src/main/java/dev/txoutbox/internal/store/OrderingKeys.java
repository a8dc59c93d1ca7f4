package dev.txoutbox.internal.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Commit order per ordering key. A publish increments its key's version, which locks the key's row
 * until the transaction ends, and gives the new version to its event as seq. A second transaction
 * on the same key waits for the first to end, so per key, seq order is commit order, on any number
 * of servers, and the relay sends each key in seq order.
 *
 * <p>The row of a key that has been idle for {@code outbox.retention.keys} and has no PENDING or
 * DEAD event is purged; the key's seq starts again at 1. The purge deletes a key only at the
 * version at which it found the key idle, one key per transaction: a publish that increments the
 * version in between (committed or not, since the delete waits for its row lock) keeps the row, and
 * a publish after the delete creates a fresh row. So no event that may still be sent shares its key
 * with a seq from a fresh row, and the purge holds at most one lock at a time: it cannot deadlock
 * with a publisher.
 */
@ApplicationScoped
public class OrderingKeys {

  /** A key found idle, at the version it had then. */
  public record IdleKey(String key, long version) {}

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Inject Database database;

  /**
   * Increments the key's version in the caller's transaction and returns the new version. Where the
   * database has an upsert, one statement also creates a new key's row at 1 (two statements on
   * MariaDB, on one connection). Elsewhere (Derby, H2) the answer is empty for a key that has no
   * row yet: {@link #register} it, then ask again.
   */
  @Transactional(TxType.MANDATORY)
  Optional<Long> next(String key) {
    Dialect dialect = database.dialect();
    String nextSeq = dialect.nextSeq(database.tables());
    if (nextSeq != null) {
      Query next = em.createNativeQuery(nextSeq).setParameter(1, key);
      if (dialect.readSeq() == null) {
        return Optional.of(((Number) next.getSingleResult()).longValue());
      }
      next.executeUpdate();
      return Optional.of(
          ((Number) em.createNativeQuery(dialect.readSeq()).getSingleResult()).longValue());
    }
    // Look before locking: an UPDATE that finds a purged key's row, deleted but not yet cleaned
    // up, keeps a lock on it that register's insert, in a transaction of its own, would wait for.
    if (version(key).isEmpty()) {
      return Optional.empty();
    }
    Query lock =
        em.createNamedQuery("OrderingKey.lock").setParameter("key", key).setParameter("now", now());
    if (lock.executeUpdate() == 0) {
      // purged in between: this transaction holds the deleted row's lock, so the key is its own
      OrderingKey fresh = new OrderingKey(key, now());
      fresh.version = 1;
      em.persist(fresh);
      em.flush();
      return Optional.of(1L);
    }
    return version(key);
  }

  private Optional<Long> version(String key) {
    return em.createNamedQuery("OrderingKey.version", Long.class)
        .setParameter("key", key)
        .getResultStream()
        .findFirst();
  }

  /** Creates the key's row in a transaction of its own (Derby and H2, without the upsert). */
  @Transactional(TxType.REQUIRES_NEW)
  void register(String key) {
    em.persist(new OrderingKey(key, now()));
  }

  /** The database's clock (Derby runs in this JVM: its clock is the JVM's). */
  private Instant now() {
    return database.now(em);
  }

  /**
   * Up to {@code limit} keys last used before {@code before} that have no PENDING or DEAD event, at
   * their current versions; it locks nothing.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public List<IdleKey> idle(Instant before, int limit) {
    return em.createNamedQuery("OrderingKey.idle", Object[].class)
        .setParameter("before", before)
        .setParameter("unfinished", List.of(Status.PENDING, Status.DEAD))
        .setMaxResults(limit)
        .getResultStream()
        .map(row -> new IdleKey((String) row[0], ((Number) row[1]).longValue()))
        .toList();
  }

  /**
   * Deletes an idle key's row if it is still at the version it was found idle at (no publish since)
   * and still unused since {@code before}; returns whether it did.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean purge(IdleKey idle, Instant before) {
    return em.createNamedQuery("OrderingKey.purge")
            .setParameter("key", idle.key())
            .setParameter("version", idle.version())
            .setParameter("before", before)
            .executeUpdate()
        == 1;
  }
}
