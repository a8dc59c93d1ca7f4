package dev.txoutbox.sample.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One event of the topic user-events, as the audit log recorded it. The id is its own, not the
 * event's: the inbox alone keeps a redelivered event from being recorded twice.
 */
@Entity
@Table(name = "sample_audit_entry")
@NamedQuery(name = "AuditEntry.all", query = "SELECT a FROM AuditEntry a ORDER BY a.recordedAt")
public class AuditEntry {
  /** An entry as GET /api/audit-log lists it. */
  public record Entry(
      String eventId, String type, String userId, Instant publishedAt, Instant recordedAt) {}

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "event_id", nullable = false, length = 36)
  private String eventId;

  @Column(name = "event_type", nullable = false, length = 200)
  private String type;

  @Column(name = "user_id", length = 200)
  private String userId; // the event's aggregate id; none for an event without an aggregate

  @Column(name = "published_at", nullable = false)
  private LocalDateTime publishedAt; // UTC

  @Column(name = "recorded_at", nullable = false)
  private LocalDateTime recordedAt; // UTC

  protected AuditEntry() {}

  AuditEntry(String eventId, String type, String userId, Instant publishedAt, Instant recordedAt) {
    this.id = UUID.randomUUID().toString();
    this.eventId = eventId;
    this.type = type;
    this.userId = userId;
    this.publishedAt = LocalDateTime.ofInstant(publishedAt, ZoneOffset.UTC);
    this.recordedAt = LocalDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
  }

  public Entry entry() {
    return new Entry(
        eventId,
        type,
        userId,
        publishedAt.toInstant(ZoneOffset.UTC),
        recordedAt.toInstant(ZoneOffset.UTC));
  }
}
