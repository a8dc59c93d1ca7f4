package dev.txoutbox.bench.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Load generated inside the server, on its managed executor, so that neither HTTP nor the driver's
 * JVM is part of what is measured.
 */
@ApplicationScoped
public class Loads {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  @Resource ManagedExecutorService executor;
  @Inject Orders orders;
  @Inject RawSender raw;

  /**
   * B1: {@code clients} closed-loop clients place orders for {@code millis}; each call is one
   * business transaction, timed from call to commit. {@code row}: with the publish's row written by
   * plain SQL instead of {@code publish}.
   */
  public JsonObject closedLoop(int clients, long millis, boolean publish, boolean row)
      throws Exception {
    Histogram latency = new SynchronizedHistogram(MAX_MICROS, 3);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      running.add(
          executor.submit(
              () -> {
                while (System.nanoTime() < end) {
                  long t = System.nanoTime();
                  try {
                    if (row) {
                      orders.placeWithRow();
                    } else {
                      orders.place(publish, false);
                    }
                    latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - t) / 1000));
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                }
              }));
    }
    for (Future<?> client : running) {
      client.get();
    }
    long elapsed = System.nanoTime() - start;
    return Json.createObjectBuilder()
        .add("count", latency.getTotalCount())
        .add("errors", errors.get())
        .add("seconds", elapsed / 1e9)
        .add("p50", latency.getValueAtPercentile(50))
        .add("p99", latency.getValueAtPercentile(99))
        .build();
  }

  /**
   * B3: an open-loop producer, {@code rate} business transactions (or raw sends) a second for
   * {@code millis}, each started at its scheduled moment however long the others take. Reports how
   * late the starts were (the generator's own delay; a late start is not hidden from the latency,
   * which runs from the commit).
   */
  public JsonObject openLoop(double rate, long millis, boolean outbox) throws Exception {
    Histogram startDelay = new SynchronizedHistogram(MAX_MICROS, 3);
    AtomicLong errors = new AtomicLong();
    long interval = (long) (1e9 / rate);
    long count = Math.max(1, (long) (rate * millis / 1000));
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    List<Future<?>> calls = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      calls.add(
          executor.submit(
              () -> {
                startDelay.recordValue(
                    Math.min(MAX_MICROS, Math.max(0, System.nanoTime() - scheduled) / 1000));
                try {
                  if (outbox) {
                    orders.place(true, true);
                  } else {
                    raw.sendOneTimed();
                  }
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    return Json.createObjectBuilder()
        .add("count", count)
        .add("errors", errors.get())
        .add("startDelayP99", startDelay.getValueAtPercentile(99))
        .add("startDelayMax", startDelay.getMaxValue())
        .build();
  }
}
