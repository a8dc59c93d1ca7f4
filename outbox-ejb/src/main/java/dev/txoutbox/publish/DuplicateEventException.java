package dev.txoutbox.publish;

import jakarta.ejb.ApplicationException;
import java.sql.SQLException;

/**
 * Two transactions published the same idempotency key at the same time; the database's unique
 * constraint let the first one win. This transaction is marked for rollback: retry it, and the
 * retry finds the first event and stores nothing.
 *
 * <p>An application exception: it reaches the caller of an EJB as it is, not wrapped in an {@code
 * EJBException}.
 */
@ApplicationException(rollback = true)
public class DuplicateEventException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DuplicateEventException(String idempotencyKey, Throwable cause) {
    super(
        "txoutbox: another transaction published an event with the idempotency key '"
            + idempotencyKey
            + "' first; this transaction is marked for rollback, and a retry stores nothing",
        cause);
  }

  /** True when the cause chain holds an SQL integrity constraint violation (SQLState 23...). */
  static boolean isConstraintViolation(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
