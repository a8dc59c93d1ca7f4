package dev.txoutbox.store;

/**
 * Fired (synchronously, inside the transaction) whenever a row becomes pending: published or
 * replayed. An {@code AFTER_SUCCESS} observer wakes the relay once the transaction has committed.
 */
public record Pending(String eventId) {}
