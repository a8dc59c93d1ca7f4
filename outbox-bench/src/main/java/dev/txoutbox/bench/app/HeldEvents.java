package dev.txoutbox.bench.app;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The backlog of B2 and B4, published through the outbox like any event but held back (due only in
 * the year 2100) until {@link #release} makes it all due at once; so the relay drains a full
 * backlog, and publishing it is not part of what is timed.
 */
@Stateless
public class HeldEvents {
  private static final Timestamp HELD = Timestamp.from(Instant.parse("2100-01-01T00:00:00Z"));
  private static final Timestamp DUE = Timestamp.from(Instant.parse("2000-01-01T00:00:00Z"));

  @PersistenceContext(unitName = "bench")
  EntityManager em;

  @Inject OutboxService outbox;
  @Inject OutboxAdmin admin;

  /**
   * Publishes {@code count} events of type {@code type} in this transaction, held back; with {@code
   * keys} above zero, spread round-robin over that many ordering keys.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void stage(String type, int from, int count, int keys) {
    for (int i = from; i < from + count; i++) {
      String id = UUID.randomUUID().toString();
      OutboxEvent.Builder event =
          OutboxEvent.of(type, Payloads.orderPlaced(id, i % 100, BigDecimal.valueOf(i, 2)))
              .aggregate("Order", id);
      if (keys > 0) {
        event.orderingKey(type + "-" + (i % keys));
      }
      outbox.publish(event.build());
    }
    // the outbox writes rows without an idempotency key at commit; a query of its own writes them
    // now (JPA flushes before a query in the transaction), so that the update below finds them
    admin.countByStatus();
    em.createNativeQuery(
            "UPDATE outbox_message SET next_attempt_at = ? WHERE event_type = ?"
                + " AND status = 'PENDING' AND next_attempt_at < ?")
        .setParameter(1, HELD)
        .setParameter(2, type)
        .setParameter(3, HELD)
        .executeUpdate();
  }

  /**
   * Makes every held event of {@code type} due, and publishes one more (of type {@code
   * type-start}), whose commit wakes the relay at once; returns how many were held.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int release(String type) {
    outbox.publish(OutboxEvent.of(type + "-start", "{}").build());
    return em.createNativeQuery(
            "UPDATE outbox_message SET next_attempt_at = ? WHERE event_type = ?"
                + " AND status = 'PENDING'")
        .setParameter(1, DUE)
        .setParameter(2, type)
        .executeUpdate();
  }

  /** Whether any row is PENDING (an index lookup, however long the backlog). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean anyPending() {
    return !em.createNativeQuery(
            "SELECT id FROM outbox_message WHERE status = 'PENDING' FETCH FIRST 1 ROWS ONLY")
        .getResultList()
        .isEmpty();
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void clear() {
    em.createNativeQuery("DELETE FROM outbox_message").executeUpdate();
  }

  /** Rows still PENDING, of any type. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long pending() {
    return ((Number)
            em.createNativeQuery("SELECT COUNT(*) FROM outbox_message WHERE status = 'PENDING'")
                .getSingleResult())
        .longValue();
  }
}
