package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.OutboxAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /api/events: list, show, replay and skip events. */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "The outbox's events (never their payload)")
@RequestScoped
public class EventsResource {
  private static final int DEFAULT_LIMIT = 50;

  @Inject OutboxAdmin admin;

  @GET
  @Operation(
      summary = "Events, oldest first, filtered and paged",
      description = "{\"events\":[event...], \"offset\":n, \"limit\":n}; every filter optional")
  @APIResponse(responseCode = "200", description = "A page of events")
  @APIResponse(responseCode = "400", description = "A parameter is invalid; the message names it")
  public JsonObject list(
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
    int first = Parameters.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
    int size = Parameters.integer("limit", limit, 1, OutboxAdmin.MAX_PAGE, DEFAULT_LIMIT);
    Instant createdBefore = age == null ? null : Instant.now().minus(age);
    List<EventSummary> events =
        admin.events(
            wanted, Parameters.text(type), Parameters.text(key), createdBefore, first, size);
    JsonArrayBuilder page = Json.createArrayBuilder();
    events.forEach(e -> page.add(Answers.event(e)));
    return Json.createObjectBuilder()
        .add("events", page)
        .add("offset", first)
        .add("limit", size)
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One event, whatever its status")
  @APIResponse(responseCode = "200", description = "The event")
  @APIResponse(responseCode = "400", description = "The id is not a UUID")
  @APIResponse(responseCode = "404", description = "No event has this id")
  public Response event(
      @Parameter(description = "The event id (a UUID)") @PathParam("id") String id) {
    UUID uuid = Parameters.id(id);
    return admin
        .event(uuid)
        .map(e -> Response.ok(Answers.event(e)).build())
        .orElseGet(() -> notFound(uuid));
  }

  @POST
  @Path("{id}/replay")
  @Operation(
      summary = "Replay one DEAD event",
      description = "It becomes PENDING with a fresh count of attempts. {\"replayed\":1}")
  @APIResponse(responseCode = "200", description = "Replayed")
  @APIResponse(responseCode = "400", description = "The id is not a UUID")
  @APIResponse(responseCode = "404", description = "No event has this id")
  @APIResponse(responseCode = "409", description = "The event is not DEAD")
  public Response replay(
      @Parameter(description = "The event id (a UUID)") @PathParam("id") String id) {
    UUID uuid = Parameters.id(id);
    Optional<EventSummary> event = admin.event(uuid);
    if (event.isEmpty()) {
      return notFound(uuid);
    }
    if (!admin.replay(uuid)) {
      return conflict(uuid, "only a DEAD event can be replayed");
    }
    return Response.ok(Json.createObjectBuilder().add("replayed", 1).build()).build();
  }

  @POST
  @Path("replay")
  @Operation(
      summary = "Replay the DEAD events of one type created in a time range",
      description = "Those created in [from, to). {\"replayed\":n}")
  @APIResponse(responseCode = "200", description = "How many were replayed")
  @APIResponse(
      responseCode = "400",
      description = "type is missing, an instant does not parse, or from is not before to")
  public JsonObject replayRange(
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
    if (Parameters.text(type) == null) {
      throw new InvalidParameter("type is required: the event type of the DEAD events to replay");
    }
    Instant start = Parameters.instant("from", from);
    Instant end = Parameters.instant("to", to);
    if (!start.isBefore(end)) {
      throw new InvalidParameter("from must be before to, not " + start + " and " + end);
    }
    return Json.createObjectBuilder().add("replayed", admin.replay(type, start, end)).build();
  }

  @POST
  @Path("{id}/skip")
  @Operation(
      summary = "Set a DEAD or PENDING event aside for good, with a reason",
      description = "It becomes SKIPPED and is never sent. {\"skipped\":1}")
  @RequestBody(
      description = "{\"reason\": \"why\"}",
      required = true,
      content =
          @org.eclipse.microprofile.openapi.annotations.media.Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "reason")))
  @APIResponse(responseCode = "200", description = "Skipped")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID, or the body has no reason")
  @APIResponse(responseCode = "404", description = "No event has this id")
  @APIResponse(responseCode = "409", description = "The event is neither DEAD nor PENDING")
  public Response skip(
      @Parameter(description = "The event id (a UUID)") @PathParam("id") String id, String body) {
    UUID uuid = Parameters.id(id);
    String reason = reason(body);
    Optional<EventSummary> event = admin.event(uuid);
    if (event.isEmpty()) {
      return notFound(uuid);
    }
    if (!admin.skip(uuid, reason)) {
      return conflict(uuid, "only a DEAD or PENDING event can be skipped");
    }
    return Response.ok(Json.createObjectBuilder().add("skipped", 1).build()).build();
  }

  private static String reason(String body) {
    String missing = "reason is required: send a JSON body such as {\"reason\": \"why\"}";
    if (body == null || body.isBlank()) {
      throw new InvalidParameter(missing);
    }
    JsonValue json;
    try (var reader = Json.createReader(new StringReader(body))) {
      json = reader.readValue();
    } catch (JsonException e) {
      throw new InvalidParameter("the body is not JSON; " + missing);
    }
    if (json instanceof JsonObject object
        && object.get("reason") instanceof JsonString reason
        && !reason.getString().isBlank()) {
      return reason.getString();
    }
    throw new InvalidParameter(missing);
  }

  private Response conflict(UUID id, String rule) {
    String status = admin.event(id).map(EventSummary::status).orElse("gone");
    return Answers.error(Response.Status.CONFLICT, "event " + id + " is " + status + ": " + rule);
  }

  private static Response notFound(UUID id) {
    return Answers.error(Response.Status.NOT_FOUND, "no event has the id " + id);
  }
}
