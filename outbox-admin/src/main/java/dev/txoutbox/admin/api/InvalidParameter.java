package dev.txoutbox.admin.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A request parameter that cannot be used: answers 400 with {"message": ...} naming the parameter
 * and what it allows.
 */
class InvalidParameter extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  InvalidParameter(String message) {
    super(message, Answers.error(Response.Status.BAD_REQUEST, message));
  }
}
