package dev.txoutbox.bench;

import dev.txoutbox.bench.Results.Cost;
import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Exactly;
import dev.txoutbox.bench.Results.Keyed;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Percentiles;
import dev.txoutbox.bench.Results.Retained;
import dev.txoutbox.bench.Results.RowByHand;
import dev.txoutbox.bench.Results.Scale;
import dev.txoutbox.bench.Results.Spread;
import dev.txoutbox.bench.Results.Write;
import dev.txoutbox.bench.Server.Relay;
import dev.txoutbox.testlab.server.TestEar;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark run: per database, B1 to B3 on one server, B2 with hot keys on the same; on
 * PostgreSQL also B2 on a table of retained SENT rows, B5 (exactly-once) and B4 on two servers;
 * each against its baseline in interleaved blocks. On PostgreSQL the benchmark database is vacuumed
 * and analyzed after staging each backlog and between blocks, as autovacuum would keep it. Writes
 * the report, and exits with 1 when B4 saw a duplicate, an order violation or a lost event, or when
 * anything failed.
 */
public final class Bench {
  /** The second server's ports, above the first's (bench.http.port, bench.jms.port). */
  private static final int B_ABOVE_A = 100;

  /** Consumer threads: enough that the consumer is not what limits B2 (one manages ~1,000/s). */
  private static final int CONSUMERS = 4;

  /** B4's: per-key order can only be checked in one thread's order of receipt. */
  private static final int ORDERED_CONSUMERS = 1;

  private final Settings settings;
  private final Plan plan;
  private final Results results;
  private final List<Server> running = new ArrayList<>();
  private int backlogs;

  /** Kept SENT rows for B2's retained table: longer than the run, so the purge leaves them. */
  private static final String RETENTION = "P7D";

  private Bench(Settings settings, Plan plan) {
    this.settings = settings;
    this.plan = plan;
    this.results = new Results(Machine.describe(settings), settings.mode());
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    Plan plan = Plan.of(settings.mode());
    Files.createDirectories(settings.out());
    if (settings.databases().contains("postgresql") && !plan.drainsOnly()) {
      requirePreparedTransactions(settings);
    }
    Machine.awaitQuiet(plan.settleMillis());
    Bench bench = new Bench(settings, plan);
    if (!bench.results.machine.valid()) {
      log(
          String.format(
              "load average %.2f before the start, above %.1f: the report marks this run invalid",
              bench.results.machine.loadBefore(), Results.Machine.QUIET_LOAD));
    }
    // a run interrupted: each server's node kills it as this JVM exits (LibertyNode)
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
    if (plan.writesOnly()) {
      stop(server);
      dropDatabase(database);
      return;
    }
    Drain drain = drain(server, database, 100, plan.drainEvents(database, 100), false);
    results.drains.add(drain);
    results.keyed.add(hotKeys(server, database));
    if (plan.drainsOnly()) {
      stop(server);
      otherBatches(database);
      dropDatabase(database);
      return;
    }
    double sustainable = sustainable(server, database, drain);
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
    otherBatches(database);
    if (database.equals("postgresql")) {
      results.retained.add(retained(database, standard.keepingSent(RETENTION)));
      results.exactly.add(exactlyOnce(database, standard.inExactlyOnceMode(), 0.5 * sustainable));
      results.scales.add(twoServers(database, new Relay(true, 100, true, ORDERED_CONSUMERS)));
    }
    dropDatabase(database);
  }

  /** B2 at every batch size but 100, each on a server of its own. */
  private void otherBatches(String database) throws Exception {
    for (int batch : plan.drainEventsByBatch().keySet().stream().sorted().toList()) {
      if (batch != 100) {
        Server server = start(database, new Relay(true, batch, true, CONSUMERS));
        results.drains.add(
            drain(server, database, batch, plan.drainEvents(database, batch), false));
        stop(server);
      }
    }
  }

