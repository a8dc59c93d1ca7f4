package dev.txoutbox.sample.users;

/** A registration that cannot be accepted; the message tells the client why. */
public class RegistrationRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RegistrationRejected(String message) {
    super(message);
  }
}
