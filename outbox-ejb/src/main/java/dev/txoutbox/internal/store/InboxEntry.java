package dev.txoutbox.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One (consumer, event) pair that has been processed. */
@Entity
@Table(name = "outbox_inbox")
@IdClass(InboxEntry.Key.class)
@NamedQuery(
    name = "InboxEntry.receivedBefore",
    query = "SELECT e.consumer, e.eventId FROM InboxEntry e WHERE e.receivedAt < :before")
public class InboxEntry {

  /** The composite primary key (a class, not a record: JPA providers instantiate it). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String consumer;
    private String eventId;

    public Key() {}

    Key(String consumer, String eventId) {
      this.consumer = consumer;
      this.eventId = eventId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(consumer, key.consumer)
          && Objects.equals(eventId, key.eventId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(consumer, eventId);
    }
  }

  @Id
  @Column(length = 200)
  private String consumer;

  @Id
  @Column(name = "event_id", length = 36)
  private String eventId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected InboxEntry() {}

  InboxEntry(String consumer, String eventId, Instant receivedAt) {
    this.consumer = consumer;
    this.eventId = eventId;
    this.receivedAt = receivedAt;
  }
}
