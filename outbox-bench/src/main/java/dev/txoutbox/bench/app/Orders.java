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
  @Inject Receipts receipts;
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
        whenCommitted(transactions, event.toString(), receipts);
      }
    }
  }

  /** Notes the moment the current transaction commits, for the event or message {@code id}. */
  static void whenCommitted(
      TransactionSynchronizationRegistry transactions, String id, Receipts receipts) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              receipts.committed(id, System.nanoTime());
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
