package dev.txoutbox.it.deployment;

import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What monitoring reads over HTTP: the server's MicroProfile Health endpoint, and the metrics that
 * the application exported over OTLP to the test's collector (telemetry.OtlpCollector). Their URLs
 * are the deployment's configuration keys it.health.url (see {@link Deployments#monitored}) and
 * it.metrics.url. It calls them with the lab's client, which a deployment holds beside it ({@link
 * #CLASSES}).
 */
@ApplicationScoped
public class Endpoints {
  /** This class and the lab's classes it uses, for a deployment that calls it. */
  public static final Class<?>[] CLASSES = {Endpoints.class, Http.class, JsonText.class};

  /** One check of a health answer, and the HTTP status of the whole answer. */
  public record Check(int httpStatus, String status, JsonObject data) {
    public long number(String key) {
      return data.getJsonNumber(key).longValue();
    }
  }

  /**
   * The check named {@code name} in /health/live or /health/ready ({@code probe}), which must list
   * it exactly once.
   */
  public Check health(String probe, String name) {
    HttpResponse<String> response = get(url("it.health.url") + "/" + probe);
    JsonObject body = JsonText.object(response.body());
    List<JsonObject> named = named(body, name);
    if (named.size() != 1) {
      throw new AssertionError(
          "check " + name + " listed " + named.size() + " times, not once, in " + body);
    }
    JsonObject check = named.get(0);
    return new Check(
        response.statusCode(),
        check.getString("status"),
        check.getJsonObject("data") == null
            ? JsonValue.EMPTY_JSON_OBJECT
            : check.getJsonObject("data"));
  }

  /** The checks named {@code name} in a health answer's body. */
  public static List<JsonObject> named(JsonObject body, String name) {
    return body.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name))
        .toList();
  }

  /** The metrics the collector received, as telemetry.ReceivedMetrics writes them. */
  public String metrics() {
    HttpResponse<String> response = get(url("it.metrics.url"));
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "the collector answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The value of the sample named {@code name} (with its suffix: _count, _sum, _bucket) whose
   * labels include {@code labels}; empty if there is none.
   */
  public static OptionalDouble sample(String metrics, String name, Map<String, String> labels) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(
            line ->
                labels.entrySet().stream()
                    .allMatch(
                        l ->
                            Pattern.compile(
                                    "[{,]"
                                        + Pattern.quote(l.getKey() + "=\"" + l.getValue() + "\"")
                                        + "[,}]")
                                .matcher(line)
                                .find()))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  private static String url(String key) {
    return ConfigProvider.getConfig().getValue(key, String.class);
  }

  private static HttpResponse<String> get(String url) {
    URI uri = URI.create(url);
    return Http.to(uri).within(Duration.ofSeconds(30)).get(uri.getPath());
  }
}
