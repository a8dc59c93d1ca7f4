package dev.txoutbox.admin.api;

import dev.txoutbox.admin.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers an {@link InvalidParameter}, or a request that breaks a rule of {@link
 * dev.txoutbox.admin.OutboxAdmin}, with 400 and {"message": ...}. Public, as RESTEasy creates
 * providers through their public constructor.
 */
@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidRequestException> {

  @Override
  public Response toResponse(InvalidRequestException e) {
    return Answers.error(Response.Status.BAD_REQUEST, e.getMessage());
  }
}
