package dev.txoutbox.sample.users;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * The body of POST /api/users. Read with JSON-P, so that a malformed or wrongly typed body is
 * rejected with a message naming the fix, never a parser's or server's own words.
 */
public record Registration(String name, String email) {
  private static final String EXAMPLE = "{\"name\": \"Ada\", \"email\": \"ada@example.com\"}";

  static Registration parse(String body) {
    if (body == null || body.isBlank()) {
      throw new RegistrationRejected("the body is empty: send " + EXAMPLE);
    }
    JsonValue value;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw new RegistrationRejected("the body is not valid JSON: send " + EXAMPLE);
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new RegistrationRejected("the body is not a JSON object: send " + EXAMPLE);
    }
    JsonObject object = value.asJsonObject();
    return new Registration(text(object, "name"), text(object, "email"));
  }

  private static String text(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new RegistrationRejected(field + " must be a JSON string, as in " + EXAMPLE);
    }
    return ((JsonString) value).getString();
  }
}
