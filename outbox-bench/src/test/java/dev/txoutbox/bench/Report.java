package dev.txoutbox.bench;

import static java.util.stream.Collectors.joining;

import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Machine;
import dev.txoutbox.bench.Results.Percentiles;
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
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Writes a run's {@link Results} into a directory: {@code report.md}, the machine, the method and
 * one table per benchmark with its target and whether it holds; and {@code report.png}, the ratios
 * and latencies as bar charts (median per block pair, target as a horizontal line) in a grid of two
 * columns. A run without a single figure has nothing to draw: then no {@code report.png} is
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
    if (charts) {
      md.append("![Ratios and latencies of this run](report.png)\n\n");
    }
    md.append("## Machine\n\n");
    md.append("- CPU: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores\n");
    md.append("- Memory: ").append(fmt("%,d MiB", m.memoryMiB())).append('\n');
    md.append("- OS: ").append(m.os()).append('\n');
    md.append("- Java: ").append(m.java()).append('\n');
    md.append("- PostgreSQL: ").append(m.postgresql()).append('\n');
    md.append("- Open Liberty: ").append(m.openLiberty()).append('\n');
    md.append(fmt("- Load average: %.2f before, %.2f after\n\n", m.loadBefore(), m.loadAfter()));
    md.append("## Method\n\n");
    md.append("Every figure is a ratio against a baseline measured in the same run. The two ran")
        .append(
            " interleaved in blocks (A B A B …); a ratio is the median of the per-block ratios,")
        .append(" with their min–max and n, the number of block pairs. Absolute figures (tx/s,")
        .append(" events/s, ms) are medians over blocks and context only: they describe this")
        .append(" machine at this load, not the outbox.\n\n");
    md.append("## B1 write overhead\n\n").append(writes(results.writes));
    md.append("## B2 relay throughput\n\n").append(drains(results.drains));
    md.append("## B3 commit-to-consume latency\n\n").append(latencies(results.latencies));
    md.append("## B4 two servers\n\n").append(scales(results.scales));
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
    String verdicts =
        rows.stream()
            .filter(w -> w.database().equalsIgnoreCase("postgresql") && w.clients() == 4)
            .sorted(Comparator.comparing(Write::relayOn))
            .map(
                w ->
                    relay(w)
                        + ": "
                        + verdict(w.throughputRatio().median() >= 0.85)
                        + fmt(" (%.2f)", w.throughputRatio().median()))
            .collect(joining("; "));
    return md
        + "\nTarget: ratio ≥ 0.85 on PostgreSQL at 4 clients: "
        + (verdicts.isEmpty() ? "not measured" : verdicts)
        + ".\n\n";
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
    return md
        + target(
            "ratio ≥ 0.8 at batch 100",
            rows,
            Drain::database,
            d -> d.batch() == 100,
            d -> verdict(d.ratio().median() >= 0.8) + fmt(" (%.2f)", d.ratio().median()));
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
    return md
        + target(
            "with wake-up at 50 % load, p50 ≤ 10 ms and p99 ≤ 100 ms",
            rows,
            Latency::database,
            l -> l.wakeUp() && Math.abs(l.load() - 0.5) < 1e-9,
            l ->
                verdict(l.outbox().p50() <= 10 && l.outbox().p99() <= 100)
                    + " (p50 "
                    + ms(l.outbox().p50())
                    + " ms, p99 "
                    + ms(l.outbox().p99())
                    + " ms)");
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
    return md
        + target(
            "ratio ≥ 0.95 with 0 duplicates",
            rows,
            Scale::database,
            s -> true,
            s ->
                verdict(s.ratio().median() >= 0.95 && s.duplicates() == 0)
                    + fmt(" (%.2f, %d duplicates)", s.ratio().median(), s.duplicates()));
  }

  /** A table: its header, then one row of {@code cells} per row, in {@code order}. */
  private static <T> String table(
      String header, List<T> rows, Comparator<T> order, Function<T, String[]> cells) {
    return header + sorted(rows, order).stream().map(r -> row(cells.apply(r))).collect(joining());
  }

  /** One verdict per database, from the first of its rows that the target is about. */
  private static <T> String target(
      String target,
      List<T> rows,
      Function<T, String> database,
      Predicate<T> about,
      Function<T, String> verdict) {
    String verdicts =
        rows.stream()
            .map(database)
            .distinct()
            .sorted()
            .map(
                db ->
                    name(db)
                        + " "
                        + rows.stream()
                            .filter(r -> database.apply(r).equals(db) && about.test(r))
                            .findFirst()
                            .map(verdict)
                            .orElse("not measured"))
            .collect(joining("; "));
    return "\nTarget: " + target + ": " + verdicts + ".\n\n";
  }

  private static List<CategoryChart> charts(Results results) {
    List<CategoryChart> charts = new ArrayList<>();
    if (!results.writes.isEmpty()) {
      charts.add(
          bars(
              "B1 write overhead: throughput outbox / baseline (line: target 0.85)",
              "clients",
              "ratio",
              sorted(results.writes, Comparator.comparingInt(Write::clients)),
              w -> name(w.database()) + ", relay " + relay(w),
              w -> String.valueOf(w.clients()),
              w -> w.throughputRatio().median(),
              0.85));
    }
    if (!results.drains.isEmpty()) {
      charts.add(
          bars(
              "B2 relay throughput: relay / raw sender (line: target 0.8)",
              "batch size",
              "ratio",
              sorted(results.drains, Comparator.comparingInt(Drain::batch)),
              d -> name(d.database()),
              d -> String.valueOf(d.batch()),
              d -> d.ratio().median(),
              0.8));
    }
    if (!results.latencies.isEmpty()) {
      List<Latency> byLoad = sorted(results.latencies, Comparator.comparingDouble(Latency::load));
      charts.add(latency("p50", byLoad, Percentiles::p50, 10));
      charts.add(latency("p99", byLoad, Percentiles::p99, 100));
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
              0.95));
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

  private static String verdict(boolean holds) {
    return holds ? "holds" : "does not hold";
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
