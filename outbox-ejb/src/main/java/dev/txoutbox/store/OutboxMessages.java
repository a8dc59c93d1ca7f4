package dev.txoutbox.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Stores a new row in the caller's transaction; a keyed row gets the next seq of its key (see
   * {@link OrderingKeys}). A row with an idempotency key is flushed at once, so that a repeated key
   * reaches the publisher as a constraint violation; the others are written at the latest at
   * commit, together (JDBC batch writing, where the provider does it).
   */
  @Transactional(TxType.MANDATORY)
  public void add(OutboxMessage message) {
    String key = message.orderingKey();
    if (key != null) {
      message.sequence(keys.next(key).orElseGet(() -> registerAndNext(key)));
    }
    em.persist(message);
    if (message.idempotencyKey() != null) {
      em.flush();
    }
    pendingInThisTransaction().add(message.id());
  }

  private long registerAndNext(String key) {
    try {
      keys.register(key);
    } catch (PersistenceException concurrentlyRegistered) {
      // another transaction created the row first: incrementing it below is all this one needs
    }
    return keys.next(key)
        .orElseThrow(() -> new IllegalStateException("txoutbox: cannot lock ordering key " + key));
  }

  /** The ids this transaction made pending; the first call fires {@link Pending} with them. */
  @SuppressWarnings("unchecked")
  private List<String> pendingInThisTransaction() {
    List<String> ids = (List<String>) transactions.getResource(Pending.class);
    if (ids == null) {
      ids = new ArrayList<>();
      transactions.putResource(Pending.class, ids);
      pending.fire(new Pending(ids));
    }
    return ids;
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
   * Leases up to {@code limit} due rows (among {@code ids} unless empty) to {@code token}, heads of
   * their keys only, in the caller's transaction; see {@link Claims#claim}. The due query itself
   * takes no locks: its head-of-key check must see a row that another relay is claiming, which a
   * locking read with SKIP LOCKED would pass over.
   */
  @Transactional(TxType.MANDATORY)
  Claims.Claim claim(
      String token, Duration lease, int limit, boolean deadBlocks, Collection<String> ids) {
    Instant now = database.now(em);
    TypedQuery<String> dueQuery =
        em.createNamedQuery(
                ids.isEmpty() ? "OutboxMessage.due" : "OutboxMessage.dueAmong", String.class)
            .setParameter("now", now)
            .setParameter(
                "blocking",
                deadBlocks ? List.of(Status.PENDING, Status.DEAD) : List.of(Status.PENDING))
            // with SKIP LOCKED, more candidates than needed: some may be locked by other relays
            .setMaxResults(database.dialect().skipLocked() ? limit * 3 : limit);
    if (!ids.isEmpty()) {
      dueQuery.setParameter("ids", ids);
    }
    List<String> due = dueQuery.getResultList();
    if (!due.isEmpty() && database.dialect().skipLocked()) {
      due = unlocked(due, now, limit);
    }
    if (due.isEmpty()) {
      return new Claims.Claim(List.of(), now, 0);
    }
    em.createNamedQuery("OutboxMessage.claim")
        .setParameter("token", token)
        .setParameter("leaseUntil", now.plus(lease))
        .setParameter("ids", due)
        .setParameter("now", now)
        .executeUpdate();
    return new Claims.Claim(
        em.createNamedQuery("OutboxMessage.claimed", OutboxMessage.class)
            .setParameter("token", token)
            .getResultList(),
        now,
        0);
  }

  /** Locks the rows of {@code ids} that are still claimable, skipping those another holds. */
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

  /**
   * Completes sent rows, but only those still claimed by the token each was sent under: a relay
   * whose lease ran out cannot complete rows that another relay has claimed since. Returns how many
   * rows it completed, in the caller's transaction.
   */
  @Transactional(TxType.MANDATORY)
  int markSent(Completion done) {
    int completed = 0;
    Instant now = done.kept().isEmpty() ? null : database.now(em);
    for (Map.Entry<String, List<String>> kept : byToken(done.kept()).entrySet()) {
      completed +=
          em.createNamedQuery("OutboxMessage.sent")
              .setParameter("ids", kept.getValue())
              .setParameter("token", kept.getKey())
              .setParameter("now", now)
              .executeUpdate();
    }
    for (Map.Entry<String, List<String>> deleted : byToken(done.deleted()).entrySet()) {
      completed +=
          em.createNamedQuery("OutboxMessage.deleteSent")
              .setParameter("ids", deleted.getValue())
              .setParameter("token", deleted.getKey())
              .executeUpdate();
    }
    return completed;
  }

  private static Map<String, List<String>> byToken(Map<String, String> tokenOfId) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    tokenOfId.forEach((id, token) -> ids.computeIfAbsent(token, t -> new ArrayList<>()).add(id));
    return ids;
  }

  /** Records failed attempts (fenced like {@link #markSent}); returns how many rows it changed. */
  @Transactional(TxType.MANDATORY)
  int markFailed(String token, Collection<Claims.Failure> failures) {
    int changed = 0;
    for (Claims.Failure failure : failures) {
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

  /** Gives back claimed rows unsent (fenced like {@link #markSent}): due again, attempts kept. */
  @Transactional(TxType.MANDATORY)
  int release(String token, Collection<String> ids) {
    return ids.isEmpty()
        ? 0
        : em.createNamedQuery("OutboxMessage.release")
            .setParameter("ids", ids)
            .setParameter("token", token)
            .executeUpdate();
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
}
