package dev.txoutbox.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.crash.Load.Outcome;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.server.LibertyNode;
import dev.txoutbox.testlab.server.Node;
import dev.txoutbox.testlab.server.TestDatabase;
import dev.txoutbox.testlab.server.WildFlyNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash suite ({@code -Pcrash}, with {@code -Ppostgresql} or {@code -Pmariadb}, Derby
 * otherwise): one Open Liberty server, or with {@code -Pwildfly} one WildFly ({@link Node}), under
 * a steady load of business transactions, each placing an order with a unique id and publishing its
 * event, while the test does its worst:
 *
 * <ol>
 *   <li>{@code kill -9} of the server at random moments, restarting it each time;
 *   <li>deterministic halts: after a business commit before the relay's wake-up; at the relay's
 *       hand-off (after the send, before the SENT mark); in exactly-once mode, in the database's
 *       phase-two commit, after every resource prepared;
 *   <li>the broker unavailable: the server's own (Liberty's messaging engine, WildFly's Artemis)
 *       refusing sends to the destination for {@link #OUTAGE}; with {@code -Partemis} (Liberty),
 *       the external Artemis broker killed ({@code kill -9}) and started again {@link #OUTAGE}
 *       later, then stopped for {@link #LONG_OUTAGE};
 *   <li>on PostgreSQL, a restart of the database.
 * </ol>
 *
 * Then it stops the load, waits for the relay to drain, and checks ({@link CrashCheck}): nothing
 * lost, nothing phantom, no duplicate effect through the inbox, and in exactly-once mode no
 * duplicate delivery. Once per delivery mode. {@code -Dcrash.kills=10} is the full run; the
 * default, 3, is the short one that CI runs. Not an Arquillian test: it starts, kills and stops the
 * server itself ({@link CrashServers}); a mode's server is closed when the mode ends, passed or
 * failed, which stops it, or kills it if it will not stop.
 */
class CrashIT {
  private static final boolean WILDFLY = "wildfly".equals(System.getProperty("it.server"));
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  /** The external broker's orderly stop: {@code -Dcrash.long-outage=20} seconds for a short run. */
  private static final Duration LONG_OUTAGE =
      Duration.ofSeconds(Integer.getInteger("crash.long-outage", 60));

  private static final Random RANDOM = new Random();
  private static final List<String> report = new ArrayList<>();

  /** Its own database: {@code -Dit.crash.db.name}, txoutbox_crash by default. */
  private static final TestDatabase db =
      TestDatabase.ofThisBuild(System.getProperty("it.crash.db.name", "txoutbox_crash"));

  private static final String database = db.kind();
  private static final ExternalBroker artemis = ExternalBroker.ofThisRun();
  private static final String brokerName = artemis == null ? "embedded" : "artemis";

  /** Artemis drops a re-sent copy by its _AMQ_DUPL_ID: the external broker, or WildFly's own. */
  private static final boolean brokerDropsCopies = artemis != null || WILDFLY;

  private static Path target;
  private static CrashServers servers;

  @BeforeAll
  static void build() throws IOException {
    if (artemis != null && WILDFLY) {
      throw new IllegalStateException(
          "the crash suite runs on WildFly with its embedded broker: drop -Partemis from"
              + " -Pwildfly,crash");
    }
    if (artemis != null && db.isDerby()) {
      // Derby locks rows for readers: while the broker is down, the consumer's transactions wait in
      // their commit holding the receipts' locks, and the state reads of the check time out
      throw new IllegalStateException(
          "the crash suite with the external broker runs on PostgreSQL or MariaDB: add -Ppostgresql"
              + " or -Pmariadb to -Pcrash,artemis");
    }
    target = Path.of(System.getProperty("it.build.dir", "target"));
    servers = new CrashServers(target, db, artemis, WILDFLY);
    report.add(
        "| server | database | broker | mode | kills | halts | orders committed | client: committed /"
            + " rolled back / unknown | lost | phantom | duplicates | duplicate effects | XA"
            + " transactions recovered / left in doubt | restart s (max) | broker outages: backlog"
            + " drained in s |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  }

  @AfterAll
  static void writeReportAndDropDatabase() throws IOException, SQLException {
    report.forEach(System.out::println);
    Files.write(
        target.resolve(
            "crash-" + (WILDFLY ? "wildfly-" : "") + database + "-" + brokerName + ".md"),
        report);
    if (!db.isDerby()) {
      db.drop();
    }
  }

  /** The delivery modes to run: {@code -Dcrash.modes=exactly-once} for one; both by default. */
  static List<String> modes() {
    return List.of(System.getProperty("crash.modes", "at-least-once,exactly-once").split(","));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void nothingIsLostOrInventedWhateverCrashesWhen(String mode) throws Exception {
    freshDatabase();
    // closing the node stops its server, or kills it: also when a step or a check fails
    try (Node node = servers.node(mode)) {
      crashAndCheck(mode, node);
    }
  }

  /** Starts the server, does its worst under load, and checks what the clients and consumer saw. */
  private static void crashAndCheck(String mode, Node node) throws Exception {
    boolean exactlyOnce = mode.equals("exactly-once");
    int kills = Integer.getInteger("crash.kills", 3);
    String base = node.uri("/crash/api").toString();
    List<Double> restarts = new ArrayList<>();
    List<String> halts = new ArrayList<>();
    List<String> drains = new ArrayList<>();
    long droppedBefore = droppedCopies(node);
    Map<String, Outcome> outcomes;
    node.start();
    try (Load load = new Load(() -> base, 4)) {
      try {
        Thread.sleep(3000);
        for (int i = 0; i < kills; i++) {
          Thread.sleep(2000 + RANDOM.nextInt(4000));
          node.kill();
          restarts.add(restart(node));
        }

        String order = UUID.randomUUID().toString();
        load.record(order, Load.place(base, order, false, "after-commit"));
        halted(node, "after the commit, before the wake-up", halts, restarts);

        arm(node, "/crash/api/halts/handoff");
        halted(node, "at the hand-off", halts, restarts);

        if (exactlyOnce) {
          arm(node, "/crash/api/halts/xa-commit");
          halted(node, "in the XA commit", halts, restarts);
        }

        if (artemis == null) {
          drains.add(brokerOutage(node, load, "sends refused", refusedSends(node), OUTAGE));
        } else {
          // kill -9 (its journal as it was), then an orderly stop as for maintenance
          Outage killed = new Outage(artemis::kill, artemis::start);
          Outage stopped = new Outage(artemis::stop, artemis::start);
          drains.add(brokerOutage(node, load, "kill -9", killed, OUTAGE));
          drains.add(brokerOutage(node, load, "stopped", stopped, LONG_OUTAGE));
        }
        if (database.equals("postgresql")) {
          restartPostgresql(load);
        }
      } finally {
        outcomes = load.stop();
      }
      State state = drained(node, Duration.ofMinutes(5));
      CrashCheck check = CrashCheck.of(outcomes, state.eventOfOrder, state.receipts, state.effects);
      int recovered = node.recoveredTransactions();
      int inDoubt = inDoubtTransactions();
      long dropped = droppedCopies(node) - droppedBefore;
      report.add(
          String.format(
              "| %s | %s | %s | %s | %d | %d | %d | %d / %d / %d | %d | %d | %s | %d | %d / %d |"
                  + " %.1f | %s |",
              WILDFLY ? "WildFly" : "Open Liberty",
              database,
              brokerName,
              mode,
              kills,
              halts.size(),
              check.orders(),
              check.clientCommitted(),
              check.clientRolledBack(),
              check.clientUnknown(),
              check.lost(),
              check.phantom(),
              check.duplicates() + (brokerDropsCopies ? " (broker dropped " + dropped + ")" : ""),
              check.duplicateEffects(),
              recovered,
              inDoubt,
              restarts.stream().mapToDouble(Double::doubleValue).max().orElse(0),
              String.join(", ", drains)));
      System.out.println(
          mode
              + ": "
              + check
              + "; halts "
              + halts
              + "; broker outages "
              + drains
              + (brokerDropsCopies ? "; copies the broker dropped " + dropped : ""));

      assertThat(check.orders()).as("orders committed").isGreaterThan(100);
      assertThat(check.lostWrites()).as("orders a client saw commit, not stored").isZero();
      assertThat(check.phantomWrites()).as("orders a client saw roll back, stored").isZero();
      assertThat(check.lost()).as("lost: committed, never received").isZero();
      assertThat(check.phantom()).as("phantom: received, never committed").isZero();
      assertThat(check.duplicateEffects()).as("duplicate effects through the inbox").isZero();
      assertThat(check.missingEffects()).as("received events without an effect").isZero();
      assertThat(inDoubt).as("prepared transactions left in the database").isZero();
      if (exactlyOnce) {
        assertThat(check.duplicates()).as("duplicate deliveries in exactly-once mode").isZero();
        assertThat(recovered).as("transactions the restarts recovered").isPositive();
      } else if (!brokerDropsCopies) {
        // the hand-off halt leaves sent rows unmarked: at least once means they come again
        assertThat(check.duplicates()).as("duplicates after the hand-off halt").isPositive();
      } else {
        // ... and Artemis drops the copies by their _AMQ_DUPL_ID (docs/brokers.md)
        assertThat(dropped)
            .as("copies the broker dropped as duplicates after the hand-off halt")
            .isPositive();
      }
    }
  }

  /**
   * XA transactions prepared in the database and never completed: each holds locks and, on
   * PostgreSQL, keeps VACUUM from reclaiming rows. Derby's are inside the server.
   */
  private static int inDoubtTransactions() throws SQLException {
    if (database.equals("derby")) {
      return 0;
    }
    String sql =
        database.equals("postgresql")
            ? "SELECT gid FROM pg_prepared_xacts WHERE database = '" + db.name() + "'"
            : "XA RECOVER";
    int count = 0;
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        count++;
      }
    }
    return count;
  }

  /** Starts the killed server again; answers how long it took to answer, in seconds. */
  private static double restart(Node node) throws Exception {
    long start = System.nanoTime();
    node.start();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Waits for the armed halt to kill the server, and starts it again. */
  private static void halted(Node node, String where, List<String> halts, List<Double> restarts)
      throws Exception {
    if (!node.awaitDeath(Duration.ofSeconds(60))) {
      throw new AssertionError("the server did not halt " + where + "; see " + node.log());
    }
    halts.add(where);
    restarts.add(restart(node));
  }

  /** A step of an outage. */
  private interface Step {
    void run() throws Exception;
  }

  /** A broker outage: what begins it, and what ends it. */
  private record Outage(Step begin, Step end) {}

  /** The broker of this run's server refuses every send to the relay's queue, until the end. */
  private static Outage refusedSends(Node node) {
    return node instanceof WildFlyNode wildFly
        ? artemisRefusesSends(wildFly)
        : engineRefusesSends((LibertyNode) node);
  }

  /** Liberty's messaging engine refuses every send to the relay's queue until the override goes. */
  private static Outage engineRefusesSends(LibertyNode node) {
    String override = "configDropins/overrides/outage.xml";
    return new Outage(
        () ->
            node.reconfigure(
                override,
                "<server><messagingEngine><queue id=\"txoutbox.events\" sendAllowed=\"false\"/>"
                    + "</messagingEngine></server>"),
        () -> Files.delete(node.file(override)));
  }

  /**
   * WildFly's Artemis refuses every send to the relay's queue: its consumers paused, so that the
   * queue keeps what it holds, and its address full (FAIL at one byte) until the end, which puts
   * back the crash server's settings (the {@code address-setting} of {@link #wildFlyCrashKeys}).
   */
  private static Outage artemisRefusesSends(WildFlyNode node) {
    String server = "/subsystem=messaging-activemq/server=default";
    String queue = server + "/jms-queue=txoutbox.events";
    String setting = server + "/address-setting=jms.queue.txoutbox.events";
    return new Outage(
        () ->
            node.manage(
                queue + ":pause",
                setting + ":write-attribute(name=address-full-policy, value=FAIL)",
                setting + ":write-attribute(name=max-size-bytes, value=1)"),
        () ->
            node.manage(
                setting + ":write-attribute(name=max-size-bytes, value=10485760)",
                setting + ":write-attribute(name=address-full-policy, value=PAGE)",
                queue + ":resume"));
  }

  /**
   * The copies of messages that Artemis refused as duplicates so far ({@code AMQ222059} in its
   * log): re-sends of an event whose {@code _AMQ_DUPL_ID} it still held. The external broker's log,
   * or WildFly's (its embedded broker's messages go there).
   */
  private static long droppedCopies(Node node) throws IOException {
    if (artemis != null) {
      return artemis.droppedDuplicates();
    }
    if (!WILDFLY) {
      return 0;
    }
    long dropped = 0;
    if (!Files.isDirectory(node.log().getParent())) {
      return 0;
    }
    try (Stream<Path> logs = Files.list(node.log().getParent())) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().startsWith("server.log")).toList()) {
        try (Stream<String> lines = Files.lines(log)) {
          dropped += lines.filter(line -> line.contains("AMQ222059")).count();
        }
      }
    }
    return dropped;
  }

  /**
   * The broker is unavailable for {@code length} under load: the business transactions go on, the
   * events wait in the outbox with the error of their failed send, and the relay delivers them once
   * the broker is back. Answers {@code "<what> <seconds>"}: the time from the broker's return until
   * every event committed before it had arrived.
   */
  private static String brokerOutage(
      Node node, Load load, String what, Outage outage, Duration length) throws Exception {
    long committedBefore;
    int pendingBefore;
    long committedDuring;
    State during;
    outage.begin().run();
    try {
      committedBefore = load.count(Outcome.COMMITTED);
      pendingBefore = state(node).pending;
      Thread.sleep(length.toMillis());
      committedDuring = load.count(Outcome.COMMITTED) - committedBefore;
      during = state(node);
    } finally {
      outage.end().run(); // also when the test fails: the next mode needs the broker
    }
    long back = System.nanoTime();
    assertThat(committedDuring)
        .as("business writes while the broker is unavailable (%s)", what)
        .isPositive();
    assertThat(during.pending)
        .as("events wait in the outbox while the broker is unavailable (%s)", what)
        .isGreaterThan(pendingBefore);
    assertThat(during.failing)
        .as("pending events that hold the error of their failed send (%s)", what)
        .isPositive();

    List<String> committed = List.copyOf(during.eventOfOrder.values());
    long deadline = back + TimeUnit.MINUTES.toNanos(5);
    while (!state(node).receipts.containsAll(committed)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the backlog of the outage (" + what + ") did not drain in 5 min");
      }
      Thread.sleep(250);
    }
    return String.format("%s %.1f", what, (System.nanoTime() - back) / 1e9);
  }

  /** Restarts PostgreSQL under load: the relay and the business writes recover by themselves. */
  private static void restartPostgresql(Load load) throws Exception {
    String version;
    try (var versions = Files.list(Path.of("/etc/postgresql"))) {
      version = versions.findFirst().orElseThrow().getFileName().toString();
    }
    Process restart =
        new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
            .inheritIO()
            .start();
    if (!restart.waitFor(120, TimeUnit.SECONDS) || restart.exitValue() != 0) {
      throw new IllegalStateException("restarting PostgreSQL failed");
    }
    long committedBefore = load.count(Outcome.COMMITTED); // counted from the restart on
    Thread.sleep(10_000);
    assertThat(load.count(Outcome.COMMITTED))
        .as("business writes after PostgreSQL's restart")
        .isGreaterThan(committedBefore);
  }

  private record State(
      Map<String, String> eventOfOrder,
      List<String> receipts,
      List<String> effects,
      int pending,
      int failing) {}

  private static State state(Node node) throws Exception {
    HttpResponse<String> answer = http(node).get("/crash/api/state");
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("state answered " + answer.statusCode());
    }
    Map<String, String> orders = new HashMap<>();
    List<String> receipts = new ArrayList<>();
    List<String> effects = new ArrayList<>();
    int pending = 0;
    int failing = 0;
    String section = "";
    for (String line : answer.body().split("\n")) {
      if (line.startsWith("#")) {
        section = line.substring(1);
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      switch (section) {
        case "crash_order" -> orders.put(line.split(" ")[0], line.split(" ")[1]);
        case "crash_receipt" -> receipts.add(line);
        case "crash_effect" -> effects.add(line);
        case "outbox" -> {
          if (line.startsWith("PENDING ")) {
            pending = Integer.parseInt(line.substring(8).trim());
          } else if (line.startsWith("FAILING ")) {
            failing = Integer.parseInt(line.substring(8).trim());
          }
        }
        default -> throw new IllegalStateException("unexpected state line " + line);
      }
    }
    return new State(orders, receipts, effects, pending, failing);
  }

  /** Waits until the outbox has nothing pending and every stored order's event arrived. */
  private static State drained(Node node, Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      State state = state(node);
      boolean allArrived = state.receipts.containsAll(state.eventOfOrder.values());
      if (state.pending == 0 && allArrived) {
        Thread.sleep(2000); // late duplicates, if any, arrive too
        return state(node);
      }
      if (System.nanoTime() > deadline) {
        return state; // the check reports what is missing
      }
      Thread.sleep(1000);
    }
  }

  /**
   * Arms a halt. The relay may reach the armed point, and halt the server, before the answer is
   * written: a connection that ends without one is that halt (which {@link #halted} then awaits).
   */
  private static void arm(Node node, String path) {
    try {
      http(node).put(path);
    } catch (UncheckedIOException closed) {
      System.out.println("the server halted before it answered " + path + ": " + closed);
    }
  }

  /** Calls to the server, each answered within five minutes (a drain under load is slow). */
  private static Http http(Node node) {
    return Http.to(node.uri("/")).within(Duration.ofMinutes(5));
  }

  /** An empty database for one mode (PostgreSQL and MariaDB; Derby's is the server's). */
  private static void freshDatabase() throws SQLException {
    if (!db.isDerby()) {
      db.recreate();
    }
  }
}
