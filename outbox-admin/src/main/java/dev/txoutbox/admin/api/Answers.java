package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventSummary;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * The JSON the API reads and answers, as records: JSON-B writes them and the OpenAPI document names
 * them (components/schemas). The property order and the nulls are the console's and every client's
 * contract: each record fixes its order, and writes absent values as null.
 */
public final class Answers {

  private Answers() {}

  /** The error of every 4xx the resources answer themselves. */
  @Schema(name = "ErrorMessage", description = "Why the request failed")
  public record ErrorMessage(
      @Schema(required = true, description = "What is wrong, naming the parameter if one is")
          String message) {}

  /** The counts per status and the oldest pending age. */
  @Schema(name = "Summary", description = "How the outbox is doing")
  @JsonbPropertyOrder({"counts", "oldestPendingAgeSeconds"})
  @JsonbNillable
  public record Summary(
      @Schema(
              required = true,
              description = "The count of events in each status, every status present",
              requiredProperties = {"PENDING", "SENT", "DEAD", "SKIPPED"},
              properties = {
                @SchemaProperty(name = "PENDING", type = SchemaType.INTEGER, format = "int64"),
                @SchemaProperty(name = "SENT", type = SchemaType.INTEGER, format = "int64"),
                @SchemaProperty(name = "DEAD", type = SchemaType.INTEGER, format = "int64"),
                @SchemaProperty(name = "SKIPPED", type = SchemaType.INTEGER, format = "int64")
              })
          Map<String, Long> counts,
      @Schema(
              required = true,
              nullable = true,
              description =
                  "Seconds since the oldest PENDING event was published; null when none is pending")
          Long oldestPendingAgeSeconds) {}

  /** What an operator sees of an event, never its payload. */
  @Schema(name = "Event", description = "An event of the outbox (never its payload)")
  @JsonbPropertyOrder({
    "id",
    "eventType",
    "aggregateType",
    "aggregateId",
    "orderingKey",
    "destination",
    "status",
    "attempts",
    "lastError",
    "skipReason",
    "createdAt"
  })
  @JsonbNillable
  public record Event(
      @Schema(required = true) UUID id,
      @Schema(required = true, nullable = true) String eventType,
      @Schema(required = true, nullable = true) String aggregateType,
      @Schema(required = true, nullable = true) String aggregateId,
      @Schema(required = true, nullable = true) String orderingKey,
      @Schema(required = true, nullable = true, description = "Where the relay sends it")
          String destination,
      @Schema(
              required = true,
              type = SchemaType.STRING,
              enumeration = {"PENDING", "SENT", "DEAD", "SKIPPED"})
          String status,
      @Schema(required = true, description = "Sends tried so far") int attempts,
      @Schema(required = true, nullable = true, description = "The last send's failure")
          String lastError,
      @Schema(required = true, nullable = true, description = "Why an operator skipped it")
          String skipReason,
      @Schema(required = true, nullable = true) Instant createdAt) {

    static Event of(EventSummary e) {
      return new Event(
          e.id(),
          e.eventType(),
          e.aggregateType(),
          e.aggregateId(),
          e.orderingKey(),
          e.destination(),
          e.status(),
          e.attempts(),
          e.lastError(),
          e.skipReason(),
          e.createdAt());
    }
  }

  /** A page of events, oldest first. */
  @Schema(name = "EventPage", description = "A page of events, oldest first")
  @JsonbPropertyOrder({"events", "offset", "limit"})
  public record EventPage(
      @Schema(required = true) List<Event> events,
      @Schema(required = true, description = "How many matching events were passed over")
          int offset,
      @Schema(required = true, description = "The most events a page holds") int limit) {}

  /** How many DEAD events a replay made PENDING again. */
  @Schema(name = "Replayed", description = "How many DEAD events are PENDING again")
  public record Replayed(@Schema(required = true, minimum = "0") int replayed) {}

  /** How many events a skip set aside. */
  @Schema(name = "Skipped", description = "How many events are SKIPPED now")
  public record Skipped(@Schema(required = true, minimum = "0") int skipped) {}

  /**
   * The body of a skip. Read with JSON-P rather than bound, so that a missing, blank or malformed
   * reason answers 400 with a message naming the fix.
   */
  @Schema(name = "SkipRequest", description = "Why the event is set aside")
  public record SkipRequest(@Schema(required = true, minLength = 1) String reason) {
    private static final String MISSING =
        "reason is required: send a JSON body such as {\"reason\": \"why\"}";

    static SkipRequest parse(String body) {
      if (body == null || body.isBlank()) {
        throw new InvalidParameter(MISSING);
      }
      JsonValue json;
      try (var reader = Json.createReader(new StringReader(body))) {
        json = reader.readValue();
      } catch (JsonException e) {
        throw new InvalidParameter("the body is not JSON; " + MISSING);
      }
      if (json instanceof JsonObject object
          && object.get("reason") instanceof JsonString reason
          && !reason.getString().isBlank()) {
        return new SkipRequest(reason.getString());
      }
      throw new InvalidParameter(MISSING);
    }
  }

  /** An error answer: {"message": ...}. */
  static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorMessage(message))
        .build();
  }
}
