package dev.txoutbox.metrics;

import dev.txoutbox.store.Backlog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the backlog per destination and event type, from {@link Backlog}'s shared reading: a
 * pair is reported once a lifecycle event names it or a reading finds it, and reports 0 once it has
 * nothing waiting. NaN while the outbox table cannot be read.
 */
@ApplicationScoped
class BacklogGauges {
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("destination");
  static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");

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

  static Attributes attributes(String destination, String eventType) {
    return Attributes.of(DESTINATION, destination, TYPE, eventType);
  }

  /** Reports the gauges of one destination and event type from now on. */
  void track(String destination, String eventType) {
    tracked.add(List.of(destination, eventType));
  }

  /** The three gauges, on the meter of the component. */
  void register(Meter meter) {
    meter
        .gaugeBuilder("txoutbox.pending")
        .setDescription("PENDING events: not sent yet, or waiting for their next attempt")
        .buildWithCallback(m -> record(m, g -> g.pending()));
    meter
        .gaugeBuilder("txoutbox.oldest.pending.age")
        .setDescription("How long the oldest PENDING event has waited since its publish")
        .setUnit("s")
        .buildWithCallback(m -> record(m, g -> g.oldestAge(Instant.now()).toMillis() / 1000.0));
    meter
        .gaugeBuilder("txoutbox.dead.letters")
        .setDescription("DEAD events waiting for an operator to replay or skip them")
        .buildWithCallback(m -> record(m, g -> g.dead()));
  }

  private void record(ObservableDoubleMeasurement gauge, ToDoubleFunction<Backlog.Group> value) {
    Optional<Backlog.Snapshot> snapshot = reading.get();
    snapshot.ifPresent(s -> s.groups().forEach(g -> track(g.destination(), g.eventType())));
    for (List<String> pair : tracked) {
      double measured =
          snapshot
              .map(s -> s.group(pair.get(0), pair.get(1)).map(value::applyAsDouble).orElse(0.0))
              .orElse(Double.NaN);
      gauge.record(measured, attributes(pair.get(0), pair.get(1)));
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
