package dev.txoutbox.publish;

import jakarta.ejb.ApplicationException;

/**
 * {@link OutboxService#publish} was called without an active JTA transaction. Nothing was written:
 * an event outside the business transaction is exactly the dual write an outbox exists to prevent.
 *
 * <p>An application exception: it reaches the caller of an EJB as it is, not wrapped in an {@code
 * EJBException}, and the transaction that EJB method runs in, if any, rolls back, so no business
 * change commits without its event.
 */
@ApplicationException(rollback = true)
public class NoTransactionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  NoTransactionException() {
    super(
        "OutboxService.publish needs an active JTA transaction, and there is none: call it from an"
            + " EJB business method or a @Transactional CDI method that also writes the business data,"
            + " or use OutboxService.publishInOwnTransaction for an event that belongs to no business"
            + " transaction. Nothing was written.");
  }
}
