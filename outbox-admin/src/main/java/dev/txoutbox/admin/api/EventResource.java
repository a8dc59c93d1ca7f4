package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.admin.api.Answers.Event;
import dev.txoutbox.admin.api.Answers.Replayed;
import dev.txoutbox.admin.api.Answers.SkipRequest;
import dev.txoutbox.admin.api.Answers.Skipped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /api/events/{id}: one event, which {@link AdminResource#event} found (its id, 400 when it is not
 * a UUID, 404 when no event has it): show, replay or skip it. A replay or skip that the event's
 * status refuses answers 409. Public, as RESTEasy calls its methods by reflection; the OpenAPI
 * document takes nothing of a sub-resource from its locator's class, so its annotations say it all
 * again.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = AdminApi.TAG)
@APIResponse(responseCode = "400", ref = AdminApi.ERROR)
@APIResponse(responseCode = "404", ref = AdminApi.ERROR)
@APIResponse(responseCode = "401", ref = AdminApi.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = AdminApi.FORBIDDEN)
public class EventResource {
  private final OutboxAdmin admin;
  private final EventSummary event;

  EventResource(OutboxAdmin admin, EventSummary event) {
    this.admin = admin;
    this.event = event;
  }

  @GET
  @Operation(operationId = "getEvent", summary = "One event, whatever its status")
  @APIResponse(responseCode = "200", description = "The event")
  public Event show() {
    return Event.of(event);
  }

  @POST
  @Path("replay")
  @Operation(operationId = "replayEvent", summary = "Replay one DEAD event")
  @APIResponse(responseCode = "200", description = "PENDING again, with a fresh count of attempts")
  @APIResponse(responseCode = "409", ref = AdminApi.ERROR)
  public Replayed replay() {
    allowed(admin.replay(event.id()), "only a DEAD event can be replayed");
    return new Replayed(1);
  }

  @POST
  @Path("skip")
  @Operation(
      operationId = "skipEvent",
      summary = "Set a DEAD or PENDING event aside for good, with a reason")
  @RequestBody(
      description = "Why the event is set aside",
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SkipRequest.class)))
  @APIResponse(responseCode = "200", description = "SKIPPED: it is never sent")
  @APIResponse(responseCode = "409", ref = AdminApi.ERROR)
  public Skipped skip(String body) {
    String reason = SkipRequest.parse(body).reason();
    allowed(admin.skip(event.id(), reason), "only a DEAD or PENDING event can be skipped");
    return new Skipped(1);
  }

  /** Answers 409, naming the event's status now, when the admin refused the change. */
  private void allowed(boolean changed, String rule) {
    if (!changed) {
      String status = admin.event(event.id()).map(EventSummary::status).orElse("gone");
      throw new ClientErrorException(
          Answers.error(
              Response.Status.CONFLICT, "event " + event.id() + " is " + status + ": " + rule));
    }
  }
}
