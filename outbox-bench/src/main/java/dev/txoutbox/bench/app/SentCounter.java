package dev.txoutbox.bench.app;

import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts this server's {@link Sent} announcements of the event types a drain waits for, so that the
 * drain's end is seen without querying the table every few milliseconds: such a query costs the
 * database as much as a share of the relay's own work, and no production system runs it.
 */
@ApplicationScoped
public class SentCounter {
  private final Map<String, Count> counts = new ConcurrentHashMap<>();

  /** The events of one type sent so far, and how many a drain waits for (none: the maximum). */
  private static final class Count {
    final AtomicLong sent = new AtomicLong();
    volatile long awaited = Long.MAX_VALUE;
  }

  void sent(@Observes Sent sent) {
    Count count = counts.get(sent.eventType());
    if (count != null && count.sent.incrementAndGet() >= count.awaited) {
      synchronized (count) {
        count.notifyAll(); // once the last awaited event is in, not for each one
      }
    }
  }

  /** Starts counting the events of {@code type} sent from now on. */
  void watch(String type) {
    counts.put(type, new Count());
  }

  /**
   * Waits at most {@code millis} until {@code events} of {@code type} were sent since {@link
   * #watch}; answers how many were.
   */
  long await(String type, long events, long millis) throws InterruptedException {
    Count count = counts.get(type);
    count.awaited = events;
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (count) {
      for (long left = millis; count.sent.get() < events && left > 0; ) {
        count.wait(left);
        left = (deadline - System.nanoTime()) / 1_000_000;
      }
    }
    return count.sent.get();
  }

  void forget(String type) {
    counts.remove(type);
  }
}
