package dev.txoutbox.bench;

import dev.txoutbox.bench.Results.Cost;
import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Exactly;
import dev.txoutbox.bench.Results.Keyed;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Retained;
import dev.txoutbox.bench.Results.Scale;
import dev.txoutbox.bench.Results.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The targets of docs/benchmarks.md, on PostgreSQL (Derby's figures are reported with no target),
 * and whether a run's figures meet them.
 */
final class Targets {
  static final String DATABASE = "postgresql";
  static final double WRITE_ELSEWHERE = 0.85;
  static final double WRITE_SAME_SERVER = 0.75;
  static final double DRAIN_BATCH_100 = 0.9;
  static final double DRAIN_BATCH_10 = 0.6;
  static final double HOT_KEYS = 0.7;
  static final double RETAINED = 0.9;
  static final double LATENCY_P50_MS = 5;
  static final double LATENCY_P99_MS = 50;
  static final double SCALE = 0.95;
  static final String WRITE_ELSEWHERE_WHAT = "B1, relay elsewhere, 4 clients";
  static final String WRITE_SAME_SERVER_WHAT = "B1, relay on this server, 4 clients";

  /** One target: what, the target, what the run measured, and the verdict. */
  record Row(String what, String target, String measured, String verdict) {}

  private Targets() {}

  static List<Row> of(Results r) {
    List<Row> rows = new ArrayList<>();
    rows.add(write(r, false, WRITE_ELSEWHERE_WHAT, WRITE_ELSEWHERE));
    rows.add(write(r, true, WRITE_SAME_SERVER_WHAT, WRITE_SAME_SERVER));
    rows.add(drain(r, 100, DRAIN_BATCH_100));
    rows.add(drain(r, 10, DRAIN_BATCH_10));
    rows.add(
        row(
            r.keyed,
            Keyed::database,
            k -> true,
            k -> fmt("B2, hot keys (%d keys × %,d events)", k.keys(), k.events() / k.keys()),
            "B2, hot keys",
            fmt("≥ %.2f of the unkeyed rate", HOT_KEYS),
            k -> fmt("%.2f", k.ratio().median()),
            k -> k.ratio().median() >= HOT_KEYS));
    rows.add(
        row(
            r.retained,
            Retained::database,
            t -> true,
            t -> fmt("B2, table of %,d SENT rows", t.sentRows()),
            "B2, table of retained SENT rows",
            fmt("≥ %.2f of the empty table's (within 10 %%)", RETAINED),
            t -> fmt("%.2f", t.change()),
            t -> t.change() >= RETAINED));
    rows.add(
        row(
            r.latencies,
            Latency::database,
            l -> l.wakeUp() && Math.abs(l.load() - 0.5) < 1e-9,
            l -> "B3, wake-up, 50 % load",
            "B3, wake-up, 50 % load",
            fmt("p50 ≤ %.0f ms, p99 ≤ %.0f ms", LATENCY_P50_MS, LATENCY_P99_MS),
            l -> fmt("p50 %.1f ms, p99 %.1f ms", l.outbox().p50(), l.outbox().p99()),
            l -> l.outbox().p50() <= LATENCY_P50_MS && l.outbox().p99() <= LATENCY_P99_MS));
    rows.add(
        row(
            r.scales,
            Scale::database,
            s -> true,
            s -> "B4, two servers / one",
            "B4, two servers / one",
            fmt("≥ %.2f, 0 duplicates", SCALE),
            s -> fmt("%.2f, %d duplicates", s.ratio().median(), s.duplicates()),
            s -> s.ratio().median() >= SCALE && s.duplicates() == 0));
    rows.add(exactlyOnce(r));
    return rows;
  }

  private static Row write(Results r, boolean relayOn, String what, double target) {
    return row(
        r.writes,
        Write::database,
        w -> w.clients() == 4 && w.relayOn() == relayOn,
        w -> what,
        what,
        fmt("≥ %.2f of the baseline", target),
        w -> fmt("%.2f", w.throughputRatio().median()) + boundNote(r, what) + rowNote(r, w),
        w -> w.throughputRatio().median() >= target);
  }

  static String drainWhat(int batch) {
    return "B2, batch " + batch;
  }

  /**
   * The CPU bound of a B1 or B2 figure ({@link Cost#bound}), where the run measured its CPU and the
   * baseline's blocks were CPU-bound. With the relay on the same server, any outbox also sends and
   * its consumer receives each event there: at least the raw sender's CPU per message at batch 100.
   */
  static Optional<Double> bound(Results r, String database, String what) {
    Optional<Cost> cost = cost(r, database, what);
    // Derby runs in the server's JVM: no process of its own to tell its CPU apart
    if (!database.equalsIgnoreCase(DATABASE) || cost.isEmpty() || !cost.get().cpuBound()) {
      return Optional.empty();
    }
    if (!what.equals(WRITE_SAME_SERVER_WHAT)) {
      return Optional.of(cost.get().bound(0));
    }
    return cost(r, database, drainWhat(100))
        .map(sends -> cost.get().bound(sends.baseline().measured()));
  }

  private static Optional<Cost> cost(Results r, String database, String what) {
    return r.costs.stream()
        .filter(c -> c.database().equalsIgnoreCase(database) && c.what().equals(what))
        .findFirst();
  }

  /** With the relay elsewhere: the ratio of the same transaction writing its row by plain SQL. */
  private static String rowNote(Results r, Write w) {
    return r.rows.stream()
        .filter(
            row ->
                !w.relayOn()
                    && row.database().equalsIgnoreCase(w.database())
                    && row.clients() == w.clients())
        .findFirst()
        .map(row -> fmt(" (its row by plain SQL: %.2f)", row.ratio().median()))
        .orElse("");
  }

  private static String boundNote(Results r, String what) {
    return bound(r, DATABASE, what).map(b -> fmt(" (CPU bound %.2f)", b)).orElse("");
  }

  private static Row drain(Results r, int batch, double target) {
    String what = drainWhat(batch);
    return row(
        r.drains,
        Drain::database,
        d -> d.batch() == batch,
        d -> what,
        what,
        fmt("≥ %.2f of the raw sender", target),
        d -> fmt("%.2f", d.ratio().median()) + boundNote(r, what),
        d -> d.ratio().median() >= target);
  }

  /** B5 has no target: the row says what exactly-once costs against at-least-once. */
  private static Row exactlyOnce(Results r) {
    String what = "B5, exactly-once / at-least-once";
    String target = "reported, no target";
    Optional<Exactly> exactly = find(r.exactly, Exactly::database, e -> true);
    Optional<Drain> drain = find(r.drains, Drain::database, d -> d.batch() == 100);
    Optional<Latency> latency =
        find(r.latencies, Latency::database, l -> l.wakeUp() && Math.abs(l.load() - 0.5) < 1e-9);
    if (exactly.isEmpty() || drain.isEmpty() || latency.isEmpty()) {
      return new Row(what, target, "not measured", "not measured");
    }
    Exactly e = exactly.get();
    return new Row(
        what,
        target,
        fmt(
            "B2 %.2f of at-least-once; B3 p50 %.1f vs %.1f ms, p99 %.1f vs %.1f ms",
            e.drain().ratio().median() / drain.get().ratio().median(),
            e.latency().outbox().p50(),
            latency.get().outbox().p50(),
            e.latency().outbox().p99(),
            latency.get().outbox().p99()),
        "—");
  }

  private static <T> Row row(
      List<T> figures,
      Function<T, String> database,
      Predicate<T> about,
      Function<T, String> what,
      String whatUnmeasured,
      String target,
      Function<T, String> measured,
      Predicate<T> holds) {
    return find(figures, database, about)
        .map(f -> new Row(what.apply(f), target, measured.apply(f), verdict(holds.test(f))))
        .orElse(new Row(whatUnmeasured, target, "not measured", "not measured"));
  }

  private static <T> Optional<T> find(
      List<T> figures, Function<T, String> database, Predicate<T> about) {
    return figures.stream()
        .filter(f -> database.apply(f).equalsIgnoreCase(DATABASE) && about.test(f))
        .findFirst();
  }

  static String verdict(boolean holds) {
    return holds ? "holds" : "does not hold";
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
