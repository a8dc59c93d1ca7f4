package dev.txoutbox.bench;

import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Percentiles;
import dev.txoutbox.bench.Results.Scale;
import dev.txoutbox.bench.Results.Spread;
import dev.txoutbox.bench.Results.Write;
import dev.txoutbox.bench.Server.Relay;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The benchmark run: per database, B1 to B3 on one server, B4 (PostgreSQL only) on two; each
 * against its baseline in interleaved blocks. Writes the report, and exits with 1 when B4 saw a
 * duplicate, an order violation or a lost event, or when anything failed.
 */
public final class Bench {
  private static final int HTTP_A = 9480;
  private static final int JMS_A = 7490;
  private static final int HTTP_B = 9580;
  private static final int JMS_B = 7590;

  /** Consumer threads: enough that the consumer is not what limits B2 (one manages ~1,000/s). */
  private static final int CONSUMERS = 4;

  /** B4's: per-key order can only be checked in one thread's order of receipt. */
  private static final int ORDERED_CONSUMERS = 1;

  private final Settings settings;
  private final Plan plan;
  private final Results results;
  private final List<Server> running = new ArrayList<>();
  private int backlogs;

  private Bench(Settings settings) {
    this.settings = settings;
    this.plan = Plan.of(settings.mode());
    this.results = new Results(Machine.describe(settings), settings.mode());
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    Files.createDirectories(settings.out());
    Bench bench = new Bench(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
    boolean clean;
    try {
      bench.earArchive();
      for (String database : settings.databases()) {
        bench.run(database);
      }
      clean = bench.checkScale();
    } finally {
      bench.stopAll();
    }
    bench.results.machine = Machine.withLoadAfter(bench.results.machine);
    Report.write(bench.results, settings.out());
    System.out.println("report: " + settings.out().resolve("report.md"));
    System.exit(clean ? 0 : 1);
  }

  private void run(String database) throws Exception {
    log("== " + database);
    createDatabase(database);
    Relay standard = new Relay(true, 100, true, CONSUMERS);
    Server server;
    if (plan.relayElsewhere()) {
      // B1 with no relay on this server, as when the relay runs on other servers
      server = start(database, new Relay(false, 100, true, CONSUMERS));
      warmUp(server, false);
      for (int clients : plan.writeClients()) {
        results.writes.add(writeOverhead(server, database, clients, false));
      }
      server.post("outbox/clear");
      stop(server);
    }
    server = start(database, standard);
    warmUp(server, true);
    for (int clients : plan.writeClients()) {
      results.writes.add(writeOverhead(server, database, clients, true));
    }
    double sustainable = drainAndSustainable(server, database, 100);
    for (double load : plan.latencyLoads()) {
      results.latencies.add(latency(server, database, true, load, load * sustainable));
    }
    stop(server);
    if (plan.pollingOnly()) {
      server = start(database, new Relay(true, 100, false, CONSUMERS));
      for (double load : plan.latencyLoads()) {
        results.latencies.add(latency(server, database, false, load, load * sustainable));
      }
      stop(server);
    }
    for (int batch : plan.drainEventsByBatch().keySet().stream().sorted().toList()) {
      if (batch != 100) {
        server = start(database, new Relay(true, batch, true, CONSUMERS));
        results.drains.add(drain(server, database, batch));
        stop(server);
      }
    }
    if (database.equals("postgresql")) {
      results.scales.add(twoServers(database, new Relay(true, 100, true, ORDERED_CONSUMERS)));
    }
    dropDatabase(database);
  }

  /** B2 at batch 100, and the sustainable rate that B3's loads are fractions of. */
  private double drainAndSustainable(Server server, String database, int batch) throws Exception {
    Drain drain = drain(server, database, batch);
    results.drains.add(drain);
    double publishCapacity =
        results.writes.stream()
            .filter(w -> w.database().equals(database) && w.relayOn())
            .mapToDouble(Write::outboxTps)
            .max()
            .orElse(drain.outboxRate());
    // producer and relay share the cores: together they manage about the harmonic combination
    double estimate = 1 / (1 / publishCapacity + 1 / drain.outboxRate());
    double sustainable = estimate;
    for (int attempt = 1; ; attempt++) {
      JsonObject block = openLoop(server, sustainable, 5_000, true);
      double p99 = ms(block.getJsonObject("latency"), "p99");
      log(String.format("  sustainable? %.0f/s: p99 %.0f ms", sustainable, p99));
      if (p99 < 1_000 || attempt == 6) {
        break;
      }
      sustainable *= 0.7;
    }
    results.notes.add(
        String.format(
            "%s: B3's sustainable rate is %.0f/s: the first rate, from %.0f/s down by 30%% a"
                + " step, at which 5 s of open-loop publishing kept the p99 latency under 1 s (the"
                + " estimate combines the B1 publish throughput, %.0f tx/s, and the B2 drain rate at"
                + " batch 100, %.0f/s, as producer and relay share the cores)",
            database, sustainable, estimate, publishCapacity, drain.outboxRate()));
    return sustainable;
  }

  /**
   * Runs both variants of the business transaction in turn, so that the JIT has compiled both paths
   * before anything is measured (the first thousands of transactions run several times slower).
   */
  private void warmUp(Server server, boolean relayOn) throws Exception {
    log("warm-up, " + plan.warmUpMillis() + " ms");
    long end = System.currentTimeMillis() + plan.warmUpMillis();
    while (System.currentTimeMillis() < end) {
      closedLoop(server, 4, 2_000, true, relayOn);
      closedLoop(server, 4, 2_000, false, relayOn);
    }
  }

  // ---- B1

  private Write writeOverhead(Server server, String database, int clients, boolean relayOn)
      throws Exception {
    log("B1 write overhead, " + clients + " clients, relay " + (relayOn ? "on" : "off"));
    closedLoop(server, clients, 1_000, true, relayOn); // this concurrency's pools and queues
    closedLoop(server, clients, 1_000, false, relayOn);
    List<JsonObject> outbox = new ArrayList<>();
    List<JsonObject> baseline = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> p99Changes = new ArrayList<>();
    for (int pair = 0; pair < plan.writePairs(); pair++) {
      JsonObject a = closedLoop(server, clients, plan.writeMillis(), true, relayOn);
      JsonObject b = closedLoop(server, clients, plan.writeMillis(), false, relayOn);
      outbox.add(a);
      baseline.add(b);
      ratios.add(tps(a) / tps(b));
      p99Changes.add(
          (double) a.getJsonNumber("p99").longValue() / b.getJsonNumber("p99").longValue() - 1);
      log(String.format("  pair %d: %.0f vs %.0f tx/s", pair + 1, tps(a), tps(b)));
    }
    return new Write(
        database,
        clients,
        relayOn,
        Spread.of(ratios),
        Spread.of(p99Changes),
        median(outbox, Bench::tps),
        median(baseline, Bench::tps),
        median(outbox, o -> o.getJsonNumber("p99").longValue() / 1000.0),
        median(baseline, o -> o.getJsonNumber("p99").longValue() / 1000.0));
  }

  /**
   * One block; afterwards the relay, if on, drains what it published, outside the block (with the
   * relay off, the events stay in the table).
   */
  private JsonObject closedLoop(
      Server server, int clients, long millis, boolean publish, boolean relayOn) throws Exception {
    JsonObject block =
        server.postJson("closed-loop?clients=" + clients + "&ms=" + millis + "&publish=" + publish);
    if (block.getJsonNumber("errors").longValue() > 0) {
      throw new IllegalStateException("business transactions failed in B1: " + block);
    }
    if (relayOn) {
      awaitNothingPending(server);
    }
    return block;
  }

  private static double tps(JsonObject block) {
    return block.getJsonNumber("count").longValue() / block.getJsonNumber("seconds").doubleValue();
  }

  // ---- B2

  private Drain drain(Server server, String database, int batch) throws Exception {
    int events = plan.drainEvents(database, batch);
    log("B2 relay throughput, batch " + batch + ", " + events + " events");
    drainBacklog(server, List.of(), Math.min(events / 2, 1_000), 0); // warm-up
    rawSend(server, Math.min(events / 2, 1_000), batch);
    List<Double> outbox = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int pair = 0; pair < plan.drainPairs(); pair++) {
      double a = drainBacklog(server, List.of(), events, 0).rate();
      double b = rawSend(server, events, batch);
      outbox.add(a);
      raw.add(b);
      ratios.add(a / b);
      log(String.format("  pair %d: relay %.0f/s, raw sender %.0f/s", pair + 1, a, b));
    }
    return new Drain(database, batch, events, Spread.of(ratios), median(outbox), median(raw));
  }