  /**
   * The sustainable rate that B3's loads are fractions of: the highest rate at which an open-loop
   * block kept the p99 latency under a second, found by bisection from an estimate.
   */
  private double sustainable(Server server, String database, Drain drain) throws Exception {
    double publishCapacity =
        results.writes.stream()
            .filter(w -> w.database().equals(database) && w.relayOn())
            .mapToDouble(Write::outboxTps)
            .max()
            .orElse(drain.outboxRate());
    // producer and relay share the cores: together they manage about the harmonic combination
    double estimate = 1 / (1 / publishCapacity + 1 / drain.outboxRate());
    Sustainable.Found found =
        Sustainable.find(
            estimate,
            plan.sustainableSteps(),
            rate -> {
              JsonObject block = openLoop(server, rate, plan.sustainableMillis(), true);
              double p99 = ms(block.getJsonObject("latency"), "p99");
              log(String.format("  sustainable? %.0f/s: p99 %.0f ms", rate, p99));
              return p99 < 1_000;
            });
    results.notes.add(
        String.format(
            "%s: B3's sustainable rate is %.0f/s: %s, by bisection over %d open-loop blocks of"
                + " %.0f s from an estimate of %.0f/s (doubling while a block kept its p99 latency"
                + " under 1 s, then halving the interval; the lowest rate that did not: %s). The"
                + " estimate combines the B1 publish throughput, %.0f tx/s, and the B2 drain rate at"
                + " batch 100, %.0f/s, as producer and relay share the cores",
            name(database),
            found.rate(),
            found.held()
                ? "the highest rate that held"
                : "no block held; half the lowest rate tried",
            found.blocks(),
            plan.sustainableMillis() / 1000.0,
            estimate,
            Double.isInfinite(found.failed())
                ? "none tried"
                : String.format("%.0f/s", found.failed()),
            publishCapacity,
            drain.outboxRate()));
    return found.rate();
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
    Cpu outboxCpu = new Cpu(0, 0, 0, 0);
    Cpu baselineCpu = new Cpu(0, 0, 0, 0);
    long outboxCount = 0;
    long baselineCount = 0;
    List<Double> rowRatios = new ArrayList<>();
    List<Double> outboxToRow = new ArrayList<>();
    for (int pair = 0; pair < plan.writePairs(); pair++) {
      Block outboxBlock = block(server, clients, plan.writeMillis(), "publish=true", relayOn);
      Block baselineBlock = block(server, clients, plan.writeMillis(), "publish=false", relayOn);
      if (!relayOn) {
        // the ceiling: the publish's row by plain SQL, the relay elsewhere as for the outbox
        JsonObject row =
            block(server, clients, plan.writeMillis(), "publish=false&row=true", false).figures();
        rowRatios.add(tps(row) / tps(baselineBlock.figures()));
        outboxToRow.add(tps(outboxBlock.figures()) / tps(row));
        log(String.format("  the row by plain SQL: %.0f tx/s", tps(row)));
      }
      JsonObject a = outboxBlock.figures();
      JsonObject b = baselineBlock.figures();
      outboxCpu = outboxCpu.plus(outboxBlock.cpu());
      baselineCpu = baselineCpu.plus(baselineBlock.cpu());
      outboxCount += a.getJsonNumber("count").longValue();
      baselineCount += b.getJsonNumber("count").longValue();
      outbox.add(a);
      baseline.add(b);
      ratios.add(tps(a) / tps(b));
      p99Changes.add(
          (double) a.getJsonNumber("p99").longValue() / b.getJsonNumber("p99").longValue() - 1);
      log(String.format("  pair %d: %.0f vs %.0f tx/s", pair + 1, tps(a), tps(b)));
    }
    if (!relayOn) {
      results.rows.add(
          new RowByHand(database, clients, Spread.of(rowRatios), Spread.of(outboxToRow)));
    }
    if (clients == 4) {
      Cost cost =
          new Cost(
              database,
              relayOn ? Targets.WRITE_SAME_SERVER_WHAT : Targets.WRITE_ELSEWHERE_WHAT,
              outboxCpu.perThousand(outboxCount),
              baselineCpu.perThousand(baselineCount));
      results.costs.add(cost);
      log(
          "  CPU per 1,000 transactions: outbox "
              + cost.outbox()
              + "; baseline "
              + cost.baseline());
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
    return block(server, clients, millis, "publish=" + publish, relayOn).figures();
  }

  /** A B1 block's figures, and the CPU that the machine spent while it ran. */
  private record Block(JsonObject figures, Cpu cpu) {}

  /**
   * See {@link #closedLoop}; {@code variant}: the query's publish (and row) parameters; with the
   * CPU of the block itself, not of the drain after it.
   */
  private Block block(Server server, int clients, long millis, String variant, boolean relayOn)
      throws Exception {
    Cpu before = Cpu.read(server.node.pids());
    JsonObject figures =
        server.postJson("closed-loop?clients=" + clients + "&ms=" + millis + "&" + variant);
    Cpu cpu = Cpu.read(server.node.pids()).since(before);
    if (figures.getJsonNumber("errors").longValue() > 0) {
      throw new IllegalStateException("business transactions failed in B1: " + figures);
    }
    if (relayOn) {
      awaitNothingPending(server);
    }
    maintain(server);
    return new Block(figures, cpu);
  }

  private static double tps(JsonObject block) {
    return block.getJsonNumber("count").longValue() / block.getJsonNumber("seconds").doubleValue();
  }

  // ---- B2

  /** B2 at one batch size; {@code exactlyOnce}: on B5's server (its costs are not B2's). */
  private Drain drain(Server server, String database, int batch, int events, boolean exactlyOnce)
      throws Exception {
    log("B2 relay throughput, batch " + batch + ", " + events + " events");
    drainBacklog(server, List.of(), Math.min(events / 2, 1_000), 0, false); // warm-up
    rawSend(server, Math.min(events / 2, 1_000), batch);
    List<Double> outbox = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    Cpu relayCpu = new Cpu(0, 0, 0, 0);
    Cpu rawCpu = new Cpu(0, 0, 0, 0);
    for (int pair = 0; pair < plan.drainPairs(); pair++) {
      Drained relay = drainBacklog(server, List.of(), events, 0, false);
      Sent sent = rawSend(server, events, batch);
      double a = relay.rate();
      double b = sent.rate();
      relayCpu = relayCpu.plus(relay.cpu());
      rawCpu = rawCpu.plus(sent.cpu());
      outbox.add(a);
      raw.add(b);
      ratios.add(a / b);
      log(String.format("  pair %d: relay %.0f/s, raw sender %.0f/s", pair + 1, a, b));
    }
    int all = events * plan.drainPairs();
    if (!exactlyOnce && (batch == 100 || batch == 10)) {
      results.costs.add(
          new Cost(
              database,
              Targets.drainWhat(batch),
              relayCpu.perThousand(all),
              rawCpu.perThousand(all)));
    }
    results.notes.add(
        String.format(
            "%s, B2 batch %d%s, CPU seconds per 1,000 events (blocks with their consumer, the"
                + " relay's staging excluded; the rest of the machine's busy time is the broker's"
                + " store and other processes): relay %s; raw sender %s",
            name(database),
            batch,
            exactlyOnce ? " (B5, exactly-once)" : "",
            relayCpu.perThousand(all),
            rawCpu.perThousand(all)));
    return new Drain(database, batch, events, Spread.of(ratios), median(outbox), median(raw));
  }

  /**
   * B2 with hot keys: {@code hotKeys} keys of {@code eventsPerHotKey} events each, against as many
   * events without a key, alternating on the same server.
   */
  private Keyed hotKeys(Server server, String database) throws Exception {
    int keys = plan.hotKeys();
    int events = keys * plan.eventsPerHotKey(database);
    log("B2 hot keys, " + keys + " keys x " + plan.eventsPerHotKey(database) + " events");
    List<Double> keyed = new ArrayList<>();
    List<Double> unkeyed = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int pair = 0; pair < plan.drainPairs(); pair++) {
      double a = drainBacklog(server, List.of(), events, keys, false).rate();
      double b = drainBacklog(server, List.of(), events, 0, false).rate();
      keyed.add(a);
      unkeyed.add(b);
      ratios.add(a / b);
      log(String.format("  pair %d: keyed %.0f/s, unkeyed %.0f/s", pair + 1, a, b));
    }
    return new Keyed(database, keys, events, Spread.of(ratios), median(keyed), median(unkeyed));
  }

