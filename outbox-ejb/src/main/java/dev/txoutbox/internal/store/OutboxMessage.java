package dev.txoutbox.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event in the outbox table. The id is a UUID; seq numbers the events of one ordering key. */
@Entity
@Table(name = "outbox_message")
@NamedQuery(
    name = "OutboxMessage.due",
    query =
        "SELECT m.id, m.orderingKey, m.seq FROM OutboxMessage m"
            + " WHERE m.status = dev.txoutbox.internal.store.Status.PENDING AND m.nextAttemptAt <= :now AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)"
            + " AND (m.orderingKey IS NULL OR NOT EXISTS (SELECT p.id FROM OutboxMessage p"
            + " WHERE p.orderingKey = m.orderingKey AND p.seq < m.seq AND p.status IN :blocking))"
            // the due index's order, so that an ordered index scan can stop at the limit
            + " ORDER BY m.nextAttemptAt, m.createdAt")
@NamedQuery(
    name = "OutboxMessage.dueAmong",
    query =
        "SELECT m.id, m.orderingKey, m.seq FROM OutboxMessage m WHERE m.id IN :ids"
            + " AND m.status = dev.txoutbox.internal.store.Status.PENDING"
            + " AND m.nextAttemptAt <= :now AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)"
            + " AND (m.orderingKey IS NULL OR NOT EXISTS (SELECT p.id FROM OutboxMessage p"
            + " WHERE p.orderingKey = m.orderingKey AND p.seq < m.seq AND p.status IN :blocking))"
            + " ORDER BY m.nextAttemptAt, m.createdAt")
@NamedQuery(
    name = "OutboxMessage.release",
    query =
        "UPDATE OutboxMessage m SET m.claimedBy = NULL, m.leaseUntil = NULL"
            + " WHERE m.id IN :ids AND m.claimedBy = :token")
