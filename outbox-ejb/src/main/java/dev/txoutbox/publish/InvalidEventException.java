package dev.txoutbox.publish;

/**
 * An event that cannot be published as it is; nothing was written. The message says what to fix.
 */
public class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidEventException(String message) {
    super(message);
  }

  InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
