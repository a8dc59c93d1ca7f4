package dev.txoutbox.admin;

import java.time.Instant;
import java.util.UUID;

/** What an operator sees of an event (never its payload). */
public record EventSummary(
    UUID id,
    String eventType,
    String aggregateType,
    String aggregateId,
    String orderingKey,
    String destination,
    String status,
    int attempts,
    String lastError,
    String skipReason,
    Instant createdAt) {}
