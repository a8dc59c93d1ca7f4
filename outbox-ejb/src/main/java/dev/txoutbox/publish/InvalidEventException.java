package dev.txoutbox.publish;

import jakarta.ejb.ApplicationException;

/**
 * An event that cannot be published as it is; nothing was written. The message says what to fix.
 *
 * <p>Caught where {@link OutboxService#publish} was called, it leaves the transaction usable. Left
 * to leave an EJB method, it reaches that EJB's caller as it is (an application exception, not
 * wrapped in an {@code EJBException}) and rolls that method's transaction back, as an unchecked
 * exception leaving a {@code @Transactional} CDI method does: the business change does not commit
 * without its event.
 */
@ApplicationException(rollback = true)
public class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidEventException(String message) {
    super(message);
  }

  InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
