package dev.txoutbox.internal.relay;

/**
 * Fired synchronously just before the relay sends an event. An observer that throws makes that send
 * fail like a broker error: the attempt is recorded on the row and retried. Meant for fault
 * injection in tests; an application has no reason to observe it.
 */
public record Sending(
    String eventId, String eventType, String orderingKey, String destination, int attempt) {}