  /** A drained backlog: the relays' rate, and what the consumer saw. */
  private record Drained(double rate, JsonObject seen) {}

  /**
   * Stages {@code events} held-back events through {@code server}, freezes {@code frozen}, releases
   * the backlog and waits until nothing is pending (the rate: events over the time from the release
   * until then), then until the consumer has all of them and the release's wake-up event.
   */
  private Drained drainBacklog(Server server, List<Server> frozen, int events, int keys)
      throws Exception {
    String type = "Backlog" + (++backlogs);
    server.post("backlog?type=" + type + "&count=" + events + "&keys=" + keys);
    // B4 checks duplicates and order; B2 only counts, as its baseline's consumer does
    server.post("receipts/reset?check=" + (keys > 0) + "&time=false");
    for (Server f : frozen) {
      f.freeze();
    }
    JsonObject drained;
    try {
      drained = server.postJson("backlog/drain?type=" + type);
    } finally {
      for (Server f : frozen) {
        f.resume();
      }
    }
    JsonObject seen = awaitReceived(server, events + 1, TimeUnit.MINUTES.toMillis(20));
    return new Drained(events / seconds(drained), seen);
  }

  /**
   * The raw sender's rate: messages over the time it took to send them; then waits until the
   * consumer has them all.
   */
  private double rawSend(Server server, int count, int batch) throws Exception {
    server.post("receipts/reset?check=false&time=false");
    JsonObject sent = server.postJson("raw?count=" + count + "&batch=" + batch);
    awaitReceived(server, count, TimeUnit.MINUTES.toMillis(20));
    return count / seconds(sent);
  }

