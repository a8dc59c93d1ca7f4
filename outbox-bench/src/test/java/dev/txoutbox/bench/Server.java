package dev.txoutbox.bench;

import dev.txoutbox.it.cluster.LibertyNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One Open Liberty server of the benchmark, with the benchmark application: created, started,
 * stopped, frozen, and called over HTTP (every call blocks until the server's work is done).
 */
final class Server {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The relay settings a server starts with: {@code exactlyOnce} for {@code
   * outbox.delivery.mode=exactly-once} over an XA datasource (server-config's {@code
   * txoutbox.datasource.type}, as outbox-it's exactly-once profile sets it); {@code retentionSent}
   * the value of {@code outbox.retention.sent}.
   */
  record Relay(
      boolean enabled,
      int batchSize,
      boolean wakeUp,
      int consumers,
      boolean exactlyOnce,
      String retentionSent) {
    Relay(boolean enabled, int batchSize, boolean wakeUp, int consumers) {
      this(enabled, batchSize, wakeUp, consumers, false, "PT0S");
    }

    Relay inExactlyOnceMode() {
      return new Relay(enabled, batchSize, wakeUp, consumers, true, retentionSent);
    }

    Relay keepingSent(String retention) {
      return new Relay(enabled, batchSize, wakeUp, consumers, exactlyOnce, retention);
    }
  }

  final LibertyNode node;
  final String database;

  private Server(LibertyNode node, String database) {
    this.node = node;
    this.database = database;
  }

  /**
   * A fresh server directory (a fresh Derby database), HTTP on {@code httpPort} and JMS on {@code
   * jmsPort}, each with its SSL port one above; {@code sendTo} the JMS port of the server whose
   * queue this one's relay sends to, or 0 for its own.
   */
  static Server create(
      Settings settings,
      String database,
      String name,
      int httpPort,
      int jmsPort,
      int sendTo,
      Relay relay)
      throws IOException {
    LibertyNode node = new LibertyNode(settings.wlp(), name, httpPort, "/bench/api/node");
    String remote =
        sendTo == 0
            ? ""
            : "<jmsConnectionFactory id=\"sendTo\" jndiName=\"jms/sendTo\">"
                + "<properties.wasJms remoteServerAddress=\"localhost:"
                + sendTo
                + ":BootstrapBasicMessaging\"/></jmsConnectionFactory>"
                + "<variable name=\"outbox.jms.connection-factory\" value=\"jms/sendTo\"/>";
    node.create(
        settings.serverConfig(),
        Map.of(
            "txoutbox.database", database,
            "txoutbox.db.host", settings.dbHost(),
            "txoutbox.db.name", Settings.DB_NAME,
            "txoutbox.datasource.type",
                relay.exactlyOnce()
                    ? "javax.sql.XADataSource"
                    : "javax.sql.ConnectionPoolDataSource",
            "http.port", Integer.toString(httpPort),
            "https.port", Integer.toString(httpPort + 1),
            "jms.port", Integer.toString(jmsPort),
            "jms.ssl.port", Integer.toString(jmsPort + 1)),
        "<server>"
            + variable("outbox.relay.node-id", name)
            + variable(
                "outbox.delivery.mode", relay.exactlyOnce() ? "exactly-once" : "at-least-once")
            + variable("outbox.retention.sent", relay.retentionSent())
            + variable("outbox.relay.enabled", Boolean.toString(relay.enabled()))
            + variable("outbox.relay.interval", "PT1S")
            + variable("outbox.relay.batch-size", Integer.toString(relay.batchSize()))
            + variable("outbox.relay.wake-up", Boolean.toString(relay.wakeUp()))
            + "<jmsActivationSpec id=\"bench/consumer\"><properties.wasJms"
            + " destinationRef=\"outboxEvents\" destinationType=\"jakarta.jms.Queue\""
            + " maxConcurrency=\""
            + relay.consumers()
            + "\"/></jmsActivationSpec>"
            // room for a backlog of 100,000 persistent messages (the default holds about half)
            + "<messagingEngine><fileStore fileStoreSize=\"2000\"/></messagingEngine>"
            + remote
            + "<logging consoleLogLevel=\"WARNING\"/>"
            + "</server>",
        settings.ear());
    return new Server(node, database);
  }

  private static String variable(String name, String value) {
    return "<variable name=\"" + name + "\" value=\"" + value + "\"/>";
  }

  void start() throws IOException, InterruptedException {
    node.start();
  }

  void stop() {
    try {
      node.stop();
    } catch (Exception e) {
      System.err.println("stopping " + node.name + ": " + e.getMessage());
    }
  }

  void freeze() throws IOException, InterruptedException {
    node.freeze();
  }

  void resume() throws IOException, InterruptedException {
    node.resume();
  }

  JsonObject postJson(String path) throws IOException, InterruptedException {
    return Json.createReader(new StringReader(call("POST", path))).readObject();
  }

  String post(String path) throws IOException, InterruptedException {
    return call("POST", path);
  }

  JsonObject getJson(String path) throws IOException, InterruptedException {
    return Json.createReader(new StringReader(call("GET", path))).readObject();
  }

  long getLong(String path) throws IOException, InterruptedException {
    return Long.parseLong(call("GET", path).trim());
  }

  private String call(String method, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(node.uri("/bench/api/" + path))
            .timeout(Duration.ofMinutes(15))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " on "
              + node.name
              + " answered "
              + answer.statusCode()
              + ": "
              + answer.body()
              + " (log: "
              + node.log()
              + ")");
    }
    return answer.body();
  }
}
