package dev.txoutbox.metrics;

import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Metrics with the OpenTelemetry API and the application's {@link OpenTelemetry} bean (MicroProfile
 * Telemetry 2.0), attributed by destination and event type. Not a bean: {@link MetricsSetup}
 * creates it once it has seen the API.
 */
final class OpenTelemetryMetrics implements Metrics {
  static final String SCOPE = "dev.txoutbox";
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("destination");
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
  private static final List<Double> BUCKETS =
      List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

  private final Map<Class<?>, LongCounter> counters;
  private final DoubleHistogram commitToSend;

  private OpenTelemetryMetrics(Meter meter) {
    counters =
        Map.of(
            OutboxLifecycle.Sent.class,
            counter(meter, "txoutbox.sent", "Events the broker accepted"),
            OutboxLifecycle.Failed.class,
            counter(meter, "txoutbox.failed", "Failed sends after which the event stays pending"),
            OutboxLifecycle.Dead.class,
            counter(meter, "txoutbox.dead", "Events whose last attempt failed"),
            OutboxLifecycle.Replayed.class,
            counter(meter, "txoutbox.replayed", "DEAD events an operator replayed"),
            OutboxLifecycle.Skipped.class,
            counter(meter, "txoutbox.skipped", "Events an operator skipped"));
    commitToSend =
        meter
            .histogramBuilder("txoutbox.commit.to.send")
            .setDescription("Time from an event's publish to the broker's acceptance of it")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(BUCKETS)
            .build();
  }

  /** Metrics on the application's OpenTelemetry bean (or none: nothing recorded). */
  static Metrics create(BeanManager beans, BacklogGauges gauges) {
    Instance<OpenTelemetry> telemetry = beans.createInstance().select(OpenTelemetry.class);
    OpenTelemetry openTelemetry = telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop();
    Meter meter = openTelemetry.getMeter(SCOPE);
    gauges.prepare();
    gauge(
        meter,
        gauges,
        "txoutbox.pending",
        "PENDING events: not sent yet, or waiting for their next attempt",
        "",
        g -> g.pending());
    gauge(
        meter,
        gauges,
        "txoutbox.oldest.pending.age",
        "How long the oldest PENDING event has waited since its publish",
        "s",
        g -> g.oldestAge(Instant.now()).toMillis() / 1000.0);
    gauge(
        meter,
        gauges,
        "txoutbox.dead.letters",
        "DEAD events waiting for an operator to replay or skip them",
        "",
        g -> g.dead());
    return new OpenTelemetryMetrics(meter);
  }

  @Override
  public void record(OutboxLifecycle change) {
    Attributes attributes = attributes(change.destination(), change.eventType());
    counters.get(change.getClass()).add(1, attributes);
    if (change instanceof Sent sent) {
      Duration latency =
          sent.latency(); // two clocks: the server's at publish, the database's at send
      commitToSend.record(latency.isNegative() ? 0.0 : latency.toNanos() / 1e9, attributes);
    }
  }

  private static Attributes attributes(String destination, String eventType) {
    return Attributes.of(DESTINATION, destination, TYPE, eventType);
  }

  private static LongCounter counter(Meter meter, String name, String description) {
    return meter.counterBuilder(name).setDescription(description).build();
  }

  private static void gauge(
      Meter meter,
      BacklogGauges gauges,
      String name,
      String description,
      String unit,
      ToDoubleFunction<dev.txoutbox.store.Backlog.Group> value) {
    meter
        .gaugeBuilder(name)
        .setDescription(description)
        .setUnit(unit)
        .buildWithCallback(
            (ObservableDoubleMeasurement m) ->
                gauges.measure(value, (d, t, v) -> m.record(v, attributes(d, t))));
  }
}
