package dev.txoutbox.testlab.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Reads the JSON that a server answered: an object, an array, or any value. */
public final class JsonText {
  private JsonText() {}

  public static JsonObject object(String text) {
    return value(text).asJsonObject();
  }

  public static JsonArray array(String text) {
    return value(text).asJsonArray();
  }

  public static JsonValue value(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
