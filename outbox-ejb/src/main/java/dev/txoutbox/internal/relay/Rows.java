package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.Claims.Claim;
import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.Completion;
import java.util.Collection;
import java.util.List;

/**
 * The relay's port to the outbox table. Every change is fenced by a claim token: it touches only
 * rows that the token still holds. The container's implementation is {@link TableRows}; unit tests
 * use an in-memory table.
 */
interface Rows {

  /**
   * Completes {@code done}, then leases due rows to {@code token}: heads of their keys (with their
   * contiguous successors where the table can), among {@code ids} unless it is empty, at most a
   * batch, in one transaction.
   */
  Claim claim(Completion done, String token, Collection<String> ids);

  /**
   * Completes {@code done} alone, in a transaction of its own or the caller's; returns the rows.
   */
  int complete(Completion done);

  /**
   * Records failed attempts, and gives back {@code released} rows unsent, in one transaction;
   * returns the rows changed.
   */
  int fail(String token, List<Failure> failures, List<String> released);
}
