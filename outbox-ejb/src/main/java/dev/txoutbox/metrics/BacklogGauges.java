package dev.txoutbox.metrics;

import dev.txoutbox.store.Backlog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gauges of the backlog per destination and event type, from {@link Backlog}'s shared reading: a
 * pair is registered when a lifecycle event names it or a reading finds it, and reports 0 once it
 * has nothing waiting. NaN while the outbox table cannot be read.
 */
@ApplicationScoped
class BacklogGauges {
  static final Metadata PENDING =
      Metadata.builder()
          .withName("txoutbox.pending")
          .withDescription("PENDING events: not sent yet, or waiting for their next attempt")
          .build();
  static final Metadata OLDEST_PENDING_AGE =
      Metadata.builder()
          .withName("txoutbox.oldest.pending.age")
          .withDescription("How long the oldest PENDING event has waited since its publish")
          .withUnit(MetricUnits.SECONDS)
          .build();
  static final Metadata DEAD_LETTERS =
      Metadata.builder()
          .withName("txoutbox.dead.letters")
          .withDescription("DEAD events waiting for an operator to replay or skip them")
          .build();

  @Inject MetricRegistry registry;
  @Inject Backlog backlog;

  // gauges are read on the metrics endpoint's thread: the reading runs in this application's
  // context, captured where this bean is created (a relay or operator thread)
  @Resource(lookup = "java:comp/DefaultContextService")
  ContextService context;

  private final Map<List<String>, List<Supplier<Double>>> tracked = new ConcurrentHashMap<>();
  private Function<Function<Backlog.Snapshot, Double>, Double> reading;

  @PostConstruct
  void captureContext() {
    reading = context.contextualFunction(this::read);
  }

  static Tag[] tags(String destination, String eventType) {
    return new Tag[] {new Tag("destination", destination), new Tag("type", eventType)};
  }

  /** Registers the gauges of one destination and event type, once. */
  void track(String destination, String eventType) {
    List<String> key = List.of(destination, eventType);
    if (tracked.containsKey(key)) {
      return;
    }
    List<Supplier<Double>> gauges = gauges(destination, eventType);
    // registered outside the map's lock: a scrape may be reading gauges meanwhile
    if (tracked.putIfAbsent(key, gauges) == null) {
      Tag[] tags = tags(destination, eventType);
      registry.gauge(PENDING, gauges.get(0), tags);
      registry.gauge(OLDEST_PENDING_AGE, gauges.get(1), tags);
      registry.gauge(DEAD_LETTERS, gauges.get(2), tags);
    }
  }

  /** Pending, oldest pending age, dead; held in the map, as a registry may hold them weakly. */
  private List<Supplier<Double>> gauges(String destination, String eventType) {
    return List.of(
        () ->
            reading.apply(
                s -> s.group(destination, eventType).map(g -> (double) g.pending()).orElse(0.0)),
        () ->
            reading.apply(
                s ->
                    s.group(destination, eventType)
                        .map(g -> g.oldestAge(Instant.now()).toMillis() / 1000.0)
                        .orElse(0.0)),
        () ->
            reading.apply(
                s -> s.group(destination, eventType).map(g -> (double) g.dead()).orElse(0.0)));
  }

  private Double read(Function<Backlog.Snapshot, Double> value) {
    Backlog.Snapshot snapshot;
    try {
      snapshot = backlog.read();
    } catch (IllegalStateException e) { // Backlog logs it, once per outage
      return Double.NaN;
    }
    snapshot.groups().forEach(g -> track(g.destination(), g.eventType()));
    return value.apply(snapshot);
  }
}
