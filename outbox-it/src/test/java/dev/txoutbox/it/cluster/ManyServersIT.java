package dev.txoutbox.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.server.LibertyNode;
import dev.txoutbox.testlab.server.TestDatabase;
import dev.txoutbox.testlab.server.TestEar;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Open Liberty servers, each with the same EAR and a relay, on one PostgreSQL or MariaDB
 * database ({@code -Pmany-servers,postgresql} or {@code ,mariadb}). Node A hosts the queue and its
 * one consumer, which records every message in order of receipt; node B's relay sends to A's
 * messaging engine. Events are published through both; the test then counts what was lost, what
 * arrived that was never published, duplicates, and per-key order violations. Not an Arquillian
 * test: it starts and stops both servers itself. Node A's HTTP port is {@code it.cluster.http.port}
 * (9280) and its JMS port {@code it.cluster.jms.port} (7290); node B's are 100 and 2 above; each
 * with its SSL port one above. Its database: {@code it.cluster.db.name} (txoutbox_cluster).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyServersIT {
  private static final int KEYS = 100;
  private static final int EVENTS_PER_KEY = 100;
  private static final int EVENTS_PER_REQUEST = 10;
  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final int HTTP_PORT = Integer.getInteger("it.cluster.http.port", 9280);
  private static final int JMS_PORT = Integer.getInteger("it.cluster.jms.port", 7290);

  private static final TestDatabase db =
      TestDatabase.ofThisBuild(System.getProperty("it.cluster.db.name", "txoutbox_cluster"));

  private static final String database = db.kind();
  private static LibertyNode nodeA;
  private static LibertyNode nodeB;
  private static final List<String> report = new ArrayList<>();

  @BeforeAll
  static void startTwoServers() throws Exception {
    if (db.isDerby()) {
      throw new IllegalStateException(
          "the many-servers test needs a shared database: run it with -Ppostgresql or -Pmariadb");
    }
    db.recreate();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE cluster_receipt (n "
              + (database.equals("postgresql") ? "BIGSERIAL" : "BIGINT AUTO_INCREMENT")
              + " PRIMARY KEY, event_id VARCHAR(36) NOT NULL, ordering_key VARCHAR(200),"
              + " seq BIGINT NOT NULL, attempt INT NOT NULL)");
    }

    Path target = Path.of(System.getProperty("it.build.dir", "target"));
    Path ear =
        TestEar.named(
                "cluster",
                Path.of(System.getProperty("it.deployments", "target/deployments"))
                    .resolve("outbox-ejb.jar"))
            .web(ClusterApplication.class, LoadPublisher.class, LoadResource.class, Receipts.class)
            .messageDriven("Receipts", "cluster/receipts", Map.of())
            .library("slow-sends", SlowSends.class)
            .exportTo(target.resolve("cluster/cluster.ear"));

    Path wlp = target.resolve("liberty/wlp");
    nodeA =
        node(
            wlp,
            ear,
            "nodeA",
            HTTP_PORT,
            JMS_PORT,
            "<jmsActivationSpec id=\"cluster/receipts\"><properties.wasJms"
                + " destinationRef=\"outboxEvents\" destinationType=\"jakarta.jms.Queue\""
                + " maxConcurrency=\"1\"/></jmsActivationSpec>");
    nodeB =
        node(
            wlp,
            ear,
            "nodeB",
            HTTP_PORT + 100,
            JMS_PORT + 2,
            "<jmsConnectionFactory id=\"nodeAFactory\" jndiName=\"jms/nodeA\">"
                + "<properties.wasJms remoteServerAddress=\"localhost:"
                + JMS_PORT
                + ":BootstrapBasicMessaging\"/>"
                + "</jmsConnectionFactory>"
                + "<variable name=\"outbox.jms.connection-factory\" value=\"jms/nodeA\"/>");
    nodeA.start(); // first: it creates the tables
    nodeB.start();
    warmUp(nodeA);
    warmUp(nodeB);
  }

  /** Also when a test, or the start of a server, failed: closing kills what will not stop. */
  @AfterAll
  static void stopTwoServers() throws Exception {
    for (LibertyNode node : new LibertyNode[] {nodeB, nodeA}) {
      if (node != null) {
        node.close();
      }
    }
    report.forEach(System.out::println);
    Path file =
        Path.of(System.getProperty("it.build.dir", "target"), "many-servers-" + database + ".md");
    Files.write(file, report);
    db.drop();
  }

  @Test
  @Order(1)
  void tenThousandEventsThroughTwoServersArriveOnceInKeyOrder() throws Exception {
    long sendsBeforeA = sends(nodeA); // the warm-up's
    long sendsBeforeB = sends(nodeB);
    long start = System.nanoTime();
    Set<String> published = publish("key-", List.of(nodeA, nodeB));
    long publishedAt = System.nanoTime();
    awaitReceived(published, Duration.ofMinutes(5));
    long drainedAt = System.nanoTime();

    Outcome outcome = outcome("key-", published);
    long sendsA = sends(nodeA) - sendsBeforeA;
    long sendsB = sends(nodeB) - sendsBeforeB;
    report.add(
        String.format(
            "%s, two servers: %d events over %d keys published in %.1f s, all received %.1f s"
                + " after the first publish; lost %d, phantom %d, duplicates %d, order violations"
                + " %d; sends begun by node A %d, node B %d",
            database,
            published.size(),
            KEYS,
            (publishedAt - start) / 1e9,
            (drainedAt - start) / 1e9,
            outcome.lost,
            outcome.phantom,
            outcome.duplicates,
            outcome.orderViolations,
            sendsA,
            sendsB));
    assertThat(published).hasSize(KEYS * EVENTS_PER_KEY);
    assertThat(outcome.lost).isZero();
    assertThat(outcome.phantom).isZero();
    assertThat(outcome.orderViolations).isZero();
    assertThat(outcome.duplicates).as("no duplicates in normal operation").isZero();
    assertThat(sendsA).as("node A's relay sent").isPositive();
    assertThat(sendsB).as("node B's relay sent").isPositive();
  }

  @Test
  @Order(2)
  void frozenServerLosesItsLeaseAndItsStaleCompletionIsRefused() throws Exception {
    int refusedBefore = refusedCompletions(nodeB);
    // a slow broker for B, so that B holds a claim most of the time
    http(nodeB).put("/cluster/api/events/send-delay?ms=50");
    ExecutorService background = Executors.newSingleThreadExecutor();
    Future<Set<String>> publishing = background.submit(() -> publish("lease-", List.of(nodeA), 20));
    List<String> held = awaitClaimOf("nodeB", Duration.ofSeconds(60));
    nodeB.freeze();
    long frozenAt = System.nanoTime();
    Thread.sleep(LEASE.plusSeconds(3).toMillis());
    nodeB.resume();
    long frozenFor = (System.nanoTime() - frozenAt) / 1_000_000;
    Set<String> published = publishing.get();
    background.shutdown();
    awaitReceived(published, Duration.ofMinutes(3));

    await()
        .atMost(Duration.ofSeconds(30))
        .alias("node B logs that its completion came too late and was refused")
        .until(() -> refusedCompletions(nodeB) > refusedBefore);
    Outcome outcome = outcome("lease-", published);
    report.add(
        String.format(
            "%s, lease test: node B frozen for %d ms (lease %s) holding %d claimed events;"
                + " %d events published; lost %d, phantom %d, duplicates %d, order violations"
                + " %d; node B's stale completion refused: yes",
            database,
            frozenFor,
            LEASE,
            held.size(),
            published.size(),
            outcome.lost,
            outcome.phantom,
            outcome.duplicates,
            outcome.orderViolations));
    assertThat(held).isNotEmpty();
    assertThat(outcome.lost).isZero();
    assertThat(outcome.phantom).isZero();
    assertThat(outcome.orderViolations).isZero();
  }

  private static Set<String> publish(String prefix, List<LibertyNode> nodes) throws Exception {
    return publish(prefix, nodes, EVENTS_PER_KEY);
  }

  /**
   * Publishes {@code perKey} events on each of {@link #KEYS} keys, in transactions of ten, from
   * eight client threads, the requests shuffled and spread over {@code nodes}; returns the ids of
   * the committed events.
   */
  private static Set<String> publish(String prefix, List<LibertyNode> nodes, int perKey)
      throws Exception {
    List<String> requests = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      for (int r = 0; r < perKey / EVENTS_PER_REQUEST; r++) {
        requests.add(prefix + k);
      }
    }
    Collections.shuffle(requests);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        String key = requests.get(i);
        LibertyNode node = nodes.get(i % nodes.size());
        done.add(clients.submit(() -> ids.addAll(post(node, key))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      clients.shutdown();
    }
    return ids;
  }

  private static List<String> post(LibertyNode node, String key) throws Exception {
    String path = "/cluster/api/events?key=" + key + "&count=" + EVENTS_PER_REQUEST;
    HttpResponse<String> answer = http(node).post(path);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          node.uri(path) + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return List.of(answer.body().split("\n"));
  }

  /**
   * Publishes through the node until its own relay has sent something, and waits for the receipts:
   * a relay's first batch (class loading, the first JMS connection) can take longer than the test's
   * lease on a busy machine, which is not the normal operation the first test measures.
   */
  private static void warmUp(LibertyNode node) throws Exception {
    Set<String> published = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              published.addAll(post(node, "warmup-" + node.name()));
              return sends(node) > 0;
            });
    awaitReceived(published, Duration.ofSeconds(60));
  }

  /** How often the node's relay found its lease gone when it came to complete a batch. */
  private static int refusedCompletions(LibertyNode node) throws IOException {
    return node.logText().split("ran out before", -1).length - 1;
  }

  private static long sends(LibertyNode node) throws Exception {
    return Long.parseLong(http(node).get("/cluster/api/events/sends").body().trim());
  }

  /** Calls to the node; a publish under load may take a while. */
  private static Http http(LibertyNode node) {
    return Http.to(node.uri("/")).within(Duration.ofMinutes(5));
  }

  private static void awaitReceived(Set<String> published, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> receivedIds().containsAll(published));
  }

  private static List<String> awaitClaimOf(String node, Duration atMost) {
    List<String> held = new ArrayList<>();
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              held.clear();
              held.addAll(
                  strings("SELECT id FROM outbox_message WHERE claimed_by LIKE '" + node + "/%'"));
              return !held.isEmpty();
            });
    return held;
  }

  private record Outcome(int lost, int phantom, int duplicates, int orderViolations) {}

  /**
   * Receipts of the events whose key starts with {@code prefix}, in order of receipt: per key, the
   * first receipt of each event must come in sequence order, with no gap.
   */
  private static Outcome outcome(String prefix, Set<String> published) throws SQLException {
    int receipts = 0;
    Set<String> received = new HashSet<>();
    Map<String, List<Long>> firstSeqsByKey = new LinkedHashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT event_id, ordering_key, seq FROM cluster_receipt WHERE ordering_key LIKE '"
                    + prefix
                    + "%' ORDER BY n")) {
      while (rows.next()) {
        receipts++;
        if (received.add(rows.getString(1))) {
          firstSeqsByKey
              .computeIfAbsent(rows.getString(2), k -> new ArrayList<>())
              .add(rows.getLong(3));
        }
      }
    }
    int violations = 0;
    for (List<Long> seqs : firstSeqsByKey.values()) {
      for (int i = 0; i < seqs.size(); i++) {
        if (seqs.get(i) != i + 1) { // 1, 2, 3 ...: in order and without a gap
          violations++;
        }
      }
    }
    Set<String> lost = new HashSet<>(published);
    lost.removeAll(received);
    Set<String> phantom = new HashSet<>(received);
    phantom.removeAll(published);
    return new Outcome(lost.size(), phantom.size(), receipts - received.size(), violations);
  }

  private static Set<String> receivedIds() throws SQLException {
    return new HashSet<>(strings("SELECT DISTINCT event_id FROM cluster_receipt"));
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /**
   * A node on the shared database with the test's relay timings, HTTP on {@code httpPort} (HTTPS
   * one above) and JMS on {@code jmsPort} (SSL one above), plus its own server.xml additions.
   */
  private static LibertyNode node(
      Path wlp, Path ear, String name, int httpPort, int jmsPort, String additions)
      throws IOException {
    LibertyNode node = new LibertyNode(wlp, name, httpPort, "/cluster/api/events");
    node.create(
        Path.of(System.getProperty("it.server-config")),
        db.bootstrap(httpPort, jmsPort),
        "<server><variable name=\"outbox.relay.node-id\" value=\""
            + name
            + "\"/><variable name=\"outbox.relay.interval\" value=\"PT1S\"/>"
            + "<variable name=\"outbox.relay.lease\" value=\""
            + LEASE
            + "\"/><variable name=\"outbox.relay.batch-size\" value=\"20\"/>"
            + "<variable name=\"outbox.relay.claim-size\" value=\"20\"/>"
            + additions
            + "</server>",
        ear);
    return node;
  }
}
