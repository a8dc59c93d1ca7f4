package ${package};

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The shipment of an order, recorded by {@link Shipping} once per order. */
@Entity
@Table(name = "shop_shipment")
public class Shipment {
  @Id
  @Column(length = 36)
  private String orderId;

  @Column(nullable = false, length = 36)
  private String eventId;

  @Column(nullable = false)
  private Instant shippedAt;

  protected Shipment() {}

  Shipment(String orderId, String eventId) {
    this.orderId = orderId;
    this.eventId = eventId;
    this.shippedAt = Instant.now();
  }
}
