package dev.txoutbox.bench.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What the counting consumer saw since the last {@link #reset}: how many messages, when the first
 * and the last arrived, and, when asked to, duplicates, per-key order and commit-to-consume
 * latency. Kept in memory: the consumer does no other work.
 */
@ApplicationScoped
public class Tally {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final AtomicLong received = new AtomicLong();
  private volatile long first;
  private volatile long last;
  private volatile boolean checking;
  private volatile boolean timing;
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicates = new AtomicLong();
  private final Map<String, Long> lastSeqByKey = new ConcurrentHashMap<>();
  private final AtomicLong orderViolations = new AtomicLong();

  /** A commit or a receipt whose other half has not come yet. */
  private final Map<String, Half> halves = new ConcurrentHashMap<>();

  private record Half(boolean commit, long nanoTime) {}

  private final Histogram latency = new SynchronizedHistogram(MAX_LATENCY_MICROS, 3);

  /**
   * Forgets everything; with {@code check}, the next messages are checked for duplicates and
   * per-key order (each key's sequence must go up by one); with {@code time}, each is paired with
   * its commit for the latency.
   */
  public synchronized void reset(boolean check, boolean time) {
    received.set(0);
    first = 0;
    last = 0;
    checking = check;
    timing = time;
    ids.clear();
    duplicates.set(0);
    lastSeqByKey.clear();
    orderViolations.set(0);
    halves.clear();
    latency.reset();
  }

  void received(String id, String key, long seq) {
    long now = System.nanoTime();
    if (received.getAndIncrement() == 0) {
      first = now;
    }
    last = now;
    if (checking) {
      if (!ids.add(id)) {
        duplicates.incrementAndGet();
      } else if (key != null) {
        Long previous = lastSeqByKey.put(key, seq);
        if (seq != (previous == null ? 1 : previous + 1)) { // each key's events are new: 1, 2, ...
          orderViolations.incrementAndGet();
        }
      }
    }
    if (timing) {
      pair(id, new Half(false, now));
    }
  }

  /** The transaction that made message {@code id} committed at {@code nanoTime}. */
  void committed(String id, long nanoTime) {
    pair(id, new Half(true, nanoTime));
  }

  private void pair(String id, Half half) {
    halves.compute(
        id,
        (k, other) -> {
          if (other == null) {
            return half;
          }
          long commit = half.commit() ? half.nanoTime() : other.nanoTime();
          long receipt = half.commit() ? other.nanoTime() : half.nanoTime();
          // a receipt can come before the commit's afterCompletion has run: zero, not negative
          latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, receipt - commit) / 1000));
          return null;
        });
  }

  /** The figures, as JSON; latency in microseconds. */
  public synchronized JsonObject figures() {
    Histogram h = latency.copy();
    return Json.createObjectBuilder()
        .add("received", received.get())
        .add("firstNanos", first)
        .add("lastNanos", last)
        .add("distinct", ids.size())
        .add("duplicates", duplicates.get())
        .add("orderViolations", orderViolations.get())
        .add("keys", lastSeqByKey.size())
        .add(
            "latency",
            Json.createObjectBuilder()
                .add("count", h.getTotalCount())
                .add("p50", h.getValueAtPercentile(50))
                .add("p95", h.getValueAtPercentile(95))
                .add("p99", h.getValueAtPercentile(99))
                .add("max", h.getMaxValue()))
        .build();
  }
}
