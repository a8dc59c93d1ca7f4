package dev.txoutbox.admin.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers an {@link InvalidParameter} with 400 and {"message": ...}. Public, as RESTEasy creates
 * providers through their public constructor.
 */
@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidParameter> {

  @Override
  public Response toResponse(InvalidParameter e) {
    return Answers.error(Response.Status.BAD_REQUEST, e.getMessage());
  }
}
