package dev.txoutbox.metrics;

import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Dead;
import dev.txoutbox.lifecycle.OutboxLifecycle.Failed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Replayed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import dev.txoutbox.lifecycle.OutboxLifecycle.Skipped;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Counts what happens to events, per destination and event type, from the lifecycle events, and
 * times each one from its publish to its send, with the OpenTelemetry meter of the application
 * (MicroProfile Telemetry 2.0). Each destination and type it sees gets its backlog gauges too.
 * Created when the application starts, so that the gauges are there from the start.
 */
@ApplicationScoped
class LifecycleMetrics {
  static final String SCOPE = "dev.txoutbox";
  private static final List<Double> BUCKETS =
      List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

  @Inject Instance<OpenTelemetry> telemetry;
  @Inject BacklogGauges gauges;

  private LongCounter sent;
  private LongCounter failed;
  private LongCounter dead;
  private LongCounter replayed;
  private LongCounter skipped;
  private DoubleHistogram commitToSend;

  @PostConstruct
  void createInstruments() {
    Meter meter =
        (telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop()).getMeter(SCOPE);
    sent = counter(meter, "txoutbox.sent", "Events the broker accepted");
    failed = counter(meter, "txoutbox.failed", "Failed sends after which the event stays pending");
    dead = counter(meter, "txoutbox.dead", "Events whose last attempt failed");
    replayed = counter(meter, "txoutbox.replayed", "DEAD events an operator replayed");
    skipped = counter(meter, "txoutbox.skipped", "Events an operator skipped");
    commitToSend =
        meter
            .histogramBuilder("txoutbox.commit.to.send")
            .setDescription("Time from an event's publish to the broker's acceptance of it")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(BUCKETS)
            .build();
    gauges.register(meter);
  }

  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    // creating this bean registers the gauges
  }

  void sent(@Observes Sent event) {
    Attributes attributes = count(sent, event);
    Duration latency =
        event.latency(); // two clocks: the server's at publish, the database's at send
    commitToSend.record(latency.isNegative() ? 0.0 : latency.toNanos() / 1e9, attributes);
  }

  void failed(@Observes Failed event) {
    count(failed, event);
  }

  void dead(@Observes Dead event) {
    count(dead, event);
  }

  void replayed(@Observes Replayed event) {
    count(replayed, event);
  }

  void skipped(@Observes Skipped event) {
    count(skipped, event);
  }

  private Attributes count(LongCounter counter, OutboxLifecycle change) {
    Attributes attributes = BacklogGauges.attributes(change.destination(), change.eventType());
    counter.add(1, attributes);
    gauges.track(change.destination(), change.eventType());
    return attributes;
  }

  private static LongCounter counter(Meter meter, String name, String description) {
    return meter.counterBuilder(name).setDescription(description).build();
  }
}
