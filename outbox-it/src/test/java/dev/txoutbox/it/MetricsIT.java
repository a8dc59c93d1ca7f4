package dev.txoutbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.publish.OutboxEvent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics, as a Prometheus scrape of an OpenTelemetry collector sees them, per destination and
 * event type. Events of type MeteredDoomed die after two attempts, events of type MeteredStuck get
 * 1000; the "full" destination refuses sends while a filler message sits in it. Counters are
 * compared before and after, so the test does not depend on what earlier tests counted.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {
  private static final Map<String, String> SENT_TAGS =
      Map.of("destination", "events", "type", "Metered");
  private static final Map<String, String> DOOMED_TAGS =
      Map.of("destination", "full", "type", "MeteredDoomed");
  private static final Map<String, String> STUCK_TAGS =
      Map.of("destination", "full", "type", "MeteredStuck");

  // typed by a JDK interface: the class is loaded in the server too, where the collector is not
  private static AutoCloseable collector;

  /**
   * The metrics go over OTLP to a collector in this JVM (MicroProfile Telemetry, configured by the
   * application), which serves them as Prometheus text to the tests in the server.
   */
  @Deployment
  static Archive<?> deployment() throws IOException {
    OtlpCollector otlp = OtlpCollector.start();
    collector = otlp;
    return Deployments.monitored(
        """
        outbox.retry.type.MeteredDoomed.max-attempts=2
        outbox.retry.type.MeteredStuck.max-attempts=1000
        otel.sdk.disabled=false
        otel.service.name=txoutbox-metrics-it
        otel.metrics.exporter=otlp
        otel.traces.exporter=none
        otel.logs.exporter=none
        otel.exporter.otlp.protocol=http/protobuf
        otel.metric.export.interval=500
        """
            + "otel.exporter.otlp.endpoint="
            + otlp.endpoint()
            + "\nit.metrics.url="
            + otlp.endpoint()
            + "/metrics\n",
        MetricsIT.class);
  }

  @AfterAll
  static void stopCollector() throws Exception {
    if (collector != null) {
      collector.close();
    }
  }

  @Inject Transactions transactions;
  @Inject Queues queues;
  @Inject OutboxAdmin admin;
  @Inject Endpoints endpoints;

  @Test
  void sentEventsAreCountedAndTimedPerDestinationAndType() {
    String before = endpoints.metrics();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(transactions.publish(OutboxEvent.of("Metered", "{}").build()));
    }
    for (UUID id : ids) {
      assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(15)))
          .isPresent();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = endpoints.metrics();
              assertThat(delta(before, after, "txoutbox_sent_total", SENT_TAGS)).isEqualTo(3);
              assertThat(delta(before, after, "txoutbox_commit_to_send_seconds_count", SENT_TAGS))
                  .isEqualTo(3);
              assertThat(value(after, "txoutbox_commit_to_send_seconds_sum", SENT_TAGS))
                  .isPositive();
              assertThat(
                      value(
                          after,
                          "txoutbox_commit_to_send_seconds_bucket",
                          Map.of("destination", "events", "type", "Metered", "le", "+Inf")))
                  .isGreaterThanOrEqualTo(3);
              // a type that has been sent has backlog gauges, 0 with nothing waiting
              assertThat(value(after, "txoutbox_pending", SENT_TAGS)).isZero();
              assertThat(value(after, "txoutbox_oldest_pending_age_seconds", SENT_TAGS)).isZero();
              assertThat(value(after, "txoutbox_dead_letters", SENT_TAGS)).isZero();
              assertNoEventIds(after, ids);
            });
  }

  @Test
  void failedAndDeadSendsAreCountedAndTheDeadLetterIsAGauge() {
    String filler = queues.fillFull();
    UUID id;
    String before = endpoints.metrics();
    try {
      id = transactions.publish(OutboxEvent.of("MeteredDoomed", "{}").destination("full").build());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> admin.event(id).map(e -> e.status().equals("DEAD")).orElse(false));
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(5));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = endpoints.metrics();
              assertThat(delta(before, after, "txoutbox_failed_total", DOOMED_TAGS)).isEqualTo(1);
              assertThat(delta(before, after, "txoutbox_dead_total", DOOMED_TAGS)).isEqualTo(1);
              assertThat(value(after, "txoutbox_dead_letters", DOOMED_TAGS)).isEqualTo(1);
              assertNoEventIds(after, List.of(id));
            });

    String beforeSkip = endpoints.metrics();
    assertThat(admin.skip(id, "MetricsIT")).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = endpoints.metrics();
              assertThat(delta(beforeSkip, after, "txoutbox_skipped_total", DOOMED_TAGS))
                  .isEqualTo(1);
              assertThat(value(after, "txoutbox_dead_letters", DOOMED_TAGS)).isZero();
            });
  }

  @Test
  void pendingEventsAndTheirAgeAreGauges() {
    String filler = queues.fillFull();
    UUID id;
    try {
      id = transactions.publish(OutboxEvent.of("MeteredStuck", "{}").destination("full").build());

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                String metrics = endpoints.metrics();
                assertThat(value(metrics, "txoutbox_pending", STUCK_TAGS)).isEqualTo(1);
                assertThat(value(metrics, "txoutbox_oldest_pending_age_seconds", STUCK_TAGS))
                    .isGreaterThan(2);
                assertThat(value(metrics, "txoutbox_failed_total", STUCK_TAGS)).isPositive();
                assertNoEventIds(metrics, List.of(id));
              });
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(5));
    }

    assertThat(queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(15)))
        .isPresent();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String metrics = endpoints.metrics();
              assertThat(value(metrics, "txoutbox_pending", STUCK_TAGS)).isZero();
              assertThat(value(metrics, "txoutbox_oldest_pending_age_seconds", STUCK_TAGS))
                  .isZero();
            });
  }

  private static double value(String metrics, String name, Map<String, String> tags) {
    return Endpoints.sample(metrics, name, tags)
        .orElseThrow(() -> new AssertionError("no " + name + " " + tags + " in\n" + metrics));
  }

  /** How much a counter grew; one that did not exist before counts from 0. */
  private static double delta(String before, String after, String name, Map<String, String> tags) {
    return value(after, name, tags) - Endpoints.sample(before, name, tags).orElse(0);
  }

  private static void assertNoEventIds(String metrics, List<UUID> ids) {
    assertThat(metrics.lines().filter(l -> l.startsWith("txoutbox_")))
        .isNotEmpty()
        .allSatisfy(
            line -> {
              for (UUID id : ids) {
                assertThat(line).doesNotContain(id.toString());
              }
              assertThat(line).doesNotContainIgnoringCase("eventid");
            });
  }
}
