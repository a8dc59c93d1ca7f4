package dev.txoutbox.metrics;

import dev.txoutbox.store.Backlog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The backlog per destination and event type, from {@link Backlog}'s shared reading, for the
 * gauges: a pair is reported once a lifecycle event names it or a reading finds it, and reports 0
 * once it has nothing waiting; NaN while the outbox table cannot be read.
 */
@ApplicationScoped
class BacklogGauges {

  /** Receives one gauge value of one destination and event type. */
  @FunctionalInterface
  interface Measurement {
    void record(String destination, String eventType, double value);
  }

  @Inject Backlog backlog;

  // gauges are read on the metric reader's thread: the reading runs in this application's
  // context, captured where this bean is created
  @Resource(lookup = "java:comp/DefaultContextService")
  ContextService context;

  private final Set<List<String>> tracked = ConcurrentHashMap.newKeySet();
  private Supplier<Optional<Backlog.Snapshot>> reading;

  @PostConstruct
  void captureContext() {
    reading = context.contextualSupplier(this::read);
  }

  /**
   * Nothing but creating this bean on the calling thread, in the application's context: created
   * first by a metric reader's thread, it would find no java:comp.
   */
  void prepare() {}

  /** Reports the gauges of one destination and event type from now on. */
  void track(String destination, String eventType) {
    tracked.add(List.of(destination, eventType));
  }

  /** One value per tracked destination and event type, from the current reading. */
  void measure(ToDoubleFunction<Backlog.Group> value, Measurement measurement) {
    Optional<Backlog.Snapshot> snapshot = reading.get();
    snapshot.ifPresent(s -> s.groups().forEach(g -> track(g.destination(), g.eventType())));
    for (List<String> pair : tracked) {
      double measured =
          snapshot
              .map(s -> s.group(pair.get(0), pair.get(1)).map(value::applyAsDouble).orElse(0.0))
              .orElse(Double.NaN);
      measurement.record(pair.get(0), pair.get(1), measured);
    }
  }

  private Optional<Backlog.Snapshot> read() {
    try {
      return Optional.of(backlog.read());
    } catch (IllegalStateException e) { // Backlog logs it, once per outage
      return Optional.empty();
    }
  }
}
