package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventSummary;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON the API answers: events (never their payload) and errors. */
final class Answers {

  private Answers() {}

  /** An error: {"message": ...}. */
  static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Json.createObjectBuilder().add("message", message).build())
        .build();
  }

  /** One event; absent values are null. */
  static JsonObject event(EventSummary e) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("id", e.id().toString());
    text(json, "eventType", e.eventType());
    text(json, "aggregateType", e.aggregateType());
    text(json, "aggregateId", e.aggregateId());
    text(json, "orderingKey", e.orderingKey());
    text(json, "destination", e.destination());
    text(json, "status", e.status());
    json.add("attempts", e.attempts());
    text(json, "lastError", e.lastError());
    text(json, "skipReason", e.skipReason());
    text(json, "createdAt", e.createdAt() == null ? null : e.createdAt().toString());
    return json.build();
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }
}
