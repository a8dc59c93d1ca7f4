package dev.txoutbox.bench;

import static java.util.stream.Collectors.joining;

import dev.txoutbox.bench.Results.Cost;
import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Exactly;
import dev.txoutbox.bench.Results.Keyed;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Machine;
import dev.txoutbox.bench.Results.Percentiles;
import dev.txoutbox.bench.Results.Retained;
import dev.txoutbox.bench.Results.RowByHand;
import dev.txoutbox.bench.Results.Scale;
import dev.txoutbox.bench.Results.Spread;
import dev.txoutbox.bench.Results.Write;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Writes a run's {@link Results} into a directory: {@code report.md}, the machine, the method, the
 * {@link Targets} and whether they hold, and one table per benchmark; and {@code report.png}, the
 * ratios and latencies as bar charts (median per block pair, target as a horizontal line) in a grid
 * of two columns. A run without a single figure has nothing to draw: then no {@code report.png} is
 * written, and one an earlier run left there is deleted, so the two files always describe the same
 * run. XChart's error bars are symmetric, so the min–max spread is in the tables only.
 */
final class Report {
  private static final int CHART_WIDTH = 800;
  private static final int CHART_HEIGHT = 500;
  private static final String NOT_RUN = "Not run in this mode.\n";

  private Report() {}

  static void write(Results results, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<CategoryChart> charts = charts(results);
    Files.writeString(dir.resolve("report.md"), markdown(results, !charts.isEmpty()));
    Path png = dir.resolve("report.png");
    if (charts.isEmpty()) {
      Files.deleteIfExists(png);
    } else if (!ImageIO.write(grid(charts), "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM for " + png);
    }
  }

