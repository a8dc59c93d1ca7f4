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
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void sent(@Observes Sent sent) {
    AtomicLong count = counts.get(sent.eventType());
    if (count != null) {
      count.incrementAndGet();
    }
  }

  /** Starts counting the events of {@code type} sent from now on. */
  void watch(String type) {
    counts.put(type, new AtomicLong());
  }

  /** How many events of {@code type} were sent since {@link #watch}. */
  long sent(String type) {
    AtomicLong count = counts.get(type);
    return count == null ? 0 : count.get();
  }

  void forget(String type) {
    counts.remove(type);
  }
}
