package ${package};

import jakarta.ejb.ApplicationException;

/** An order that cannot be placed; the message says why. Nothing was stored. */
@ApplicationException(rollback = true)
public class OrderRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OrderRejected(String message) {
    super(message);
  }
}
