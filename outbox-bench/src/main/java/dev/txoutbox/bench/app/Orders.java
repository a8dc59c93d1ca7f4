package dev.txoutbox.bench.app;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The business transaction of B1 and B3: look a customer up, store an order, and, in the outbox
 * variant, publish an event of about 200 bytes about it. Each call is one container transaction.
 */
@Stateless
public class Orders {
  static final int CUSTOMERS = 100;

  @PersistenceContext(unitName = "bench")
  EntityManager em;

  @Inject OutboxService outbox;
  @Inject Tally tally;
  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Places an order; with {@code publish}, also publishes OrderPlaced. With {@code timed}, the
   * commit's moment is noted for the latency of the event (B3).
   */
  public void place(boolean publish, boolean timed) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Customer customer = em.find(Customer.class, (long) random.nextInt(CUSTOMERS));
    String id = UUID.randomUUID().toString();
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(1, 100_000), 2);
    em.persist(new PurchaseOrder(id, customer, amount));
    if (publish) {
      UUID event =
          outbox.publish(
              OutboxEvent.of("OrderPlaced", Payloads.orderPlaced(id, customer.id, amount))
                  .aggregate("Order", id)
                  .build());
      if (timed) {
        whenCommitted(transactions, event.toString(), tally);
      }
    }
  }

  /**
   * Places an order and writes the row that {@code publish} would, by plain SQL instead of the
   * outbox: the same columns and values, into the same table and indexes. The ceiling of B1 with
   * the relay elsewhere: what the row itself costs the transaction, without anything of the
   * library's.
   */
  public void placeWithRow() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Customer customer = em.find(Customer.class, (long) random.nextInt(CUSTOMERS));
    String id = UUID.randomUUID().toString();
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(1, 100_000), 2);
    em.persist(new PurchaseOrder(id, customer, amount));
    Timestamp now = Timestamp.from(Instant.now());
    em.createNativeQuery(
            "INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id,"
                + " destination, payload, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, 0, 'OrderPlaced', 'Order', ?, 'events', ?, 'PENDING', 0, ?, ?)")
        .setParameter(1, UUID.randomUUID().toString())
        .setParameter(2, id)
        .setParameter(3, Payloads.orderPlaced(id, customer.id, amount))
        .setParameter(4, now)
        .setParameter(5, now)
        .executeUpdate();
  }

  /** Notes the moment the current transaction commits, for the event or message {@code id}. */
  static void whenCommitted(
      TransactionSynchronizationRegistry transactions, String id, Tally tally) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              tally.committed(id, System.nanoTime());
            }
          }
        });
  }

  /** The customers every order looks up; created once. */
  public void createCustomers() {
    if (em.find(Customer.class, 0L) == null) {
      for (long id = 0; id < CUSTOMERS; id++) {
        em.persist(new Customer(id));
      }
    }
  }
}
