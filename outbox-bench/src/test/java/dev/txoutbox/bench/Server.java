package dev.txoutbox.bench;

import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import dev.txoutbox.testlab.server.LibertyNode;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Open Liberty server of the benchmark, with the benchmark application: created, started,
 * stopped, frozen, and called over HTTP (every call blocks until the server's work is done).
 */
final class Server {

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
  private final Http http;

  private Server(LibertyNode node, String database) {
    this.node = node;
    this.database = database;
    this.http = Http.to(node.uri("/bench/api/")).within(Duration.ofMinutes(15));
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
    Map<String, String> bootstrap =
        new HashMap<>(settings.database(database).bootstrap(httpPort, jmsPort));
    bootstrap.put(
        "txoutbox.datasource.type",
        relay.exactlyOnce() ? "javax.sql.XADataSource" : "javax.sql.ConnectionPoolDataSource");
    node.create(
        settings.serverConfig(),
        bootstrap,
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

  /** Stops the server, or kills it if it will not stop. */
  void stop() {
    try {
      node.close();
    } catch (Exception e) {
      System.err.println("stopping " + node.name() + ": " + e.getMessage());
    }
  }

  void freeze() throws IOException, InterruptedException {
    node.freeze();
  }

  void resume() throws IOException, InterruptedException {
    node.resume();
  }

  JsonObject postJson(String path) {
    return JsonText.object(call("POST", path));
  }

  String post(String path) {
    return call("POST", path);
  }

  JsonObject getJson(String path) {
    return JsonText.object(call("GET", path));
  }

  long getLong(String path) {
    return Long.parseLong(call("GET", path).trim());
  }

  private String call(String method, String path) {
    HttpResponse<String> answer = http.send(method, path, null);
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " on "
              + node.name()
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
