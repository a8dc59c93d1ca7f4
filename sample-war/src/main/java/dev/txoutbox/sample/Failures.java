package dev.txoutbox.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error the API does not answer itself, as a {@link Failure} with no server internals: a
 * Jakarta REST error (404, 405, 415...) keeps its status; anything else is a 500, logged here.
 */
@Provider
public class Failures implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(Failures.class.getName());

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof WebApplicationException web) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      return answer(status.getStatusCode(), status.getReasonPhrase());
    }
    LOG.log(Level.SEVERE, "the request failed; nothing of it was stored", error);
    return answer(500, "the request failed and nothing of it was stored: try again later");
  }

  private static Response answer(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new Failure(message))
        .build();
  }
}
