package dev.txoutbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.bench.Results.Drain;
import dev.txoutbox.bench.Results.Latency;
import dev.txoutbox.bench.Results.Machine;
import dev.txoutbox.bench.Results.Percentiles;
import dev.txoutbox.bench.Results.Scale;
import dev.txoutbox.bench.Results.Spread;
import dev.txoutbox.bench.Results.Write;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final Machine MACHINE =
      new Machine(
          "Test CPU @ 2.0GHz",
          2,
          23_552,
          "Linux 6.1",
          "17.0.15",
          "15.18",
          "25.0.0.6",
          0.42,
          1.37,
          "2025-07-01");

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void fullRunWritesTablesVerdictsAndCharts() throws IOException {
    Report.write(sample(), dir);

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .contains("# txoutbox benchmarks, 2025-07-01, full run")
        .contains("| Database | Relay | Clients | Throughput ratio |")
        .contains("| Database | Batch | Events | Ratio |")
        .contains("| Database | Variant | Load | Rate/s |")
        .contains("| Database | Events | Keys | Ratio |")
        .contains(
            "| PostgreSQL | elsewhere | 4 | 0.91 (0.87–0.95, n = 4) | +6.0 % (+2.0 to +11.0 %) | 1,234 |")
        .contains("Target: ratio ≥ 0.85 on PostgreSQL at 4 clients: elsewhere: holds (0.91).")
        .contains("Target: ratio ≥ 0.8 at batch 100: Derby does not hold (0.72); PostgreSQL holds")
        .contains("Derby holds (p50 4.2 ms, p99 38.0 ms); PostgreSQL does not hold (p50 12.5 ms")
        .contains("Derby holds (0.97, 0 duplicates); PostgreSQL does not hold (0.99, 3 duplicates)")
        .contains("| Derby | polling only | 50 % |")
        .contains("- Load average: 0.42 before, 1.37 after")
        .contains("## Notes\n\n- PostgreSQL ran with synchronous_commit on")
        .doesNotContainIgnoringCase("not run in this mode");

    BufferedImage png = ImageIO.read(dir.resolve("report.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isGreaterThan(800);
    assertThat(png.getHeight()).isGreaterThan(800);
  }

  @Test
  void writeTargetIsNotMeasuredWithoutPostgresqlAtFourClients() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.writes.add(write("derby", 4, 0.95, 1000));
    results.writes.add(write("postgresql", 1, 0.95, 1000));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md"))).contains("at 4 clients: not measured.");
  }

  @Test
  void writeTargetDoesNotHoldBelowTheRatio() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.writes.add(write("postgresql", 4, 0.84, 1000));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("at 4 clients: on this server: does not hold (0.84).")
        .contains("## B2 relay throughput\n\nNot run in this mode.");
    assertThat(ImageIO.read(dir.resolve("report.png").toFile())).isNotNull();
  }

  @Test
  void runWithoutFiguresWritesNoChart() throws IOException {
    Files.writeString(dir.resolve("report.png"), "left by an earlier run");

    Report.write(new Results(MACHINE, "smoke"), dir.resolve("bench"));
    Report.write(new Results(MACHINE, "smoke"), dir);

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md.split("Not run in this mode.", -1)).hasSize(5);
    assertThat(md).contains("smoke run").doesNotContain("report.png").doesNotContain("## Notes");
    assertThat(dir.resolve("report.png")).doesNotExist();
    assertThat(dir.resolve("bench/report.md")).exists();
    assertThat(dir.resolve("bench/report.png")).doesNotExist();
  }

  private static Results sample() {
    Results results = new Results(MACHINE, "full");
    for (String db : new String[] {"derby", "postgresql"}) {
      results.writes.add(write(db, 1, 0.80, 800));
      results.writes.add(write(db, 16, 0.88, 2000));
    }
    results.writes.add(
        new Write(
            "postgresql",
            4,
            false,
            spread(0.87, 0.90, 0.92, 0.95),
            spread(0.02, 0.05, 0.07, 0.11),
            1234.4,
            1356.0,
            8.04,
            7.6));
    results.writes.add(write("derby", 4, 0.90, 900));

    results.drains.add(new Drain("derby", 100, 100_000, spread(0.70, 0.72, 0.75), 5200, 7200));
    results.drains.add(new Drain("derby", 10, 20_000, spread(0.55, 0.6, 0.62), 2100, 3500));
    results.drains.add(
        new Drain("postgresql", 100, 100_000, spread(0.84, 0.86, 0.9), 8600, 10_000));
    results.drains.add(new Drain("postgresql", 1, 2_000, spread(0.3, 0.35, 0.4), 350, 1000));

    results.latencies.add(latency("derby", true, 0.5, 4.2, 38));
    results.latencies.add(latency("derby", true, 0.1, 3.1, 20));
    results.latencies.add(latency("derby", false, 0.5, 520, 1010));
    results.latencies.add(latency("postgresql", true, 0.5, 12.5, 60));
    results.latencies.add(latency("postgresql", false, 0.1, 480, 990));

    results.scales.add(
        new Scale("derby", 50_000, 1_000, spread(0.95, 0.97, 1.0), 5000, 4850, 0, 0, 0));
    results.scales.add(
        new Scale("postgresql", 50_000, 1_000, spread(0.98, 0.99, 1.01), 9000, 8910, 3, 0, 0));

    results.notes.add("PostgreSQL ran with synchronous_commit on");
    return results;
  }

  private static Write write(String database, int clients, double ratio, double tps) {
    return new Write(
        database,
        clients,
        true,
        spread(ratio - 0.02, ratio, ratio + 0.02),
        spread(0.05, 0.1, 0.15),
        tps * ratio,
        tps,
        12,
        11);
  }

  private static Latency latency(
      String database, boolean wakeUp, double load, double p50, double p99) {
    return new Latency(
        database,
        wakeUp,
        load,
        1000 * load,
        new Percentiles(p50, p99 * 0.8, p99, p99 * 2),
        new Percentiles(0.4, 0.9, 1.5, 4),
        spread(p99 / 1.8, p99 / 1.5, p99 / 1.2),
        0.3);
  }

  private static Spread spread(double... ratios) {
    return Spread.of(Arrays.stream(ratios).boxed().toList());
  }
}
