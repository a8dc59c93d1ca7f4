package dev.txoutbox.internal.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outbox's metrics with the OpenTelemetry metrics API and the application's {@link
 * OpenTelemetry} bean (MicroProfile Telemetry 2.0 provides it and exports what is recorded; without
 * one, nothing is). Not a bean: {@link MetricsSetup} creates it once it has seen the API, so that
 * no class the container inspects names an OpenTelemetry type.
 *
 * <p>Counters are monotonic sums, the publish-to-send time a histogram in seconds, the backlog
 * three gauges observed in one callback per collection, all with the attributes {@code destination}
 * and {@code type}.
 */
final class OpenTelemetryMeters implements Meters {
  static final String SCOPE = "dev.txoutbox";

  /** The publish-to-send histogram's bucket boundaries, in seconds (advice to the SDK). */
  static final List<Double> COMMIT_TO_SEND_BUCKETS =
      List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("destination");
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
  private static final String EVENTS = "{event}";

  private final Map<Counter, LongCounter> counters = new EnumMap<>(Counter.class);
  private final DoubleHistogram commitToSend;
  private final BatchCallback backlog;

  OpenTelemetryMeters(Meter meter, Supplier<List<BacklogGauges.Reading>> readings) {
    for (Counter counter : Counter.values()) {
      counters.put(
          counter,
          meter
              .counterBuilder(counter.metric)
              .setDescription(counter.description)
              .setUnit(EVENTS)
              .build());
    }
    commitToSend =
        meter
            .histogramBuilder("txoutbox.commit.to.send")
            .setDescription("Time from an event's publish to the broker's acceptance of it")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(COMMIT_TO_SEND_BUCKETS)
            .build();
    ObservableDoubleMeasurement pending =
        meter
            .gaugeBuilder("txoutbox.pending")
            .setDescription("PENDING events: not sent yet, or waiting for their next attempt")
            .setUnit(EVENTS)
            .buildObserver();
    ObservableDoubleMeasurement oldestAge =
        meter
            .gaugeBuilder("txoutbox.oldest.pending.age")
            .setDescription("How long the oldest PENDING event has waited since its publish")
            .setUnit("s")
            .buildObserver();
    ObservableDoubleMeasurement dead =
        meter
            .gaugeBuilder("txoutbox.dead.letters")
            .setDescription("DEAD events waiting for an operator to replay or skip them")
            .setUnit(EVENTS)
            .buildObserver();
    backlog =
        meter.batchCallback(
            () -> {
              for (BacklogGauges.Reading reading : readings.get()) {
                Attributes attributes = attributes(reading.destination(), reading.eventType());
                pending.record(reading.pending(), attributes);
                oldestAge.record(reading.oldestPendingAgeSeconds(), attributes);
                dead.record(reading.dead(), attributes);
              }
            },
            pending,
            oldestAge,
            dead);
  }

  /** Metrics with the application's OpenTelemetry bean, or with none (nothing recorded). */
  static Meters create(BeanManager beans, BacklogGauges gauges) {
    Instance<OpenTelemetry> telemetry = beans.createInstance().select(OpenTelemetry.class);
    OpenTelemetry openTelemetry = telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop();
    return new OpenTelemetryMeters(openTelemetry.getMeter(SCOPE), gauges::readings);
  }

  @Override
  public void count(Counter counter, String destination, String eventType) {
    counters.get(counter).add(1, attributes(destination, eventType));
  }

  @Override
  public void commitToSend(String destination, String eventType, Duration latency) {
    commitToSend.record(latency.toNanos() / 1e9, attributes(destination, eventType));
  }

  @Override
  public void close() {
    backlog.close();
  }

  private static Attributes attributes(String destination, String eventType) {
    return Attributes.of(DESTINATION, destination, TYPE, eventType);
  }
}