  /**
   * B2 at batch 100 on a server that keeps SENT rows ({@code outbox.retention.sent}), first on an
   * empty table (the SENT rows of each block deleted before the next), then on one that already
   * holds {@code sentRows} SENT rows, inserted with SQL and vacuumed; each block against the raw
   * sender.
   */
  private Retained retained(String database, Relay relay) throws Exception {
    int events = plan.retainedEvents();
    log("B2 on a table of " + plan.sentRows() + " SENT rows, " + events + " events");
    Server server = start(database, relay);
    try {
      // warmed up like B1's, so that the empty-table blocks, which come first, are not the colder
      warmUp(server, true);
      drainBacklog(server, List.of(), Math.min(events / 2, 1_000), 0, false);
      rawSend(server, Math.min(events / 2, 1_000), relay.batchSize());
      List<Double> emptyRates = new ArrayList<>();
      List<Double> emptyRatios = new ArrayList<>();
      for (int pair = 0; pair < plan.drainPairs(); pair++) {
        sql("DELETE FROM outbox_message WHERE status = 'SENT'");
        drainPair(server, events, relay.batchSize(), "empty table", emptyRates, emptyRatios);
      }
      sql("DELETE FROM outbox_message WHERE status = 'SENT'");
      insertSent(plan.sentRows());
      List<Double> retainedRates = new ArrayList<>();
      List<Double> retainedRatios = new ArrayList<>();
      for (int pair = 0; pair < plan.drainPairs(); pair++) {
        drainPair(server, events, relay.batchSize(), "SENT rows", retainedRates, retainedRatios);
      }
      return new Retained(
          database,
          plan.sentRows(),
          events,
          Spread.of(emptyRatios),
          Spread.of(retainedRatios),
          median(emptyRates),
          median(retainedRates));
    } finally {
      stop(server);
    }
  }

