package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The application on the Open Liberty server that the build started (ear/pom.xml): an order placed
 * through the REST API is shipped by the MDB once its event has gone through the outbox and the
 * queue; a bad body is answered 400; the server started the component cleanly.
 */
class OrderIT {
  private static final URI ORDERS =
      URI.create(System.getProperty("orders.url", "http://localhost:9080/orders/api/orders"));
  private static final Path LOGS = Path.of(System.getProperty("server.log.dir", "target"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void placedOrderIsShipped() throws Exception {
    HttpResponse<String> placed = post("{\"item\": \"book\", \"quantity\": 2}");
    assertEquals(201, placed.statusCode(), placed.body());
    URI order = URI.create(placed.headers().firstValue("Location").orElseThrow());

    Instant deadline = Instant.now().plusSeconds(30);
    String body = get(order).body();
    while (!body.contains("\"shipped\":true") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      body = get(order).body();
    }
    assertTrue(body.contains("\"shipped\":true"), "not shipped within 30 s: " + body);
  }

  @Test
  void badBodyIsAnswered400WithAMessage() throws Exception {
    for (String bad :
        List.of("{\"item\":", "[]", "{\"item\": \"book\", \"quantity\": \"two\"}", "{\"quantity\": 1}")) {
      HttpResponse<String> answer = post(bad);
      assertEquals(400, answer.statusCode(), bad);
      assertTrue(answer.body().startsWith("{\"message\":"), answer.body());
    }
  }

  @Test
  void serverLogShowsTheConfigurationAndNoWarningFromTxoutbox() throws IOException {
    String log = Files.readString(LOGS.resolve("messages.log"));
    // the ejb module's META-INF/microprofile-config.properties reached the component
    assertTrue(log.contains("txoutbox: outbox.relay.interval=PT1S from "), "configuration line");
    // no optional feature (metrics, health, telemetry) is missing noisily
    assertFalse(log.contains("CWNEN0047W"), "CWNEN0047W in messages.log");
    assertFalse(log.contains("CWNEN0049W"), "CWNEN0049W in messages.log");
    Path ffdc = LOGS.resolve("ffdc");
    if (Files.isDirectory(ffdc)) {
      try (Stream<Path> files = Files.list(ffdc)) {
        for (Path file : files.toList()) {
          assertFalse(Files.readString(file).contains("dev.txoutbox"), "FFDC from txoutbox: " + file);
        }
      }
    }
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(ORDERS)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