  private static double seconds(JsonObject timed) {
    return timed.getJsonNumber("nanos").longValue() / 1e9;
  }

  // ---- B3

  private Latency latency(Server server, String database, boolean wakeUp, double load, double rate)
      throws Exception {
    log(
        String.format(
            "B3 latency, %s, %.0f%% load: %.0f/s",
            wakeUp ? "wake-up" : "polling", load * 100, rate));
    openLoop(server, rate, Math.min(plan.latencyMillis(), 2_000), true); // warm-up
    List<JsonObject> outbox = new ArrayList<>();
    List<JsonObject> raw = new ArrayList<>();
    List<Double> p99Ratios = new ArrayList<>();
    List<Double> startDelays = new ArrayList<>();
    for (int pair = 0; pair < plan.latencyPairs(); pair++) {
      JsonObject a = openLoop(server, rate, plan.latencyMillis(), true);
      JsonObject b = openLoop(server, rate, plan.latencyMillis(), false);
      outbox.add(a.getJsonObject("latency"));
      raw.add(b.getJsonObject("latency"));
      p99Ratios.add(
          (double) a.getJsonObject("latency").getJsonNumber("p99").longValue()
              / Math.max(1, b.getJsonObject("latency").getJsonNumber("p99").longValue()));
      startDelays.add(a.getJsonNumber("startDelayP99").longValue() / 1000.0);
      log(
          String.format(
              "  pair %d: outbox p50 %.1f p99 %.1f ms, raw p50 %.1f p99 %.1f ms",
              pair + 1,
              ms(a.getJsonObject("latency"), "p50"),
              ms(a.getJsonObject("latency"), "p99"),
              ms(b.getJsonObject("latency"), "p50"),
              ms(b.getJsonObject("latency"), "p99")));
    }
    return new Latency(
        database,
        wakeUp,
        load,
        rate,
        percentiles(outbox),
        percentiles(raw),
        Spread.of(p99Ratios),
        median(startDelays));
  }

  /** One open-loop block; the consumer's figures with the generator's start delay added. */
  private JsonObject openLoop(Server server, double rate, long millis, boolean outbox)
      throws Exception {
    server.post("receipts/reset?check=false&time=true");
    JsonObject generated =
        server.postJson(String.format("open-loop?rate=%.3f&ms=%d&outbox=%b", rate, millis, outbox));
    long count = generated.getJsonNumber("count").longValue();
    if (generated.getJsonNumber("errors").longValue() > 0) {
      throw new IllegalStateException("calls failed in B3: " + generated);
    }
    JsonObject seen = awaitReceived(server, count, TimeUnit.MINUTES.toMillis(5));
    awaitNothingPending(server);
    return jakarta.json.Json.createObjectBuilder(seen)
        .add("startDelayP99", generated.getJsonNumber("startDelayP99").longValue())
        .build();
  }

  private static double ms(JsonObject latency, String percentile) {
    return latency.getJsonNumber(percentile).longValue() / 1000.0;
  }

  private static Percentiles percentiles(List<JsonObject> blocks) {
    return new Percentiles(
        median(blocks, l -> ms(l, "p50")),
        median(blocks, l -> ms(l, "p95")),
        median(blocks, l -> ms(l, "p99")),
        blocks.stream().mapToDouble(l -> ms(l, "max")).max().orElse(0));
  }

