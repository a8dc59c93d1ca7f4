package dev.txoutbox.internal.store;

import dev.txoutbox.internal.config.OutboxConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  @Inject OutboxConfig config;
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
    if (config.relayEnabled() && config.wakeUp()) {
      // for this server's relay after commit; without a relay or its wake-up, nothing to register
      pendingInThisTransaction().add(message.id());
    }
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
   * Leases due rows as {@code wanted} asks, in the caller's transaction: the heads of their keys,
   * each keyed head with the contiguous next rows of its key (a run, as {@link
   * Dialect#claimStatement} claims it); see {@link Claims#claim}. The due query itself takes no
   * locks: its head-of-key check must see a row that another relay is claiming, which a locking
   * read with SKIP LOCKED would pass over.
   */
  @Transactional(TxType.MANDATORY)
  Claims.Claim claim(Claims.Wanted wanted) {
    Collection<String> ids = wanted.ids();
    int limit = wanted.limit();
    Instant now = database.now(em);
    TypedQuery<Object[]> dueQuery =
        em.createNamedQuery(
                ids.isEmpty() ? "OutboxMessage.due" : "OutboxMessage.dueAmong", Object[].class)
            .setParameter("now", now)
            .setParameter(
                "blocking",
                wanted.deadBlocks()
                    ? List.of(Status.PENDING, Status.DEAD)
                    : List.of(Status.PENDING))
            // with SKIP LOCKED, more candidates than needed: some may be locked by other relays
            .setMaxResults(database.dialect().skipLocked() ? limit * 3 : limit);
    if (!ids.isEmpty()) {
      dueQuery.setParameter("ids", ids);
    }
    Map<String, Position> heads = new LinkedHashMap<>();
    for (Object[] row : dueQuery.getResultList()) {
      heads.put((String) row[0], new Position((String) row[1], (Long) row[2]));
    }
    if (!heads.isEmpty() && database.dialect().skipLocked()) {
      heads.keySet().retainAll(unlocked(heads.keySet(), now, limit));
    }
    if (heads.isEmpty()) {
      return new Claims.Claim(List.of(), now, 0);
    }
    List<String> picked = new ArrayList<>(heads.keySet());
    picked.addAll(runs(heads.values(), (limit - heads.size()) / heads.size(), now));
    em.createNamedQuery("OutboxMessage.claim")
        .setParameter("token", wanted.token())
        .setParameter("leaseUntil", now.plus(wanted.lease()))
        .setParameter("ids", picked)
        .setParameter("now", now)
        .executeUpdate();
    return new Claims.Claim(
        em.createNamedQuery("OutboxMessage.claimed", OutboxMessage.class)
            .setParameter("token", wanted.token())
            .getResultList(),
        now,
        0);
  }

  /** Where a row stands in its key: the key (null for none) and its seq. */
  private record Position(String key, long seq) {}

  /**
   * The ids of the rows that follow the keyed {@code heads} in their keys, up to {@code perHead}
   * each: due, unleased, and contiguous in seq (a run ends at the first gap, or at a row another
   * relay holds).
   */
  private List<String> runs(Collection<Position> heads, int perHead, Instant now) {
    List<Position> keyed = heads.stream().filter(head -> head.key() != null).toList();
    if (keyed.isEmpty() || perHead <= 0) {
      return List.of();
    }
    StringBuilder ranges = new StringBuilder();
    for (int i = 0; i < keyed.size(); i++) {
      ranges.append(i == 0 ? "" : " OR ");
      ranges.append(
          "(m.orderingKey = ?%d AND m.seq > ?%d AND m.seq <= ?%d)"
              .formatted(3 * i + 2, 3 * i + 3, 3 * i + 4));
    }
    TypedQuery<Object[]> following =
        em.createQuery(
                "SELECT m.id, m.orderingKey, m.seq FROM OutboxMessage m"
                    + " WHERE m.status = dev.txoutbox.internal.store.Status.PENDING"
                    + " AND m.nextAttemptAt <= ?1 AND (m.leaseUntil IS NULL OR m.leaseUntil < ?1)"
                    + " AND ("
                    + ranges
                    + ") ORDER BY m.orderingKey, m.seq",
                Object[].class)
            .setParameter(1, now);
    for (int i = 0; i < keyed.size(); i++) {
      Position head = keyed.get(i);
      following
          .setParameter(3 * i + 2, head.key())
          .setParameter(3 * i + 3, head.seq())
          .setParameter(3 * i + 4, head.seq() + perHead);
    }
    List<Object[]> rows = following.getResultList();
    Set<String> free = new HashSet<>();
    rows.forEach(row -> free.add((String) row[0]));
    if (!free.isEmpty() && database.dialect().skipLocked()) {
      free.retainAll(unlocked(free, now, free.size()));
    }
    Map<String, Long> next = new HashMap<>();
    keyed.forEach(head -> next.put(head.key(), head.seq() + 1));
    List<String> run = new ArrayList<>();
    for (Object[] row : rows) {
      String id = (String) row[0];
      String key = (String) row[1];
      long seq = (Long) row[2];
      if (free.contains(id) && next.get(key) == seq) {
        run.add(id);
        next.put(key, seq + 1);
      }
    }
    return run;
  }

  /** Locks the rows of {@code ids} that are still claimable, skipping those another holds. */
  @SuppressWarnings("unchecked")
  private List<String> unlocked(Collection<String> ids, Instant now, int limit) {
    Query lock = em.createNativeQuery(Dialect.lockClaimable(database.tables(), ids.size()));
    int position = 1;
    for (String id : ids) {
      lock.setParameter(position++, id);
    }
    lock.setParameter(position++, Timestamp.from(now));
    lock.setParameter(position, limit);
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
