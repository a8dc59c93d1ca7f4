package dev.txoutbox.admin.api;

import dev.txoutbox.admin.InvalidRequestException;

/**
 * A request parameter that cannot be used; the message names it and what it allows. Answered with
 * 400 by {@link InvalidParameterMapper}.
 */
class InvalidParameter extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  InvalidParameter(String message) {
    super(message);
  }
}