@NamedQuery(
    name = "OutboxMessage.claim",
    query =
        "UPDATE OutboxMessage m SET m.claimedBy = :token, m.leaseUntil = :leaseUntil"
            + " WHERE m.id IN :ids AND m.status = dev.txoutbox.internal.store.Status.PENDING"
            + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
@NamedQuery(
    name = "OutboxMessage.claimed",
    query = "SELECT m FROM OutboxMessage m WHERE m.claimedBy = :token ORDER BY m.createdAt")
@NamedQuery(
    name = "OutboxMessage.sent",
    query =
        "UPDATE OutboxMessage m SET m.status = dev.txoutbox.internal.store.Status.SENT, m.sentAt = :now,"
            + " m.claimedBy = NULL, m.leaseUntil = NULL"
            + " WHERE m.id IN :ids AND m.claimedBy = :token")
@NamedQuery(
    name = "OutboxMessage.deleteSent",
    query = "DELETE FROM OutboxMessage m WHERE m.id IN :ids AND m.claimedBy = :token")
@NamedQuery(
    name = "OutboxMessage.failed",
    query =
        "UPDATE OutboxMessage m SET m.status = :status, m.attempts = m.attempts + 1,"
            + " m.lastError = :error, m.nextAttemptAt = :nextAttemptAt, m.claimedBy = NULL,"
            + " m.leaseUntil = NULL WHERE m.id = :id AND m.claimedBy = :token")
@NamedQuery(
    name = "OutboxMessage.countByStatus",
    query = "SELECT m.status, COUNT(m) FROM OutboxMessage m GROUP BY m.status")
// the backlog (health checks, metrics); the status literal lets PostgreSQL use its partial indexes
@NamedQuery(
    name = "OutboxMessage.pendingBacklog",
    query =
        "SELECT m.destination, m.eventType, COUNT(m), MIN(m.createdAt) FROM OutboxMessage m"
            + " WHERE m.status = dev.txoutbox.internal.store.Status.PENDING"
            + " GROUP BY m.destination, m.eventType")
@NamedQuery(
    name = "OutboxMessage.deadBacklog",
    query =
        "SELECT m.destination, m.eventType, COUNT(m) FROM OutboxMessage m"
            + " WHERE m.status = dev.txoutbox.internal.store.Status.DEAD"
            + " GROUP BY m.destination, m.eventType")
@NamedQuery(
    name = "OutboxMessage.replay",
    query =
        "UPDATE OutboxMessage m SET m.status = dev.txoutbox.internal.store.Status.PENDING, m.attempts = 0,"
            + " m.nextAttemptAt = :now WHERE m.id IN :ids"
            + " AND m.status = dev.txoutbox.internal.store.Status.DEAD")
@NamedQuery(
    name = "OutboxMessage.deadOfTypeBetween",
    query =
        "SELECT m FROM OutboxMessage m WHERE m.status = dev.txoutbox.internal.store.Status.DEAD"
            + " AND m.eventType = :type AND m.createdAt >= :from AND m.createdAt < :to")
@NamedQuery(
    name = "OutboxMessage.skip",
    query =
        "UPDATE OutboxMessage m SET m.status = dev.txoutbox.internal.store.Status.SKIPPED,"
            + " m.skipReason = :reason, m.claimedBy = NULL, m.leaseUntil = NULL"
            + " WHERE m.id = :id AND m.status IN :from")
@NamedQuery(
    name = "OutboxMessage.sentBefore",
    query =
        "SELECT m.id FROM OutboxMessage m WHERE m.status = dev.txoutbox.internal.store.Status.SENT"
            + " AND m.sentAt < :before"
            + " AND (m.idempotencyKey IS NULL OR m.sentAt < :keyedBefore)")
@NamedQuery(name = "OutboxMessage.delete", query = "DELETE FROM OutboxMessage m WHERE m.id IN :ids")
public class OutboxMessage {

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, updatable = false)
  private long seq;

  @Column(name = "event_type", nullable = false, length = 200)
  private String eventType;

  @Column(name = "aggregate_type", length = 200)
  private String aggregateType;

  @Column(name = "aggregate_id", length = 200)
  private String aggregateId;

  @Column(name = "ordering_key", length = 200)
  private String orderingKey;

  @Column(nullable = false, length = 200)
  private String destination;

  @Column(nullable = false, length = 32672)
  private String payload;

  @Column(length = 4000)
  private String headers;

  @Column(name = "idempotency_key", length = 200)
  private String idempotencyKey;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "claimed_by", length = 100)
  private String claimedBy;

  @Column(name = "lease_until")
  private Instant leaseUntil;

  @Column(name = "last_error", length = NOTE_LENGTH)
  private String lastError;

  @Column(name = "skip_reason", length = NOTE_LENGTH)
  private String skipReason;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  // the W3C traceparent of version 00 has 55 characters
  @Column(length = 55, updatable = false)
  private String traceparent;

  protected OutboxMessage() {}

  /** The most characters {@code last_error} and {@code skip_reason} hold. */
  public static final int NOTE_LENGTH = 2000;

  /** {@code text}, cut to what {@code last_error} and {@code skip_reason} hold. */
  public static String note(String text) {
    return text.length() > NOTE_LENGTH ? text.substring(0, NOTE_LENGTH) : text;
  }

  /**
   * A new pending row, due at once; {@code traceparent} is the publisher's trace context, or null.
   */
  public OutboxMessage(
      String id,
      String eventType,
      String aggregateType,
      String aggregateId,
      String orderingKey,
      String destination,
      String payload,
      String headers,
      String idempotencyKey,
      String traceparent,
      Instant createdAt) {
    this.id = id;
    this.eventType = eventType;
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.orderingKey = orderingKey;
    this.destination = destination;
    this.payload = payload;
    this.headers = headers;
    this.idempotencyKey = idempotencyKey;
    this.traceparent = traceparent;
    this.status = Status.PENDING;
    this.createdAt = createdAt;
    this.nextAttemptAt = createdAt;
  }

  /**
   * This new row as the relay sees it once claimed (read with plain JDBC, or made by a test): the
   * columns it sends, not a managed entity.
   */
  public OutboxMessage claimed(long seq, int attempts) {
    this.seq = seq;
    this.attempts = attempts;
    return this;
  }

  public String id() {
    return id;
  }

  /** The event's number within its ordering key, in commit order; 0 without a key. */
  public long seq() {
    return seq;
  }

  void sequence(long seq) {
    this.seq = seq;
  }

  public String eventType() {
    return eventType;
  }

  public String aggregateType() {
    return aggregateType;
  }

  public String aggregateId() {
    return aggregateId;
  }

  public String orderingKey() {
    return orderingKey;
  }

  public String destination() {
    return destination;
  }

  public String payload() {
    return payload;
  }

  /** The headers as a JSON object text, or null when the event has none. */
  public String headers() {
    return headers;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The W3C traceparent of the span that published the event, or null when none was active. */
  public String traceparent() {
    return traceparent;
  }

  public String lastError() {
    return lastError;
  }

  public String skipReason() {
    return skipReason;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public Status status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
