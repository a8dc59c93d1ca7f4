package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.admin.api.Answers.Event;
import dev.txoutbox.admin.api.Answers.EventPage;
import dev.txoutbox.admin.api.Answers.Replayed;
import dev.txoutbox.admin.api.Answers.Summary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin API's resource, /api: the summary, the list of events and the replay of a range here,
 * one event in {@link EventResource}. Every 4xx the resources answer themselves is an {@link
 * Answers.ErrorMessage}; the 401 and 403 are the server's (see {@link AdminApi}).
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = AdminApi.TAG)
@APIResponse(responseCode = "401", ref = AdminApi.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = AdminApi.FORBIDDEN)
@RequestScoped
public class AdminResource {
  private static final int DEFAULT_LIMIT = 50;

  @Inject OutboxAdmin admin;

  @GET
  @Path("summary")
  @Operation(operationId = "getSummary", summary = "Counts per status and the oldest pending age")
  @APIResponse(responseCode = "200", description = "The summary")
  public Summary summary() {
    Map<String, Long> counts = new LinkedHashMap<>(); // in the statuses' order
    for (Map.Entry<EventStatus, Long> count : admin.countByStatus().entrySet()) {
      counts.put(count.getKey().name(), count.getValue());
    }
    return new Summary(counts, admin.oldestPendingAge().map(Duration::toSeconds).orElse(null));
  }

  @GET
  @Path("events")
  @Operation(
      operationId = "listEvents",
      summary = "Events, oldest first, filtered and paged",
      description = "Every filter is optional")
  @APIResponse(responseCode = "200", description = "A page of events")
  @APIResponse(responseCode = "400", ref = AdminApi.ERROR)
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

  @POST
  @Path("events/replay")
  @Operation(
      operationId = "replayEvents",
      summary = "Replay the DEAD events of one type created in [from, to)")
  @APIResponse(responseCode = "200", description = "How many are PENDING again")
  @APIResponse(responseCode = "400", ref = AdminApi.ERROR)
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

  /** /api/events/{id}: the event, found here once for all that is done to it. */
  @Path("events/{id}")
  public EventResource event(
      @Parameter(
              description = "The event id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id) {
    UUID uuid = Parameters.id(id);
    EventSummary event =
        admin
            .event(uuid)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        Answers.error(Response.Status.NOT_FOUND, "no event has the id " + uuid)));
    return new EventResource(admin, event);
  }
}
