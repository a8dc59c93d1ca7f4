package ${package};

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Places orders: the order row and its OrderPlaced event commit in one transaction (this EJB's), or
 * neither does. The relay sends the event to the queue after the commit.
 */
@Stateless
public class Orders {
  @PersistenceContext(unitName = "orders")
  EntityManager em;

  @Inject OutboxService outbox;

  public Order place(String item, int quantity) {
    if (item == null || item.isBlank()) {
      throw new OrderRejected("item is required");
    }
    if (item.strip().length() > Order.ITEM_LENGTH) {
      throw new OrderRejected("item is longer than " + Order.ITEM_LENGTH + " characters");
    }
    if (quantity < 1 || quantity > 1000) {
      throw new OrderRejected("quantity must be a whole number from 1 to 1000");
    }
    Order order = new Order(item.strip(), quantity);
    em.persist(order);
    outbox.publish(
        OutboxEvent.of(
                "OrderPlaced", new OrderPlaced(order.getId(), order.getItem(), order.getQuantity()))
            .aggregate("Order", order.getId())
            .orderingKey(order.getId())
            .build());
    return order;
  }

  public Optional<Order> find(String id) {
    return Optional.ofNullable(em.find(Order.class, id));
  }

  public boolean shipped(String orderId) {
    return em.find(Shipment.class, orderId) != null;
  }
}
