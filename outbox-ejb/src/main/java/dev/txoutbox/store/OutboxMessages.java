package dev.txoutbox.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The outbox rows on the write path and the relay's path. {@link #add} joins the caller's
 * transaction; the relay's operations each run in a short transaction of their own.
 */
@ApplicationScoped
public class OutboxMessages {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Inject OrderingKeys keys;
  @Inject Database database;
  @Inject Event<Pending> pending;

  /**
   * Stores a new row in the caller's transaction; a keyed row gets the next seq of its key (see
   * {@link OrderingKeys}). The insert is flushed at once, so that a constraint violation reaches
   * the publisher, and the row is visible to the rest of the transaction.
   */
  @Transactional(TxType.MANDATORY)
  public void add(OutboxMessage message) {
    String key = message.orderingKey();
    if (key != null) {
      message.sequence(keys.next(key).orElseGet(() -> registerAndNext(key)));
    }
    em.persist(message);
    em.flush();
    pending.fire(new Pending(message.id()));
  }

  private long registerAndNext(String key) {
    try {
      keys.register(key);
    } catch (RuntimeException concurrentlyRegistered) {
      // another transaction created the row first: incrementing it below is all this one needs
    }
    return keys.next(key)
        .orElseThrow(() -> new IllegalStateException("txoutbox: cannot lock ordering key " + key));
  }

  /** The id of the row stored under an idempotency key, if any (in the caller's transaction). */
  @Transactional(TxType.MANDATORY)
  public Optional<String> idOfIdempotencyKey(String idempotencyKey) {
    return em.createQuery(
            "SELECT m.id FROM OutboxMessage m WHERE m.idempotencyKey = :key", String.class)
        .setParameter("key", idempotencyKey)
        .getResultStream()
        .findFirst();
  }

  /**
   * Leases up to {@code limit} due rows to {@code token} for {@code lease}, by the database's
   * clock, and returns them oldest first with that clock's time. Only the head of each ordering key
   * is due: a row waits while an earlier row of its key is pending, or dead when {@code
   * deadBlocks}. A row another relay holds under a live lease is left alone; where the database
   * can, so is a row another relay is claiming at this moment ({@code SKIP LOCKED}), instead of
   * waiting for it.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Claim claim(String token, Duration lease, int limit, boolean deadBlocks) {
    Instant now = database.now(em);
    List<String> due =
        em.createNamedQuery("OutboxMessage.due", String.class)
            .setParameter("now", now)
            .setParameter(
                "blocking",
                deadBlocks ? List.of(Status.PENDING, Status.DEAD) : List.of(Status.PENDING))
            // with SKIP LOCKED, more candidates than needed: some may be locked by other relays
            .setMaxResults(database.dialect().skipLocked() ? limit * 3 : limit)
            .getResultList();
    if (!due.isEmpty() && database.dialect().skipLocked()) {
      due = unlocked(due, now, limit);
    }
    if (due.isEmpty()) {
      return new Claim(List.of(), now);
    }
    em.createNamedQuery("OutboxMessage.claim")
        .setParameter("token", token)
        .setParameter("leaseUntil", now.plus(lease))
        .setParameter("ids", due)
        .setParameter("now", now)
        .executeUpdate();
    return new Claim(
        em.createNamedQuery("OutboxMessage.claimed", OutboxMessage.class)
            .setParameter("token", token)
            .getResultList(),
        now);
  }

  /**
   * Locks the rows of {@code ids} that are still claimable, skipping those another transaction
   * holds. The due query itself takes no locks: its head-of-key check must see a row that another
   * relay is claiming, which a locking read with SKIP LOCKED would pass over.
   */
  @SuppressWarnings("unchecked")
  private List<String> unlocked(List<String> ids, Instant now, int limit) {
    String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Query lock =
        em.createNativeQuery(
            "SELECT id FROM outbox_message WHERE id IN ("
                + placeholders
                + ") AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)"
                + " ORDER BY created_at LIMIT "
                + limit
                + " FOR UPDATE SKIP LOCKED");
    int position = 1;
    for (String id : ids) {
      lock.setParameter(position++, id);
    }
    lock.setParameter(position, Timestamp.from(now));
    return ((List<Object>) lock.getResultList()).stream().map(String::valueOf).toList();
  }

  /** Rows just claimed, oldest first, and the database's time of the claim. */
  public record Claim(List<OutboxMessage> rows, Instant now) {}

  /**
   * Completes sent rows, but only those still claimed by {@code token}: a relay whose lease ran out
   * cannot complete rows that another relay has claimed since. The rows {@code kept} become SENT,
   * the rows {@code deleted} are deleted. Returns how many rows it completed. Joins the caller's
   * transaction (exactly-once mode: the one that sends them); runs in its own otherwise.
   */
  @Transactional(TxType.REQUIRED)
  public int markSent(
      String token, Collection<String> kept, Collection<String> deleted, Instant now) {
    int completed = 0;
    if (!kept.isEmpty()) {
      completed +=
          em.createNamedQuery("OutboxMessage.sent")
              .setParameter("ids", kept)
              .setParameter("token", token)
              .setParameter("now", now)
              .executeUpdate();
    }
    if (!deleted.isEmpty()) {
      completed +=
          em.createNamedQuery("OutboxMessage.deleteSent")
              .setParameter("ids", deleted)
              .setParameter("token", token)
              .executeUpdate();
    }
    return completed;
  }

  /** Records failed attempts (fenced like {@link #markSent}); returns how many rows it changed. */
  @Transactional(TxType.REQUIRES_NEW)
  public int markFailed(String token, Collection<Failure> failures) {
    int changed = 0;
    for (Failure failure : failures) {
      changed +=
          em.createNamedQuery("OutboxMessage.failed")
              .setParameter("id", failure.id())
              .setParameter("token", token)
              .setParameter("status", failure.dead() ? Status.DEAD : Status.PENDING)
              .setParameter("error", failure.error())
              .setParameter("nextAttemptAt", failure.nextAttemptAt())
              .executeUpdate();
    }
    return changed;
  }

  /**
   * Deletes up to {@code limit} SENT rows sent before {@code before}; rows with an idempotency key
   * only once they were also sent before {@code keyedBefore}. PENDING, DEAD and SKIPPED rows are
   * never purged. Returns the rows deleted.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public int purgeSent(Instant before, Instant keyedBefore, int limit) {
    List<String> old =
        em.createNamedQuery("OutboxMessage.sentBefore", String.class)
            .setParameter("before", before)
            .setParameter("keyedBefore", keyedBefore)
            .setMaxResults(limit)
            .getResultList();
    return old.isEmpty()
        ? 0
        : em.createNamedQuery("OutboxMessage.delete").setParameter("ids", old).executeUpdate();
  }

  /**
   * A failed attempt: its row, the error as text, and when to try again; {@code dead} when it was
   * the last attempt.
   */
  public record Failure(String id, String error, Instant nextAttemptAt, boolean dead) {
    public Failure {
      error = error.length() > 2000 ? error.substring(0, 2000) : error;
    }
  }
}
