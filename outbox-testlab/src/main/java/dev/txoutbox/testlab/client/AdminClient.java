package dev.txoutbox.testlab.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * The admin REST API as an operator's client calls it: the paths below the admin module's {@code
 * api/}, with a user's Basic credentials (the test servers' users have their name as password). The
 * readings fail unless the API answers 200; {@link #send} answers whatever it answered.
 */
public final class AdminClient {
  private final Http http;

  private AdminClient(Http http) {
    this.http = http;
  }

  /**
   * The API of the admin module at {@code module} (such as {@code
   * http://localhost:9180/outbox-admin/}), called as {@code user}.
   */
  public static AdminClient of(URI module, String user) {
    return new AdminClient(Http.to(module.resolve("api/")).as(user, user));
  }

  /** {@code method} on {@code path} below {@code api/}, with a JSON body or none (null). */
  public HttpResponse<String> send(String method, String path, String json) {
    return http.send(method, path, json);
  }

  /** {@code GET summary}: the counts by status and the oldest pending event's age. */
  public JsonObject summary() {
    return ok("summary");
  }

  /** The count of {@code status} in the summary; 0 if it lists none. */
  public int count(String status) {
    return summary().getJsonObject("counts").getInt(status, 0);
  }

  /** {@code GET events/{id}}. */
  public JsonObject event(Object id) {
    return ok("events/" + id);
  }

  /** {@code GET events?query}: a page of events. */
  public JsonObject events(String query) {
    return ok("events?" + query);
  }

  /** {@code POST events/{id}/replay}. */
  public HttpResponse<String> replay(Object id) {
    return send("POST", "events/" + id + "/replay", null);
  }

  /** {@code POST events/{id}/skip} with the reason. */
  public HttpResponse<String> skip(Object id, String reason) {
    return send(
        "POST",
        "events/" + id + "/skip",
        Json.createObjectBuilder().add("reason", reason).build().toString());
  }

  private JsonObject ok(String path) {
    HttpResponse<String> response = http.get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + http.uri(path) + " answered " + response.statusCode() + ": " + response.body());
    }
    return JsonText.object(response.body());
  }
}
