package dev.txoutbox.bench.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Looked up by every order: the "realistic lookup" of the business transaction. */
@Entity
@Table(name = "bench_customer")
public class Customer {
  @Id Long id;
  String name;
  String tier;

  protected Customer() {}

  Customer(long id) {
    this.id = id;
    this.name = "customer " + id;
    this.tier = id % 10 == 0 ? "gold" : "standard";
  }
}
