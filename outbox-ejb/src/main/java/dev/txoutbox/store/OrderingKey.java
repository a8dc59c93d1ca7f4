package dev.txoutbox.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The lock row of an ordering key (see {@link OrderingKeys}). */
@Entity
@Table(name = "outbox_key")
@NamedQuery(
    name = "OrderingKey.lock",
    query = "UPDATE OrderingKey k SET k.version = k.version + 1 WHERE k.key = :key")
@NamedQuery(
    name = "OrderingKey.version",
    query = "SELECT k.version FROM OrderingKey k WHERE k.key = :key")
class OrderingKey {
  @Id
  @Column(name = "ordering_key", length = 200)
  private String key;

  @Column(nullable = false)
  private long version;

  protected OrderingKey() {}

  OrderingKey(String key) {
    this.key = key;
  }
}