  // ---- B4

  private Scale twoServers(String database, Relay relay) throws Exception {
    int events = plan.scaleEvents();
    int keys = plan.scaleKeys();
    log("B4 two servers, " + events + " events over " + keys + " keys");
    Server a = start(database, relay);
    Server b = create(database, "benchB", HTTP_B, JMS_B, JMS_A, relay);
    b.start();
    running.add(b);
    try {
      drainBacklog(a, List.of(), 1_000, keys); // warm-up, both relays
      List<Double> one = new ArrayList<>();
      List<Double> two = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      long duplicates = 0;
      long violations = 0;
      long lost = 0;
      for (int pair = 0; pair < plan.scalePairs(); pair++) {
        Drained alone = drainBacklog(a, List.of(b), events, keys);
        Drained both = drainBacklog(a, List.of(), events, keys);
        for (Drained drained : List.of(alone, both)) {
          JsonObject seen = drained.seen();
          duplicates += seen.getJsonNumber("duplicates").longValue();
          violations += seen.getJsonNumber("orderViolations").longValue();
          lost += events + 1 - seen.getJsonNumber("distinct").longValue(); // + the wake-up event
        }
        one.add(alone.rate());
        two.add(both.rate());
        ratios.add(both.rate() / alone.rate());
        log(
            String.format(
                "  pair %d: one server %.0f/s, two %.0f/s", pair + 1, alone.rate(), both.rate()));
      }
      return new Scale(
          database,
          events,
          keys,
          Spread.of(ratios),
          median(one),
          median(two),
          duplicates,
          violations,
          lost);
    } finally {
      stop(b);
      stop(a);
    }
  }

  private boolean checkScale() {
    boolean clean = true;
    for (Scale scale : results.scales) {
      if (scale.duplicates() + scale.orderViolations() + scale.lost() > 0) {
        System.err.println(
            "B4 on "
                + scale.database()
                + ": duplicates "
                + scale.duplicates()
                + ", order violations "
                + scale.orderViolations()
                + ", lost "
                + scale.lost());
        clean = false;
      }
    }
    return clean;
  }

  // ---- servers, waiting, the database

  private Server start(String database, Relay relay) throws Exception {
    Server server = create(database, "benchA", HTTP_A, JMS_A, 0, relay);
    log("starting " + database + " server, " + relay);
    server.start();
    running.add(server);
    return server;
  }

  private Server create(String database, String name, int http, int jms, int sendTo, Relay relay)
      throws Exception {
    return Server.create(settings, database, name, http, jms, sendTo, relay);
  }

  private void stop(Server server) {
    if (running.remove(server)) {
      server.stop();
    }
  }

  private void stopAll() {
    for (Server server : List.copyOf(running)) {
      stop(server);
    }
  }

  private static JsonObject awaitReceived(Server server, long count, long timeoutMillis)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    JsonObject seen = server.getJson("receipts");
    while (seen.getJsonNumber("received").longValue() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "the consumer received " + seen.getJsonNumber("received") + " of " + count);
      }
      Thread.sleep(100);
      seen = server.getJson("receipts");
    }
    return seen;
  }

  private static void awaitNothingPending(Server server) throws Exception {
    long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
    while (server.getLong("pending") > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the outbox did not drain within 10 minutes");
      }
      Thread.sleep(100);
    }
  }

  /** outbox-ejb and the benchmark's web module; no application.xml, the server finds both. */
  private void earArchive() throws IOException {
    try (ZipOutputStream ear = new ZipOutputStream(Files.newOutputStream(settings.ear()))) {
      for (Path module : List.of(settings.outboxEjb(), settings.war())) {
        ear.putNextEntry(new ZipEntry(module.getFileName().toString()));
        Files.copy(module, ear);
        ear.closeEntry();
      }
    }
  }

  private void createDatabase(String database) throws SQLException {
    if (database.equals("postgresql")) {
      dropDatabase(database);
      admin("CREATE DATABASE " + Settings.DB_NAME);
    }
  }

  private void dropDatabase(String database) throws SQLException {
    if (database.equals("postgresql")) {
      admin("DROP DATABASE IF EXISTS " + Settings.DB_NAME + " WITH (FORCE)");
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + settings.dbHost() + ":5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static double median(List<Double> values) {
    return Spread.of(values).median();
  }

  private static <T> double median(List<T> blocks, ToDoubleFunction<T> figure) {
    return median(blocks.stream().map(figure::applyAsDouble).toList());
  }

  private static void log(String line) {
    System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
  }
}
