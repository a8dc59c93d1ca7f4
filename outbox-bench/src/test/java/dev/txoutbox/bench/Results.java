package dev.txoutbox.bench;

import java.util.ArrayList;
import java.util.List;

/** What one run measured, per database; {@link Report} writes it out. */
final class Results {
  Machine machine;
  final String mode;
  final List<Write> writes = new ArrayList<>();
  final List<Drain> drains = new ArrayList<>();
  final List<Latency> latencies = new ArrayList<>();
  final List<Scale> scales = new ArrayList<>();
  final List<Keyed> keyed = new ArrayList<>();
  final List<Retained> retained = new ArrayList<>();
  final List<Exactly> exactly = new ArrayList<>();
  final List<Cost> costs = new ArrayList<>();
  final List<RowByHand> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  /** How many times the run vacuumed and analyzed the PostgreSQL database (0 on Derby). */
  int vacuums;

  Results(Machine machine, String mode) {
    this.machine = machine;
    this.mode = mode;
  }

  /** The median of per-block ratios, with their min and max, and how many blocks there were. */
  record Spread(double median, double min, double max, int blocks) {
    static Spread of(List<Double> ratios) {
      List<Double> sorted = ratios.stream().sorted().toList();
      int n = sorted.size();
      double median =
          n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }
  }

  /** Where and when the run ran: the context of every absolute figure. */
  record Machine(
      String cpu,
      int cores,
      long memoryMiB,
      String os,
      String java,
      String postgresql,
      String autovacuum,
      String openLiberty,
      double loadBefore,
      double loadAfter,
      String date) {
    /** Above this one-minute load average before the start, the machine was busy: invalid run. */
    static final double QUIET_LOAD = 1.5;

    boolean valid() {
      return !(loadBefore > QUIET_LOAD);
    }
  }

  /**
   * B1 at one concurrency: throughput with publish / without (per block pair), the change of p99
   * commit latency (outbox p99 / baseline p99 - 1), and medians of the absolute figures; {@code
   * relayOn}: the relay ran on the same server (and its broker and consumer: all on the same
   * cores), or not at all, as when it runs on other servers.
   */
  record Write(
      String database,
      int clients,
      boolean relayOn,
      Spread throughputRatio,
      Spread p99Change,
      double outboxTps,
      double baselineTps,
      double outboxP99Ms,
      double baselineP99Ms) {}

  /** B2 at one batch size: drain rate of the relay / send rate of the raw sender. */
  record Drain(
      String database, int batch, int events, Spread ratio, double outboxRate, double rawRate) {}

  /** Latency percentiles in milliseconds. */
  record Percentiles(double p50, double p95, double p99, double max) {}

  /**
   * B3 at one load: commit-to-consume latency of the outbox ({@code wakeUp} or polling only) and of
   * the raw sender at the same rate, medians over blocks; {@code p99Ratio} is outbox p99 / raw p99
   * per block; {@code startDelayP99Ms} how late the open-loop generator started its calls.
   */
  record Latency(
      String database,
      boolean wakeUp,
      double load,
      double rate,
      Percentiles outbox,
      Percentiles raw,
      Spread p99Ratio,
      double startDelayP99Ms) {}

  /**
   * B4: drain rate with two servers / with one, and what the consumer saw over every block of both:
   * duplicates, per-key order violations and events never received.
   */
  record Scale(
      String database,
      int events,
      int keys,
      Spread ratio,
      double oneServerRate,
      double twoServerRate,
      long duplicates,
      long orderViolations,
      long lost) {}

  /**
   * B2 with hot keys: {@code events} spread over {@code keys} ordering keys, drained against the
   * same number of unkeyed events on the same server; ratio keyed / unkeyed per block pair.
   */
  record Keyed(
      String database, int keys, int events, Spread ratio, double keyedRate, double unkeyedRate) {}

  /**
   * B2 on a table that already holds {@code sentRows} SENT rows (kept by retention), against the
   * same server with an empty table: per block, relay / raw sender; {@code change} is the ratio of
   * their medians (retained / empty).
   */
  record Retained(
      String database,
      long sentRows,
      int events,
      Spread emptyRatio,
      Spread retainedRatio,
      double emptyRate,
      double retainedRate) {
    double change() {
      return retainedRatio.median() / emptyRatio.median();
    }
  }

  /**
   * B5, the cost of exactly-once: B2 at batch 100 and B3 with wake-up at 50 % load on a server in
   * exactly-once mode (XA datasource), to set beside the at-least-once rows of the same run.
   */
  record Exactly(String database, Drain drain, Latency latency) {}

  /**
   * The CPU that one B1 or B2 measurement cost, per 1,000 transactions or events, of the outbox's
   * blocks and of its baseline's ({@code what} as the Targets table names the benchmark).
   */
  record Cost(String database, String what, Cpu outbox, Cpu baseline) {
    /** See {@link Cpu#bound}; {@code also}: what the outbox must spend besides, per 1,000. */
    double bound(double also) {
      return Cpu.bound(baseline, outbox, also);
    }

    /** Whether the baseline's blocks kept the machine busy enough for {@link #bound} to hold. */
    boolean cpuBound() {
      return baseline.busyShare() >= Cpu.SATURATED;
    }
  }

  /**
   * B1's ceiling with the relay elsewhere: the same transaction writing the publish's row by plain
   * SQL, against the baseline ({@code ratio}: what the row itself costs), and the outbox against it
   * ({@code outboxToRow}: what the library adds to its row), per block pair.
   */
  record RowByHand(String database, int clients, Spread ratio, Spread outboxToRow) {}
}
