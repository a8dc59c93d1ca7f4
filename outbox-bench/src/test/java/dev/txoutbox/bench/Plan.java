package dev.txoutbox.bench;

import java.util.List;
import java.util.Map;

/**
 * How much of each benchmark a run does. {@code full} gives docs/benchmarks.md's figures; {@code
 * smoke} only shows that every part still works, in a few minutes; {@code drains} runs B2 alone
 * (batch 100, its hot keys, batch 10) with a full run's backlogs, for work on the relay's
 * throughput; {@code writes} runs B1 alone at 4 clients, five block pairs per relay placement, for
 * work on the write path.
 *
 * <p>B2's backlog is given per batch size for PostgreSQL; Derby drains several times slower, so it
 * gets a fifth of it (a full run would otherwise take most of an hour on Derby alone).
 *
 * <p>{@code settleMillis}: how long the run may wait for the machine's load average to fall to
 * {@link Results.Machine#QUIET_LOAD} before it starts. {@code sustainableSteps} open-loop blocks of
 * {@code sustainableMillis} bisect B3's sustainable rate. B2 with hot keys drains {@code hotKeys}
 * keys of {@code eventsPerHotKey} events each; B2 on a table of {@code sentRows} SENT rows drains
 * {@code retainedEvents}; B5 (exactly-once) drains {@code exactlyOnceEvents}.
 */
record Plan(
    long warmUpMillis,
    List<Integer> writeClients,
    boolean relayElsewhere,
    int writePairs,
    long writeMillis,
    Map<Integer, Integer> drainEventsByBatch,
    int drainPairs,
    List<Double> latencyLoads,
    long latencyMillis,
    int latencyPairs,
    boolean pollingOnly,
    int scaleEvents,
    int scaleKeys,
    int scalePairs,
    long settleMillis,
    int sustainableSteps,
    long sustainableMillis,
    int hotKeys,
    int eventsPerHotKey,
    long sentRows,
    int retainedEvents,
    int exactlyOnceEvents,
    boolean drainsOnly,
    boolean writesOnly) {

  static Plan of(String mode) {
    return switch (mode) {
      case "full" ->
          new Plan(
              30_000,
              List.of(1, 4, 16),
              true,
              3,
              4_000,
              // at batch 1 every event is three transactions of its own, hence the smaller backlogs
              Map.of(100, 100_000, 10, 10_000, 1, 1_000),
              2,
              List.of(0.1, 0.5, 0.8),
              8_000,
              2,
              true,
              20_000,
              1_000,
              2,
              180_000,
              6,
              5_000,
              10,
              1_000,
              1_000_000,
              20_000,
              20_000,
              false,
              false);
      case "drains" ->
          new Plan(
              30_000,
              List.of(),
              false,
              0,
              0,
              Map.of(100, 100_000, 10, 10_000),
              2,
              List.of(),
              0,
              0,
              false,
              0,
              0,
              0,
              180_000,
              0,
              0,
              10,
              1_000,
              0,
              0,
              0,
              true,
              false);
      case "writes" ->
          new Plan(
              30_000,
              List.of(4),
              true,
              5,
              4_000,
              Map.of(),
              0,
              List.of(),
              0,
              0,
              false,
              0,
              0,
              0,
              180_000,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              false,
              true);
      case "smoke" ->
          new Plan(
              3_000,
              List.of(4),
              false,
              1,
              2_000,
              Map.of(100, 2_000),
              1,
              List.of(0.5),
              3_000,
              1,
              false,
              2_000,
              100,
              1,
              0,
              3,
              2_000,
              10,
              50,
              20_000,
              1_000,
              1_000,
              false,
              false);
      default ->
          throw new IllegalArgumentException(
              "bench.mode is '"
                  + mode
                  + "': use full (docs/benchmarks.md's figures), drains, writes or smoke");
    };
  }

  /**
   * Events per hot key on {@code database}: a twentieth on Derby, whose relay drained 10 hot keys
   * at about 10 events/s in a smoke run (a full run would spend half an hour on them).
   */
  int eventsPerHotKey(String database) {
    return database.equals("derby") ? Math.max(eventsPerHotKey / 20, 5) : eventsPerHotKey;
  }

  /** B2's backlog on {@code database} at {@code batch}. */
  int drainEvents(String database, int batch) {
    int events = drainEventsByBatch.get(batch);
    return database.equals("derby") ? Math.max(events / 5, 500) : events;
  }
}