  private static String markdown(Results results, boolean charts) {
    Machine m = results.machine;
    StringBuilder md = new StringBuilder();
    md.append("# txoutbox benchmarks, ").append(m.date()).append(", ");
    md.append(results.mode).append(" run\n\n");
    if (!m.valid()) {
      md.append(
          fmt(
              "**Invalid run:** the load average was %.2f before the start, above %.1f: the"
                  + " machine was busy, and these figures do not count.\n\n",
              m.loadBefore(), Machine.QUIET_LOAD));
    }
    if (charts) {
      md.append("![Ratios and latencies of this run](report.png)\n\n");
    }
    md.append("## Machine\n\n");
    md.append("- CPU: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores\n");
    md.append("- Memory: ").append(fmt("%,d MiB", m.memoryMiB())).append('\n');
    md.append("- OS: ").append(m.os()).append('\n');
    md.append("- Java: ").append(m.java()).append('\n');
    md.append("- PostgreSQL: ").append(m.postgresql());
    md.append(", autovacuum = ").append(m.autovacuum()).append('\n');
    md.append("- Open Liberty: ").append(m.openLiberty()).append('\n');
    md.append(fmt("- Load average: %.2f before, %.2f after\n\n", m.loadBefore(), m.loadAfter()));
    md.append("## Method\n\n");
    md.append("Every figure is a ratio against a baseline measured in the same run. The two ran")
        .append(
            " interleaved in blocks (A B A B …); a ratio is the median of the per-block ratios,")
        .append(" with their min–max and n, the number of block pairs. Absolute figures (tx/s,")
        .append(" events/s, ms) are medians over blocks and context only: they describe this")
        .append(" machine at this load, not the outbox.");
    md.append(
            fmt(
                " A run is valid when the one-minute load average before its start is at most"
                    + " %.1f.",
                Machine.QUIET_LOAD))
        .append(" On PostgreSQL, the harness ran `VACUUM (ANALYZE)` of the benchmark database")
        .append(" after staging each backlog, after inserting the retained SENT rows and after")
        .append(" each block (")
        .append(results.vacuums)
        .append(" times in this run), as autovacuum would keep it in production (this server's")
        .append(" autovacuum setting: ")
        .append(m.autovacuum())
        .append(").\n\n");
    md.append("## Targets (PostgreSQL; Derby has none)\n\n").append(targets(results));
    md.append("## B1 write overhead\n\n").append(writes(results.writes)).append(rows(results.rows));
    md.append("## B2 relay throughput\n\n").append(drains(results.drains));
    md.append("## Where the CPU goes\n\n").append(costs(results));
    md.append("## B2 with hot keys\n\n").append(keyed(results.keyed));
    md.append("## B2 on a table of retained SENT rows\n\n").append(retained(results.retained));
    md.append("## B3 commit-to-consume latency\n\n").append(latencies(results.latencies));
    md.append("## B4 two servers\n\n").append(scales(results.scales));
    md.append("## B5 cost of exactly-once\n\n").append(exactly(results));
    if (!results.notes.isEmpty()) {
      md.append("## Notes\n\n");
      results.notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  private static String writes(List<Write> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    String md =
        table(
            header(
                1,
                "Database",
                "Relay",
                "Clients",
                "Throughput ratio",
                "p99 change",
                "Outbox tx/s",
                "Baseline tx/s",
                "Outbox p99 ms",
                "Baseline p99 ms"),
            rows,
            Comparator.comparing(Write::database)
                .thenComparing(Write::relayOn)
                .thenComparingInt(Write::clients),
            w ->
                new String[] {
                  name(w.database()),
                  relay(w),
                  String.valueOf(w.clients()),
                  ratio(w.throughputRatio()),
                  change(w.p99Change()),
                  rate(w.outboxTps()),
                  rate(w.baselineTps()),
                  ms(w.outboxP99Ms()),
                  ms(w.baselineP99Ms())
                });
    return md + '\n';
  }

  /** B1's ceiling with the relay elsewhere, where it was measured. */
  private static String rows(List<RowByHand> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    String intro =
        "With the relay elsewhere, each pair of blocks is followed by a third whose transactions"
            + " write the publish's row by plain SQL (the same columns, table and indexes) instead"
            + " of publishing: what the row itself costs the transaction, and what the outbox"
            + " adds to it.\n\n";
    return intro
        + table(
            header(1, "Database", "Clients", "Row by SQL / baseline", "Outbox / row by SQL"),
            rows,
            Comparator.comparing(RowByHand::database).thenComparingInt(RowByHand::clients),
            r ->
                new String[] {
                  name(r.database()),
                  String.valueOf(r.clients()),
                  ratio(r.ratio()),
                  ratio(r.outboxToRow())
                })
        + '\n';
  }

  /** Where the relay ran during a B1 row. */
  private static String relay(Write w) {
    return w.relayOn() ? "on this server" : "elsewhere";
  }

  private static String drains(List<Drain> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    String md =
        table(
            header(
                1, "Database", "Batch", "Events", "Ratio", "Relay events/s", "Raw sender msgs/s"),
            rows,
            Comparator.comparing(Drain::database).thenComparingInt(Drain::batch),
            d ->
                new String[] {
                  name(d.database()),
                  String.valueOf(d.batch()),
                  fmt("%,d", d.events()),
                  ratio(d.ratio()),
                  rate(d.outboxRate()),
                  rate(d.rawRate())
                });
    return md + '\n';
  }

  /**
   * B1 and B2's CPU per 1,000 transactions or events, per process, and the bound that the CPU puts
   * on their ratio ({@link Targets#bound}).
   */
  private static String costs(Results results) {
    if (results.costs.isEmpty()) {
      return NOT_RUN + '\n';
    }
    String intro =
        "CPU seconds per 1,000 transactions (B1) or events (B2) during the blocks, read from"
            + " `/proc`: the server's JVM (with its broker and consumer), PostgreSQL's processes,"
            + " and the whole machine's busy time, with the share of its cores that was busy. When"
            + " the baseline's blocks keep the machine busy (at least "
            + fmt("%.0f %%", 100 * Cpu.SATURATED)
            + "), throughput is the cores over the CPU per unit, and the *CPU bound* is the"
            + " highest ratio any outbox could reach there if all it did beyond the baseline"
            + " cost nothing but the extra PostgreSQL CPU that this run measured: the baseline's"
            + " JVM and PostgreSQL CPU over the same plus that extra (B1 with the relay on this"
            + " server: plus the raw sender's JVM and PostgreSQL CPU per message at batch 100, since"
            + " every event is sent and received on the same cores).\n\n";
    String md =
        table(
            header(
                2,
                "Database",
                "Benchmark",
                "Outbox: JVM / PostgreSQL / busy",
                "Baseline: JVM / PostgreSQL / busy",
                "Baseline busy share",
                "CPU bound"),
            results.costs,
            Comparator.comparing(Cost::database).thenComparing(Cost::what),
            c ->
                new String[] {
                  name(c.database()),
                  c.what(),
                  seconds(c.outbox()),
                  seconds(c.baseline()),
                  fmt("%.0f %%", 100 * c.baseline().busyShare()),
                  Targets.bound(results, c.database(), c.what())
                      .map(b -> fmt("%.2f", b))
                      .orElse("—")
                });
    return intro + md + '\n';
  }

  private static String seconds(Cpu cpu) {
    return fmt("%.2f / %.2f / %.2f s", cpu.server(), cpu.database(), cpu.busy());
  }

  private static String targets(Results results) {
    return header(1, "Benchmark", "Target", "Measured", "Verdict").replace("---:", "---")
        + Targets.of(results).stream()
            .map(t -> row(t.what(), t.target(), t.measured(), t.verdict()))
            .collect(joining())
        + '\n';
  }

  private static String keyed(List<Keyed> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    return table(
            header(
                1,
                "Database",
                "Keys",
                "Events",
                "Ratio keyed / unkeyed",
                "Keyed events/s",
                "Unkeyed events/s"),
            rows,
            Comparator.comparing(Keyed::database),
            k ->
                new String[] {
                  name(k.database()),
                  String.valueOf(k.keys()),
                  fmt("%,d", k.events()),
                  ratio(k.ratio()),
                  rate(k.keyedRate()),
                  rate(k.unkeyedRate())
                })
        + "\nThe same number of events, all of one of the keys or none, alternating on the server"
        + " of B2 at batch 100.\n\n";
  }

  private static String retained(List<Retained> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    return table(
            header(
                1,
                "Database",
                "SENT rows",
                "Events",
                "Empty table: relay / raw",
                "SENT rows: relay / raw",
                "SENT rows / empty",
                "Empty events/s",
                "SENT rows events/s"),
            rows,
            Comparator.comparing(Retained::database),
            t ->
                new String[] {
                  name(t.database()),
                  fmt("%,d", t.sentRows()),
                  fmt("%,d", t.events()),
                  ratio(t.emptyRatio()),
                  ratio(t.retainedRatio()),
                  fmt("%.2f", t.change()),
                  rate(t.emptyRate()),
                  rate(t.retainedRate())
                })
        + "\nOne server with `outbox.retention.sent` = P7D, batch 100: first on an empty table"
        + " (each block's SENT rows deleted before the next), then after inserting the SENT rows"
        + " with SQL (and vacuuming); each relay block against a raw sender block. \"SENT rows /"
        + " empty\" is the ratio of the two medians.\n\n";
  }

  private static String exactly(Results results) {
    if (results.exactly.isEmpty()) {
      return NOT_RUN + '\n';
    }
    StringBuilder md =
        new StringBuilder(
            header(
                2,
                "Database",
                "Figure",
                "At-least-once",
                "Exactly-once",
                "Exactly-once / at-least-once"));
    for (Exactly e : sorted(results.exactly, Comparator.comparing(Exactly::database))) {
      String db = name(e.database());
      Optional<Drain> drain =
          results.drains.stream()
              .filter(d -> d.database().equals(e.database()) && d.batch() == e.drain().batch())
              .findFirst();
      Optional<Latency> latency =
          results.latencies.stream()
              .filter(
                  l ->
                      l.database().equals(e.database())
                          && l.wakeUp()
                          && Math.abs(l.load() - e.latency().load()) < 1e-9)
              .findFirst();
      md.append(
          row(
              db,
              "B2 batch " + e.drain().batch() + ", relay / raw sender",
              drain.map(d -> ratio(d.ratio())).orElse("not measured"),
              ratio(e.drain().ratio()),
              drain
                  .map(d -> fmt("%.2f", e.drain().ratio().median() / d.ratio().median()))
                  .orElse("")));
      md.append(
          row(
              db,
              "B2 batch " + e.drain().batch() + ", relay events/s",
              drain.map(d -> rate(d.outboxRate())).orElse("not measured"),
              rate(e.drain().outboxRate()),
              drain.map(d -> fmt("%.2f", e.drain().outboxRate() / d.outboxRate())).orElse("")));
      for (String percentile : List.of("p50", "p99")) {
        ToDoubleFunction<Percentiles> value =
            percentile.equals("p50") ? Percentiles::p50 : Percentiles::p99;
        double exactlyMs = value.applyAsDouble(e.latency().outbox());
        md.append(
            row(
                db,
                fmt(
                    "B3 wake-up, %s load (%s/s), %s ms",
                    percent(e.latency().load()), rate(e.latency().rate()), percentile),
                latency.map(l -> ms(value.applyAsDouble(l.outbox()))).orElse("not measured"),
                ms(exactlyMs),
                latency
                    .map(l -> fmt("%.2f", exactlyMs / value.applyAsDouble(l.outbox())))
                    .orElse("")));
      }
    }
    return md.append(
            "\nExactly-once: a server of its own with `outbox.delivery.mode=exactly-once` and an XA"
                + " datasource, warmed up like B1's; at-least-once: the rows of B2 and B3 above, same"
                + " run. The B2 backlogs: ")
        .append(
            results.exactly.stream()
                .map(e -> fmt("%,d events", e.drain().events()))
                .collect(joining(", ")))
        .append(" in exactly-once mode.\n\n")
        .toString();
  }

  private static String latencies(List<Latency> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    String md =
        table(
            header(
                2,
                "Database",
                "Variant",
                "Load",
                "Rate/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms",
                "Raw p50 ms",
                "Raw p99 ms",
                "p99 ratio",
                "Start delay p99 ms"),
            rows,
            Comparator.comparing(Latency::database)
                .thenComparing(l -> !l.wakeUp())
                .thenComparingDouble(Latency::load),
            l ->
                new String[] {
                  name(l.database()),
                  variant(l),
                  percent(l.load()),
                  rate(l.rate()),
                  ms(l.outbox().p50()),
                  ms(l.outbox().p95()),
                  ms(l.outbox().p99()),
                  ms(l.outbox().max()),
                  ms(l.raw().p50()),
                  ms(l.raw().p99()),
                  ratio(l.p99Ratio()),
                  ms(l.startDelayP99Ms())
                });
    return md + '\n';
  }

  private static String scales(List<Scale> rows) {
    if (rows.isEmpty()) {
      return NOT_RUN + '\n';
    }
    String md =
        table(
            header(
                1,
                "Database",
                "Events",
                "Keys",
                "Ratio",
                "One server events/s",
                "Two servers events/s",
                "Duplicates",
                "Order violations",
                "Lost"),
            rows,
            Comparator.comparing(Scale::database),
            s ->
                new String[] {
                  name(s.database()),
                  fmt("%,d", s.events()),
                  fmt("%,d", s.keys()),
                  ratio(s.ratio()),
                  rate(s.oneServerRate()),
                  rate(s.twoServerRate()),
                  String.valueOf(s.duplicates()),
                  String.valueOf(s.orderViolations()),
                  String.valueOf(s.lost())
                });
    return md + '\n';
  }

  /** A table: its header, then one row of {@code cells} per row, in {@code order}. */
  private static <T> String table(
      String header, List<T> rows, Comparator<T> order, Function<T, String[]> cells) {
    return header + sorted(rows, order).stream().map(r -> row(cells.apply(r))).collect(joining());
  }

  private static List<CategoryChart> charts(Results results) {
    List<CategoryChart> charts = new ArrayList<>();
    if (!results.writes.isEmpty()) {
      charts.add(
          bars(
              "B1 write overhead: throughput outbox / baseline (line: target 0.85 relay elsewhere)",
              "clients",
              "ratio",
              sorted(results.writes, Comparator.comparingInt(Write::clients)),
              w -> name(w.database()) + ", relay " + relay(w),
              w -> String.valueOf(w.clients()),
              w -> w.throughputRatio().median(),
              Targets.WRITE_ELSEWHERE));
    }
    if (!results.drains.isEmpty()) {
      charts.add(
          bars(
              "B2 relay throughput: relay / raw sender (line: target 0.9 at batch 100)",
              "batch size",
              "ratio",
              sorted(results.drains, Comparator.comparingInt(Drain::batch)),
              d -> name(d.database()),
              d -> String.valueOf(d.batch()),
              d -> d.ratio().median(),
              Targets.DRAIN_BATCH_100));
    }
    if (!results.latencies.isEmpty()) {
      List<Latency> byLoad = sorted(results.latencies, Comparator.comparingDouble(Latency::load));
      charts.add(latency("p50", byLoad, Percentiles::p50, Targets.LATENCY_P50_MS));
      charts.add(latency("p99", byLoad, Percentiles::p99, Targets.LATENCY_P99_MS));
    }
    if (!results.scales.isEmpty()) {
      charts.add(
          bars(
              "B4 two servers: rate two / one (line: target 0.95)",
              "database",
              "ratio",
              results.scales,
              s -> "two servers / one",
              s -> name(s.database()),
              s -> s.ratio().median(),
              Targets.SCALE));
    }
    return charts;
  }

  private static CategoryChart latency(
      String percentile, List<Latency> rows, ToDoubleFunction<Percentiles> value, double target) {
    CategoryChart chart =
        bars(
            "B3 commit-to-consume "
                + percentile
                + ", outbox (line: target "
                + (int) target
                + " ms with wake-up at 50 %)",
            "load, % of the sustainable rate",
            percentile + " ms",
            rows,
            l -> name(l.database()) + " " + variant(l),
            l -> percent(l.load()),
            l -> value.applyAsDouble(l.outbox()),
            target);
    double[] ms = rows.stream().mapToDouble(l -> value.applyAsDouble(l.outbox())).toArray();
    double min = Math.min(target, Arrays.stream(ms).min().orElse(target));
    double max = Math.max(target, Arrays.stream(ms).max().orElse(target));
    if (min > 0 && max / min >= 100) {
      chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(min / 2).setYAxisMax(max * 2);
    }
    return chart;
  }

  /** Bars of one value per series and category, the categories in the order of {@code rows}. */
  private static <T> CategoryChart bars(
      String title,
      String xTitle,
      String yTitle,
      List<T> rows,
      Function<T, String> series,
      Function<T, String> category,
      ToDoubleFunction<T> value,
      double target) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(CHART_WIDTH)
            .height(CHART_HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    List<String> categories = rows.stream().map(category).distinct().toList();
    // series in name order, so a database keeps its colour from chart to chart
    Map<String, Map<String, Double>> values = new TreeMap<>();
    rows.forEach(
        r ->
            values
                .computeIfAbsent(series.apply(r), s -> new HashMap<>())
                .putIfAbsent(category.apply(r), value.applyAsDouble(r)));
    // a series without a value in some category gets a gap there, not a bar at zero
    values.forEach(
        (name, byCategory) ->
            chart.addSeries(name, categories, categories.stream().map(byCategory::get).toList()));
    double max = rows.stream().mapToDouble(value).max().orElse(target);
    chart
        .getStyler()
        .setYAxisMin(0.0)
        .setYAxisMax(Math.max(max, target) * 1.15)
        .setLegendVisible(values.size() > 1)
        .setLegendPosition(LegendPosition.OutsideS)
        .setChartBackgroundColor(Color.WHITE)
        .setAnnotationLineColor(Color.RED);
    chart.addAnnotation(new AnnotationLine(target, false, false));
    return chart;
  }

  private static BufferedImage grid(List<CategoryChart> charts) {
    int columns = Math.min(2, charts.size());
    int rows = (charts.size() + columns - 1) / columns;
    BufferedImage image =
        new BufferedImage(columns * CHART_WIDTH, rows * CHART_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < charts.size(); i++) {
        g.drawImage(
            BitmapEncoder.getBufferedImage(charts.get(i)),
            i % columns * CHART_WIDTH,
            i / columns * CHART_HEIGHT,
            null);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static <T> List<T> sorted(List<T> rows, Comparator<T> order) {
    return rows.stream().sorted(order).toList();
  }

  /** A table's header; its first {@code textColumns} columns align left, the figures right. */
  private static String header(int textColumns, String... cells) {
    String align = Arrays.stream(cells).skip(textColumns).map(c -> "---:").collect(joining(" | "));
    return row(cells) + "| --- ".repeat(textColumns) + "| " + align + " |\n";
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String name(String database) {
    return switch (database.toLowerCase(Locale.ROOT)) {
      case "derby" -> "Derby";
      case "postgresql" -> "PostgreSQL";
      default -> database;
    };
  }

  private static String variant(Latency latency) {
    return latency.wakeUp() ? "wake-up" : "polling only";
  }

  private static String ratio(Spread s) {
    return fmt("%.2f (%.2f–%.2f, n = %d)", s.median(), s.min(), s.max(), s.blocks());
  }

  private static String change(Spread s) {
    return fmt("%+.1f %% (%+.1f to %+.1f %%)", s.median() * 100, s.min() * 100, s.max() * 100);
  }

  private static String percent(double fraction) {
    return fmt("%.0f %%", fraction * 100);
  }

  private static String rate(double perSecond) {
    return fmt("%,.0f", perSecond);
  }

  private static String ms(double millis) {
    return fmt("%.1f", millis);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
