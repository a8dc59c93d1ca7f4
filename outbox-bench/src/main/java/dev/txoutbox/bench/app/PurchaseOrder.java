package dev.txoutbox.bench.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** What the benchmark's business transaction stores. */
@Entity
@Table(name = "bench_order")
public class PurchaseOrder {
  @Id String id;
  Long customerId;
  String tier;
  BigDecimal amount;
  Long createdAt;

  protected PurchaseOrder() {}

  PurchaseOrder(String id, Customer customer, BigDecimal amount) {
    this.id = id;
    this.customerId = customer.id;
    this.tier = customer.tier;
    this.amount = amount;
    this.createdAt = System.currentTimeMillis();
  }
}
