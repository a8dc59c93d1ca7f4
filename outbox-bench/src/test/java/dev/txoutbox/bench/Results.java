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
  final List<String> notes = new ArrayList<>();

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
      String openLiberty,
      double loadBefore,
      double loadAfter,
      String date) {}

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
}
