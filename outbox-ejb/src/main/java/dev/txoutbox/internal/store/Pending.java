package dev.txoutbox.internal.store;

import java.util.List;

/**
 * Fired (synchronously, inside the transaction) when a transaction first makes rows pending:
 * published or replayed; {@code eventIds} gathers every row it makes pending, so that it is
 * complete once the transaction has committed. An {@code AFTER_SUCCESS} observer hands them to the
 * relay, once per transaction.
 */
public record Pending(List<String> eventIds) {}
