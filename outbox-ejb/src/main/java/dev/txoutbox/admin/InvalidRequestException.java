package dev.txoutbox.admin;

/**
 * An operator's request that breaks one of {@link OutboxAdmin}'s rules (a page out of range, a
 * replay without a type or with an empty time range, a skip without a reason); the message names
 * the parameter and what it allows. Nothing was changed.
 */
public class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * A broken rule.
   *
   * @param message names the parameter and what it allows
   */
  public InvalidRequestException(String message) {
    super(message);
  }
}
