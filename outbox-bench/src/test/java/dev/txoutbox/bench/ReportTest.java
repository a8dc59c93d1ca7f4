package dev.txoutbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
          "off",
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
        .contains("## Targets (PostgreSQL; Derby has none)\n\n| Benchmark | Target | Measured |")
        .contains("| B1, relay elsewhere, 4 clients | ≥ 0.85 of the baseline | 0.91 | holds |")
        .contains("| B1, relay on this server, 4 clients | ≥ 0.75 of the baseline | not measured |")
        .contains("| B2, batch 100 | ≥ 0.90 of the raw sender | 0.86 | does not hold |")
        .contains("| B2, batch 10 | ≥ 0.60 of the raw sender | 0.65 | holds |")
        .contains(
            "| B2, hot keys (10 keys × 1,000 events) | ≥ 0.70 of the unkeyed rate | 0.72 | holds |")
        .contains(
            "| B2, table of 1,000,000 SENT rows | ≥ 0.90 of the empty table's (within 10 %) |"
                + " 0.85 | does not hold |")
        .contains(
            "| B3, wake-up, 50 % load | p50 ≤ 5 ms, p99 ≤ 50 ms | p50 12.5 ms, p99 60.0 ms |"
                + " does not hold |")
        .contains("| B4, two servers / one | ≥ 0.95, 0 duplicates | 0.99, 3 duplicates |")
        .contains(
            "| B5, exactly-once / at-least-once | reported, no target | B2 0.50 of at-least-once;"
                + " B3 p50 20.0 vs 12.5 ms, p99 90.0 vs 60.0 ms | — |")
        .contains("| PostgreSQL | 10 | 10,000 | 0.72 (0.70–0.74, n = 3) | 3,600 | 5,000 |")
        .contains("| PostgreSQL | 1,000,000 | 50,000 | 0.80 (0.78–0.82, n = 3) |")
        .contains("| 0.68 (0.66–0.70, n = 3) | 0.85 | 8,000 | 6,800 |")
        .contains("| PostgreSQL | B2 batch 100, relay / raw sender | 0.86 (0.84–0.90, n = 3) |")
        .contains("| 0.43 (0.40–0.45, n = 3) | 0.50 |")
        .contains("| PostgreSQL | B3 wake-up, 50 % load (500/s), p99 ms | 60.0 | 90.0 | 1.50 |")
        .contains("| Derby | polling only | 50 % |")
        .contains(
            "| Derby | B2, batch 100 | 0.50 / 0.00 / 0.50 s | 0.30 / 0.00 / 0.30 s | 100 % | — |")
        .contains("- Load average: 0.42 before, 1.37 after")
        .contains("- PostgreSQL: 15.18, autovacuum = off")
        .contains("the harness ran `VACUUM (ANALYZE)` of the benchmark database")
        .contains("(37 times in this run)")
        .contains("this server's autovacuum setting: off")
        .contains("## Notes\n\n- PostgreSQL ran with synchronous_commit on")
        .doesNotContain("Invalid run")
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

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains(
            "| B1, relay on this server, 4 clients | ≥ 0.75 of the baseline | not measured |"
                + " not measured |");
  }

  @Test
  void writeTargetOnTheSameServerHoldsFromThreeQuarters() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.writes.add(write("postgresql", 4, 0.74, 1000));

    Report.write(results, dir);
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| B1, relay on this server, 4 clients | ≥ 0.75 of the baseline | 0.74 |")
        .contains("| 0.74 | does not hold |")
        .contains("## B2 relay throughput\n\nNot run in this mode.");
    assertThat(ImageIO.read(dir.resolve("report.png").toFile())).isNotNull();

    results.writes.set(0, write("postgresql", 4, 0.76, 1000));
    Report.write(results, dir);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("| 0.76 | holds |");
  }

  @Test
  void retainedRowsHoldWithinTenPercentOfTheEmptyTable() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.retained.add(
        new Retained("postgresql", 20_000, 1_000, spread(0.8), spread(0.73), 900, 800));

    Report.write(results, dir);
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| B2, table of 20,000 SENT rows | ≥ 0.90 of the empty table's (within 10 %) |")
        .contains("| 0.91 | holds |");

    results.retained.set(
        0, new Retained("postgresql", 20_000, 1_000, spread(0.8), spread(0.71), 900, 800));
    Report.write(results, dir);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("| 0.89 | does not hold |");
  }

  @Test
  void hotKeysOnDerbyHaveNoTarget() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.keyed.add(new Keyed("derby", 10, 500, spread(0.9), 900, 1000));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| Derby | 10 | 500 | 0.90 (0.90–0.90, n = 1) | 900 | 1,000 |")
        .contains("| B2, hot keys | ≥ 0.70 of the unkeyed rate | not measured | not measured |");
  }

  @Test
  void exactlyOnceWithoutItsAtLeastOnceRowsIsNotCompared() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.exactly.add(
        new Exactly(
            "postgresql",
            new Drain("postgresql", 100, 1_000, spread(0.5), 500, 1000),
            latency("postgresql", true, 0.5, 9, 40)));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| PostgreSQL | B2 batch 100, relay / raw sender | not measured |")
        .contains("| B5, exactly-once / at-least-once | reported, no target | not measured |");
  }

  @Test
  void cpuBoundIsTheBaselinesCpuOverItPlusTheExtraDatabaseCpu() throws IOException {
    Results results = new Results(MACHINE, "smoke");
    results.writes.add(write("postgresql", 4, 0.70, 1000));
    results.drains.add(new Drain("postgresql", 100, 1_000, spread(0.8), 800, 1000));
    results.drains.add(new Drain("postgresql", 10, 1_000, spread(0.5), 500, 1000));
    // B2 at batch 100: 0.30 s of baseline, 0.05 s more of PostgreSQL -> 0.30 / 0.35
    results.costs.add(
        new Cost(
            "postgresql",
            "B2, batch 100",
            new Cpu(0.40, 0.06, 0.47, 0.47),
            new Cpu(0.29, 0.01, 0.30, 0.30)));
    // the raw sender's blocks left half the machine idle: no bound
    results.costs.add(
        new Cost(
            "postgresql", "B2, batch 10", new Cpu(0.8, 0.1, 0.9, 1.0), new Cpu(0.4, 0, 0.5, 1.0)));
    // relay elsewhere: 1.2 s of baseline, 0.3 s more of PostgreSQL -> 1.2 / 1.5
    results.costs.add(
        new Cost(
            "postgresql",
            "B1, relay elsewhere, 4 clients",
            new Cpu(0.9, 0.7, 1.6, 1.6),
            new Cpu(0.8, 0.4, 1.2, 1.25)));
    // on this server also the raw sends, 0.30 s per 1,000 -> 1.2 / (1.2 + 0.3 + 0.3)
    results.costs.add(
        new Cost(
            "postgresql",
            "B1, relay on this server, 4 clients",
            new Cpu(1.4, 0.7, 2.0, 2.0),
            new Cpu(0.8, 0.4, 1.2, 1.2)));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| B2, batch 100 | ≥ 0.90 of the raw sender | 0.80 (CPU bound 0.86) |")
        .contains("| B2, batch 10 | ≥ 0.60 of the raw sender | 0.50 | does not hold |")
        .contains(
            "| B1, relay on this server, 4 clients | ≥ 0.75 of the baseline | 0.70 (CPU bound 0.67) |")
        .contains(
            "| PostgreSQL | B1, relay elsewhere, 4 clients | 0.90 / 0.70 / 1.60 s"
                + " | 0.80 / 0.40 / 1.20 s | 96 % | 0.80 |")
        .contains(
            "| PostgreSQL | B2, batch 10 | 0.80 / 0.10 / 0.90 s | 0.40 / 0.00 / 0.50 s | 50 % | — |");
  }

  @Test
  void writeElsewhereSaysWhatItsRowAloneCostsByPlainSql() throws IOException {
    Results results = new Results(MACHINE, "writes");
    results.writes.add(
        new Write(
            "postgresql",
            4,
            false,
            spread(0.76, 0.78, 0.80),
            spread(0.1, 0.1, 0.1),
            1700,
            2200,
            3,
            2.5));
    results.rows.add(
        new RowByHand("postgresql", 4, spread(0.79, 0.81, 0.83), spread(0.94, 0.96, 0.98)));

    Report.write(results, dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains(
            "| B1, relay elsewhere, 4 clients | ≥ 0.85 of the baseline | 0.78 (its row by plain SQL:"
                + " 0.81) | does not hold |")
        .contains("| Database | Clients | Row by SQL / baseline | Outbox / row by SQL |")
        .contains("| PostgreSQL | 4 | 0.81 (0.79–0.83, n = 3) | 0.96 (0.94–0.98, n = 3) |")
        .contains(
            "| B1, relay on this server, 4 clients | ≥ 0.75 of the baseline | not measured |");
  }

  @Test
  void busyMachineMarksTheRunInvalid() throws IOException {
    Machine busy =
        new Machine("cpu", 2, 1024, "Linux", "17", "15", "off", "26", 1.51, 1.2, "2026-11-30");

    Report.write(new Results(busy, "full"), dir);
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains(
            "**Invalid run:** the load average was 1.51 before the start, above 1.5: the machine"
                + " was busy, and these figures do not count.");

    Machine quiet =
        new Machine("cpu", 2, 1024, "Linux", "17", "15", "off", "26", 1.5, 1.2, "2026-11-30");
    Report.write(new Results(quiet, "full"), dir);
    assertThat(Files.readString(dir.resolve("report.md"))).doesNotContain("Invalid run");
  }

  @Test
  void runWithoutFiguresWritesNoChart() throws IOException {
    Files.writeString(dir.resolve("report.png"), "left by an earlier run");

    Report.write(new Results(MACHINE, "smoke"), dir.resolve("bench"));
    Report.write(new Results(MACHINE, "smoke"), dir);

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md.split("Not run in this mode.", -1)).hasSize(9);
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
    results.drains.add(new Drain("postgresql", 10, 10_000, spread(0.6, 0.65, 0.7), 3000, 4600));
    results.keyed.add(new Keyed("postgresql", 10, 10_000, spread(0.70, 0.72, 0.74), 3600, 5000));
    results.retained.add(
        new Retained(
            "postgresql",
            1_000_000,
            50_000,
            spread(0.78, 0.80, 0.82),
            spread(0.66, 0.68, 0.70),
            8000,
            6800));
    results.exactly.add(
        new Exactly(
            "postgresql",
            new Drain("postgresql", 100, 100_000, spread(0.40, 0.43, 0.45), 4300, 10_000),
            latency("postgresql", true, 0.5, 20, 90)));
    results.vacuums = 37;
    results.costs.add(
        new Cost("derby", "B2, batch 100", new Cpu(0.5, 0, 0.5, 0.5), new Cpu(0.3, 0, 0.3, 0.3)));

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