  /** One relay block and one raw sender block; adds the relay's rate and their ratio. */
  private void drainPair(
      Server server, int events, int batch, String what, List<Double> rates, List<Double> ratios)
      throws Exception {
    double a = drainBacklog(server, List.of(), events, 0, false).rate();
    double b = rawSend(server, events, batch).rate();
    rates.add(a);
    ratios.add(a / b);
    log(String.format("  %s: relay %.0f/s, raw sender %.0f/s", what, a, b));
  }

  /**
   * {@code rows} SENT rows as retention keeps them (sent within the hour), of the shape the relay
   * leaves; then vacuumed and analyzed.
   */
  private void insertSent(long rows) throws SQLException {
    log("inserting " + rows + " SENT rows");
    long start = System.nanoTime();
    try (Connection c = benchDatabase();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id,"
                    + " destination, payload, status, attempts, next_attempt_at, created_at,"
                    + " sent_at) SELECT gen_random_uuid()::text, 0, 'OrderPlaced', 'Order',"
                    + " g::text, 'jms/txoutbox/events', ? || g, 'SENT', 1, now(), now(), now()"
                    + " FROM generate_series(1, ?) g")) {
      insert.setString(1, PAYLOAD_OF_SENT_ROWS);
      insert.setLong(2, rows);
      insert.executeUpdate();
    }
    maintain("postgresql");
    log(String.format("  inserted and vacuumed in %.0f s", (System.nanoTime() - start) / 1e9));
  }

  /** About the size of the benchmark's OrderPlaced payload (~200 bytes). */
  private static final String PAYLOAD_OF_SENT_ROWS =
      "{\"orderId\":\"00000000-0000-0000-0000-000000000000\",\"customerId\":42,"
          + "\"amount\":123.45,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-1\","
          + "\"quantity\":1}],\"placedAt\":\"2026-01-01T00:00:00Z\",\"n\":";

  // ---- B5

  /**
   * B5, the cost of exactly-once: on a server in exactly-once mode over an XA datasource, warmed up
   * like B1's, B2 at batch 100 and B3 with wake-up at {@code rate} (half of the at-least-once
   * sustainable rate), each against the raw sender.
   */
  private Exactly exactlyOnce(String database, Relay relay, double rate) throws Exception {
    log("B5 exactly-once");
    Server server = start(database, relay);
    try {
      warmUp(server, true);
      Drain drain = drain(server, database, relay.batchSize(), plan.exactlyOnceEvents(), true);
      Latency latency = latency(server, database, true, 0.5, rate);
      return new Exactly(database, drain, latency);
    } finally {
      stop(server);
    }
  }

  /** A drained backlog: the relays' rate, and what the consumer saw. */
  /**
   * A drained backlog: events per second, what the consumer saw, and the CPU time from the release
   * until the consumer had them all.
   */
  private record Drained(double rate, JsonObject seen, Cpu cpu) {}

  /** The raw sender's messages per second, and its CPU time until the consumer had them all. */
  private record Sent(double rate, Cpu cpu) {}

  /**
   * Stages {@code events} held-back events through {@code server}, freezes {@code frozen}, releases
   * the backlog and waits until nothing is pending (the rate: events over the time from the release
   * until then), then until the consumer has all of them and the release's wake-up event.
   */
  private Drained drainBacklog(
      Server server, List<Server> frozen, int events, int keys, boolean check) throws Exception {
    String type = "Backlog" + (++backlogs);
    long staging = System.nanoTime();
    server.post("backlog?type=" + type + "&count=" + events + "&keys=" + keys);
    long vacuum = System.nanoTime();
    maintain(server);
    log(
        String.format(
            "  staged %d events in %.1f s, vacuumed in %.1f s",
            events, (vacuum - staging) / 1e9, (System.nanoTime() - vacuum) / 1e9));
    // B4 checks duplicates and order; B2 only counts, as its baseline's consumer does
    server.post("tally/reset?check=" + check + "&time=false");
    for (Server f : frozen) {
      f.freeze();
    }
    JsonObject drained;
    Cpu before = Cpu.read(server.node.pids());
    try {
      drained = server.postJson("backlog/drain?type=" + type);
    } finally {
      for (Server f : frozen) {
        f.resume();
      }
    }
    JsonObject seen = awaitReceived(server, events + 1, TimeUnit.MINUTES.toMillis(20));
    return new Drained(events / seconds(drained), seen, Cpu.read(server.node.pids()).since(before));
  }

  /**
   * The raw sender's rate: messages over the time it took to send them; then waits until the
   * consumer has them all.
   */
  private Sent rawSend(Server server, int count, int batch) throws Exception {
    server.post("tally/reset?check=false&time=false");
    Cpu before = Cpu.read(server.node.pids());
    JsonObject sent = server.postJson("raw?count=" + count + "&batch=" + batch);
    awaitReceived(server, count, TimeUnit.MINUTES.toMillis(20));
    return new Sent(count / seconds(sent), Cpu.read(server.node.pids()).since(before));
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
    server.post("tally/reset?check=false&time=true");
    JsonObject generated =
        server.postJson(String.format("open-loop?rate=%.3f&ms=%d&outbox=%b", rate, millis, outbox));
    long count = generated.getJsonNumber("count").longValue();
    if (generated.getJsonNumber("errors").longValue() > 0) {
      throw new IllegalStateException("calls failed in B3: " + generated);
    }
    JsonObject seen = awaitReceived(server, count, TimeUnit.MINUTES.toMillis(5));
    awaitNothingPending(server);
    maintain(server);
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
    Server b =
        create(
            database,
            "benchB",
            settings.httpPort() + B_ABOVE_A,
            settings.jmsPort() + B_ABOVE_A,
            settings.jmsPort(),
            relay);
    b.start();
    running.add(b);
    try {
      drainBacklog(a, List.of(), 1_000, keys, true); // warm-up, both relays
      List<Double> one = new ArrayList<>();
      List<Double> two = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      long duplicates = 0;
      long violations = 0;
      long lost = 0;
      for (int pair = 0; pair < plan.scalePairs(); pair++) {
        Drained alone = drainBacklog(a, List.of(b), events, keys, true);
        Drained both = drainBacklog(a, List.of(), events, keys, true);
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
    Server server = create(database, "benchA", settings.httpPort(), settings.jmsPort(), 0, relay);
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
    JsonObject seen = server.getJson("tally");
    while (seen.getJsonNumber("received").longValue() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "the consumer received " + seen.getJsonNumber("received") + " of " + count);
      }
      Thread.sleep(100);
      seen = server.getJson("tally");
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
    TestEar.named("bench", settings.outboxEjb()).module(settings.war()).exportTo(settings.ear());
  }

  private void createDatabase(String database) throws SQLException {
    if (database.equals("postgresql")) {
      settings.database(database).recreate();
    }
  }

  private void dropDatabase(String database) throws SQLException {
    if (database.equals("postgresql")) {
      settings.database(database).drop();
    }
  }

  /**
   * What autovacuum would have done by now: {@code VACUUM (ANALYZE)} of the benchmark database
   * (dead row versions removed, planner statistics current). This machine's PostgreSQL may run with
   * autovacuum off, and a table that only bloats is not what production sees. Derby has no vacuum
   * to run.
   */
  private void maintain(Server server) throws SQLException {
    maintain(server.database);
  }

  private void maintain(String database) throws SQLException {
    if (database.equals("postgresql")) {
      sql("VACUUM (ANALYZE)");
      results.vacuums++;
    }
  }

  /** One statement on the benchmark's PostgreSQL database, outside a transaction. */
  private void sql(String sql) throws SQLException {
    try (Connection c = benchDatabase();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private Connection benchDatabase() throws SQLException {
    return settings.database("postgresql").connect();
  }

  /** B5 runs XA transactions, which PostgreSQL refuses while max_prepared_transactions is 0. */
  private static void requirePreparedTransactions(Settings settings) {
    String prepared = Machine.setting(settings, "max_prepared_transactions").orElse("unknown");
    if (prepared.equals("0")) {
      throw new IllegalStateException(
          "PostgreSQL on "
              + settings.dbHost()
              + " has max_prepared_transactions = 0, and B5 runs exactly-once mode over an XA"
              + " datasource, which needs prepared transactions: run psql -h "
              + settings.dbHost()
              + " -U postgres -c 'ALTER SYSTEM SET max_prepared_transactions = 50', restart"
              + " PostgreSQL (.ci/run does both), then the benchmark again");
    }
  }

  private static String name(String database) {
    return database.equals("postgresql") ? "PostgreSQL" : "Derby";
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
