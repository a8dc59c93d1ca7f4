package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.admin.api.Answers.ErrorMessage;
import dev.txoutbox.admin.api.Answers.Event;
import dev.txoutbox.admin.api.Answers.EventPage;
import dev.txoutbox.admin.api.Answers.Replayed;
import dev.txoutbox.admin.api.Answers.SkipRequest;
import dev.txoutbox.admin.api.Answers.Skipped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /api/events: list, show, replay and skip events. Every 4xx it answers itself is an {@link
 * ErrorMessage}; the 401 and 403 are the server's (see {@link AdminApi}).
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "The outbox's events (never their payload)")
@APIResponse(responseCode = "401", ref = AdminApi.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = AdminApi.FORBIDDEN)
@RequestScoped
public class EventsResource {
  private static final int DEFAULT_LIMIT = 50;

  @Inject OutboxAdmin admin;

  @GET
  @Operation(
      operationId = "listEvents",
      summary = "Events, oldest first, filtered and paged",
      description = "Every filter is optional")
  @APIResponse(
      responseCode = "200",
      description = "A page of events",
      content = @Content(schema = @Schema(implementation = EventPage.class)))
  @APIResponse(responseCode = "400", ref = AdminApi.BAD_REQUEST)
  public EventPage list(
      @Parameter(
              description = "Only events in this status (any case)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"PENDING", "SENT", "DEAD", "SKIPPED"}))
          @QueryParam("status")
          String status,
      @Parameter(description = "Only events of this event type") @QueryParam("type") String type,
      @Parameter(description = "Only events of this ordering key") @QueryParam("key") String key,
      @Parameter(
              description = "Only events created at least this long ago (ISO-8601, e.g. PT10M)",
              schema = @Schema(type = SchemaType.STRING, example = "PT10M"))
          @QueryParam("olderThan")
          String olderThan,
      @Parameter(
              description = "How many matching events to pass over (0 or more, default 0)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("offset")
          String offset,
      @Parameter(
              description = "How many events to answer at most (1 to 500, default 50)",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @QueryParam("limit")
          String limit) {
    EventStatus wanted = Parameters.status(status);
    Duration age = Parameters.duration("olderThan", olderThan);
    int first = Parameters.integer("offset", offset, 0);
    int size = Parameters.integer("limit", limit, DEFAULT_LIMIT);
    Instant createdBefore = age == null ? null : Instant.now().minus(age);
    List<EventSummary> events =
        admin.events(
            wanted, Parameters.text(type), Parameters.text(key), createdBefore, first, size);
    return new EventPage(events.stream().map(Event::of).toList(), first, size);
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getEvent", summary = "One event, whatever its status")
  @APIResponse(
      responseCode = "200",
      description = "The event",
      content = @Content(schema = @Schema(implementation = Event.class)))
  @APIResponse(responseCode = "400", ref = AdminApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = AdminApi.NOT_FOUND)
  public Response event(
      @Parameter(
              description = "The event id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id) {
    UUID uuid = Parameters.id(id);
    return admin
        .event(uuid)
        .map(e -> Response.ok(Event.of(e)).build())
        .orElseGet(() -> notFound(uuid));
  }

  @POST
  @Path("{id}/replay")
  @Operation(
      operationId = "replayEvent",
      summary = "Replay one DEAD event",
      description = "It becomes PENDING with a fresh count of attempts")
  @APIResponse(
      responseCode = "200",
      description = "Replayed: replayed is 1",
      content = @Content(schema = @Schema(implementation = Replayed.class)))
  @APIResponse(responseCode = "400", ref = AdminApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = AdminApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = AdminApi.CONFLICT)
  public Response replay(
      @Parameter(
              description = "The event id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id) {
    UUID uuid = Parameters.id(id);
    Optional<EventSummary> event = admin.event(uuid);
    if (event.isEmpty()) {
      return notFound(uuid);
    }
    if (!admin.replay(uuid)) {
      return conflict(uuid, "only a DEAD event can be replayed");
    }
    return Response.ok(new Replayed(1)).build();
  }

  @POST
  @Path("replay")
  @Operation(
      operationId = "replayEvents",
      summary = "Replay the DEAD events of one type created in a time range",
      description = "Those created in [from, to)")
  @APIResponse(
      responseCode = "200",
      description = "How many were replayed",
      content = @Content(schema = @Schema(implementation = Replayed.class)))
  @APIResponse(responseCode = "400", ref = AdminApi.BAD_REQUEST)
  public Replayed replayRange(
      @Parameter(description = "The event type", required = true) @QueryParam("type") String type,
      @Parameter(
              description = "Created at or after this ISO-8601 instant",
              required = true,
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Created before this ISO-8601 instant",
              required = true,
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("to")
          String to) {
    Instant start = Parameters.instant("from", from);
    Instant end = Parameters.instant("to", to);
    return new Replayed(admin.replay(type, start, end));
  }

  @POST
  @Path("{id}/skip")
  @Operation(
      operationId = "skipEvent",
      summary = "Set a DEAD or PENDING event aside for good, with a reason",
      description = "It becomes SKIPPED and is never sent")
  @RequestBody(
      description = "Why the event is set aside",
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SkipRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "Skipped: skipped is 1",
      content = @Content(schema = @Schema(implementation = Skipped.class)))
  @APIResponse(responseCode = "400", ref = AdminApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = AdminApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = AdminApi.CONFLICT)
  public Response skip(
      @Parameter(
              description = "The event id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id,
      String body) {
    UUID uuid = Parameters.id(id);
    String reason = SkipRequest.parse(body).reason();
    Optional<EventSummary> event = admin.event(uuid);
    if (event.isEmpty()) {
      return notFound(uuid);
    }
    if (!admin.skip(uuid, reason)) {
      return conflict(uuid, "only a DEAD or PENDING event can be skipped");
    }
    return Response.ok(new Skipped(1)).build();
  }

  private Response conflict(UUID id, String rule) {
    String status = admin.event(id).map(EventSummary::status).orElse("gone");
    return Answers.error(Response.Status.CONFLICT, "event " + id + " is " + status + ": " + rule);
  }

  private static Response notFound(UUID id) {
    return Answers.error(Response.Status.NOT_FOUND, "no event has the id " + id);
  }
}
