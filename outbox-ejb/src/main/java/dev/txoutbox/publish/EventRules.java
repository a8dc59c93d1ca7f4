package dev.txoutbox.publish;

import dev.txoutbox.internal.store.OutboxMessage;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Checks an event and turns it into a new outbox row; every rejection says what to fix. */
final class EventRules {
  private static final int MAX_NAME = 200;
  // made once: Json.createParser and the like look the JSON-P provider up on every call
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

  private final String defaultDestination;
  private final int maxPayloadLength;
  private final Function<String, Optional<String>> destinations;
  private final Jsonb jsonb;

  EventRules(
      String defaultDestination,
      int maxPayloadLength,
      Function<String, Optional<String>> destinations,
      Jsonb jsonb) {
    this.defaultDestination = defaultDestination;
    this.maxPayloadLength = maxPayloadLength;
    this.destinations = destinations;
    this.jsonb = jsonb;
  }

  /** A new row for the event, published at {@code now} under the trace context (or null). */
  OutboxMessage toMessage(OutboxEvent event, Instant now, String traceparent) {
    if (event == null) {
      throw new InvalidEventException("the event is null");
    }
    String type = required("type", event.type());
    String destination = event.destination() == null ? defaultDestination : event.destination();
    if (destinations.apply(destination).isEmpty()) {
      throw new InvalidEventException(
          "unknown destination '"
              + destination
              + "' for event type "
              + type
              + ": map it to a queue or topic with the configuration key outbox.destination."
              + destination
              + "=<JNDI name of the queue or topic>");
    }
    String payload = payload(type, event.payload());
    return new OutboxMessage(
        UUID.randomUUID().toString(),
        type,
        optional("aggregateType", event.aggregateType()),
        optional("aggregateId", event.aggregateId()),
        optional("orderingKey", event.orderingKey()),
        destination,
        payload,
        headers(event.headers()),
        optional("idempotencyKey", event.idempotencyKey()),
        traceparent,
        now);
  }

  private String payload(String type, Object payload) {
    if (payload == null) {
      throw new InvalidEventException("the payload of event type " + type + " is missing");
    }
    String json = payload instanceof String text ? checkJson(type, text) : serialize(type, payload);
    if (json.length() > maxPayloadLength) {
      throw new InvalidEventException(
          "the payload of event type "
              + type
              + " has "
              + json.length()
              + " characters, more than outbox.publish.max-payload-length ("
              + maxPayloadLength
              + "): send a reference to the data instead, or raise the limit (the column must hold it)");
    }
    return json;
  }

  private static String checkJson(String type, String text) {
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      while (parser.hasNext()) {
        parser.next();
      }
      return text;
    } catch (JsonParsingException e) {
      throw new InvalidEventException(
          "the payload of event type "
              + type
              + " is a String but not JSON text ("
              + e.getMessage()
              + "); pass JSON text or an object for JSON-B",
          e);
    }
  }

  private String serialize(String type, Object payload) {
    try {
      return jsonb.toJson(payload);
    } catch (JsonbException e) {
      throw new InvalidEventException(
          "the payload of event type "
              + type
              + " ("
              + payload.getClass().getName()
              + ") cannot be serialized with JSON-B: "
              + e.getMessage(),
          e);
    }
  }

  private static String headers(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    JsonObjectBuilder json = BUILDERS.createObjectBuilder();
    headers.forEach(
        (name, value) -> {
          if (name == null || !isIdentifier(name) || name.startsWith("JMS")) {
            throw new InvalidEventException(
                "header name '"
                    + name
                    + "' is not usable as a JMS property: use a Java identifier not starting with JMS");
          }
          if (MessageProperties.RESERVED.contains(name)) {
            throw new InvalidEventException(
                "header name '" + name + "' is reserved for the property txoutbox sets itself");
          }
          if (value == null) {
            throw new InvalidEventException("header '" + name + "' has no value");
          }
          json.add(name, value);
        });
    return json.build().toString();
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(Character::isJavaIdentifierPart);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidEventException("the event " + field + " is missing");
    }
    return optional(field, value);
  }

  private static String optional(String field, String value) {
    if (value != null && value.length() > MAX_NAME) {
      throw new InvalidEventException(
          "the event " + field + " has more than " + MAX_NAME + " characters");
    }
    return value;
  }
}
