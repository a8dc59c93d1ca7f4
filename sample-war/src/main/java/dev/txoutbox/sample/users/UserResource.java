package dev.txoutbox.sample.users;

import dev.txoutbox.sample.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * POST /api/users registers a user (a rejected registration answers 400 with a JSON message); GET
 * /api/users/{id} answers one.
 */
@Path("users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject Registrations registrations;

  @GET
  @Path("{id}")
  public Response user(@PathParam("id") String id) {
    return registrations
        .find(id)
        .map(Response::ok)
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND))
        .build();
  }

  /** The body is read as text: {@link Registration#parse} answers a malformed one. */
  @POST
  @Operation(operationId = "registerUser", summary = "Register a user")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = Registration.class)))
  @APIResponse(
      responseCode = "201",
      description = "Registered; Location is the user's URL",
      headers =
          @Header(
              name = "Location",
              description = "GET /api/users/{id} of the new user",
              schema = @Schema(type = SchemaType.STRING, format = "uri")),
      content = @Content(schema = @Schema(implementation = RegisteredUser.class)))
  @APIResponse(
      responseCode = "400",
      description = "The registration is rejected; the message says why",
      content = @Content(schema = @Schema(implementation = Failure.class)))
  public Response register(String body, @Context UriInfo uri) {
    try {
      Registration request = Registration.parse(body);
      RegisteredUser user = registrations.register(request.name(), request.email());
      return Response.created(uri.getAbsolutePathBuilder().path(user.id()).build())
          .entity(user)
          .build();
    } catch (RegistrationRejected e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(new Failure(e.getMessage()))
          .build();
    }
  }
}
