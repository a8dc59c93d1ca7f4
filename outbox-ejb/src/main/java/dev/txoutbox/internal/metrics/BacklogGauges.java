package dev.txoutbox.internal.metrics;

import dev.txoutbox.internal.monitoring.Backlog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backlog per destination and event type, from {@link Backlog}'s shared reading, for the
 * gauges: a pair is reported once a lifecycle event names it or a reading finds it, and reports 0
 * once it has nothing waiting. Nothing is reported while the outbox table cannot be read (the
 * OpenTelemetry SDK drops NaN measurements).
 */
@ApplicationScoped
class BacklogGauges {
  private static final Logger LOG = Logger.getLogger(BacklogGauges.class.getName());

  @Inject Backlog backlog;

  // gauges are read on the metrics exporter's thread: the reading runs in this application's
  // context, captured where this bean is created (a relay or operator thread)
  @Resource(lookup = "java:comp/DefaultContextService")
  ContextService context;

  private final Set<List<String>> tracked = ConcurrentHashMap.newKeySet();
  private Supplier<List<Reading>> reading;

  /** The gauges' values of one destination and event type. */
  record Reading(
      String destination,
      String eventType,
      double pending,
      double oldestPendingAgeSeconds,
      double dead) {}

  @PostConstruct
  void captureContext() {
    reading = context.contextualSupplier(this::read);
  }

  /** Reports this destination and event type from now on. */
  void track(String destination, String eventType) {
    tracked.add(List.of(destination, eventType));
  }

  /**
   * A reading of every pair reported, in this application's context, on any thread; none once that
   * context is gone (the exporter's last collection may come after the application stopped).
   */
  List<Reading> readings() {
    try {
      return reading.get();
    } catch (IllegalStateException e) { // the component whose context was captured has stopped
      LOG.log(Level.FINE, "txoutbox: the backlog gauges are not read: the application stops", e);
      return List.of();
    }
  }

  private List<Reading> read() {
    Backlog.Snapshot snapshot;
    try {
      snapshot = backlog.read();
    } catch (IllegalStateException e) { // Backlog logs it, once per outage
      return List.of();
    }
    return readings(snapshot, Instant.now());
  }

  /** The pairs tracked and those the snapshot finds, which are tracked from now on. */
  List<Reading> readings(Backlog.Snapshot snapshot, Instant now) {
    snapshot.groups().forEach(g -> track(g.destination(), g.eventType()));
    return tracked.stream()
        .map(
            pair ->
                snapshot
                    .group(pair.get(0), pair.get(1))
                    .map(
                        g ->
                            new Reading(
                                g.destination(),
                                g.eventType(),
                                g.pending(),
                                g.oldestAge(now).toMillis() / 1000.0,
                                g.dead()))
                    .orElse(new Reading(pair.get(0), pair.get(1), 0, 0, 0)))
        .toList();
  }
}
