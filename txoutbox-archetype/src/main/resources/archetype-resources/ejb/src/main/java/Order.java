package ${package};

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An order. Its table is generated at deployment (persistence.xml); ship DDL in production. */
@Entity
@Table(name = "shop_order")
public class Order {
  /** The longest item name the table holds; {@link Orders} checks it before the database. */
  public static final int ITEM_LENGTH = 100;

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = ITEM_LENGTH)
  private String item;

  @Column(nullable = false)
  private int quantity;

  @Column(nullable = false)
  private Instant placedAt;

  protected Order() {}

  Order(String item, int quantity) {
    this.id = UUID.randomUUID().toString();
    this.item = item;
    this.quantity = quantity;
    this.placedAt = Instant.now();
  }

  public String getId() {
    return id;
  }

  public String getItem() {
    return item;
  }

  public int getQuantity() {
    return quantity;
  }
}
