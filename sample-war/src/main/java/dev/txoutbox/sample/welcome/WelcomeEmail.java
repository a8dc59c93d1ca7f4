package dev.txoutbox.sample.welcome;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A welcome email the sample "sent": recorded instead of mailed. */
@Entity
@Table(name = "sample_welcome_email")
@NamedQuery(name = "WelcomeEmail.all", query = "SELECT w FROM WelcomeEmail w ORDER BY w.sentAt")
public class WelcomeEmail {
  /** A sent welcome email as GET /api/welcome-emails lists it. */
  public record SentEmail(String userId, String email, String eventId, Instant sentAt) {}

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "user_id", nullable = false, length = 36)
  private String userId;

  @Column(nullable = false, length = 320)
  private String email;

  @Column(name = "event_id", nullable = false, length = 36)
  private String eventId;

  @Column(name = "sent_at", nullable = false)
  private LocalDateTime sentAt; // UTC

  protected WelcomeEmail() {}

  WelcomeEmail(String userId, String email, String eventId, Instant sentAt) {
    this.id = UUID.randomUUID().toString();
    this.userId = userId;
    this.email = email;
    this.eventId = eventId;
    this.sentAt = LocalDateTime.ofInstant(sentAt, ZoneOffset.UTC);
  }

  public SentEmail sent() {
    return new SentEmail(userId, email, eventId, sentAt.toInstant(ZoneOffset.UTC));
  }
}
