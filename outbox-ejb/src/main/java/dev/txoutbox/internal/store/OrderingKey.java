package dev.txoutbox.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** The lock row of an ordering key (see {@link OrderingKeys}). */
@Entity
@Table(name = "outbox_key")
@NamedQuery(
    name = "OrderingKey.lock",
    query =
        "UPDATE OrderingKey k SET k.version = k.version + 1, k.usedAt = :now WHERE k.key = :key")
@NamedQuery(
    name = "OrderingKey.version",
    query = "SELECT k.version FROM OrderingKey k WHERE k.key = :key")
@NamedQuery(
    name = "OrderingKey.idle",
    query =
        "SELECT k.key, k.version FROM OrderingKey k WHERE k.usedAt < :before AND NOT EXISTS ("
            + "SELECT m.id FROM OutboxMessage m WHERE m.orderingKey = k.key"
            + " AND m.status IN :unfinished)")
@NamedQuery(
    name = "OrderingKey.purge",
    query =
        "DELETE FROM OrderingKey k"
            + " WHERE k.key = :key AND k.version = :version AND k.usedAt < :before")
class OrderingKey {
  @Id
  @Column(name = "ordering_key", length = 200)
  private String key;

  @Column(nullable = false)
  long version;

  @Column(name = "used_at", nullable = false)
  private Instant usedAt;

  protected OrderingKey() {}

  OrderingKey(String key, Instant usedAt) {
    this.key = key;
    this.usedAt = usedAt;
  }
}
