package dev.txoutbox.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Endpoints;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
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
 * The metrics as the application exports them with MicroProfile Telemetry 2.0: over OTLP
 * (HTTP/protobuf) to a collector in the test JVM ({@link OtlpCollector}), which the test reads in
 * the server through {@link Endpoints#metrics()}, under their OpenTelemetry names, per destination
 * and event type. OpenTelemetry is on for this application alone (its own MicroProfile Config),
 * exporting every half second. Events of type MeteredDoomed die after two attempts, events of type
 * MeteredStuck get 1000; the "full" destination refuses sends while a filler message sits in it.
 * Counters are compared before and after, so the test does not depend on what earlier tests
 * counted.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {
  private static final Map<String, String> SENT_TAGS =
      Map.of("destination", "events", "type", "Metered");
  private static final Map<String, String> DOOMED_TAGS =
      Map.of("destination", "full", "type", "MeteredDoomed");
  private static final Map<String, String> STUCK_TAGS =
      Map.of("destination", "full", "type", "MeteredStuck");

  // an OtlpCollector, in the test JVM only: the server has no class of its (protobuf) types
  private static AutoCloseable collector;

  /** In the test JVM: the collector runs there, for as long as the class's tests. */
  @Deployment
  static Archive<?> deployment() throws IOException {
    OtlpCollector collector = OtlpCollector.start();
    MetricsIT.collector = collector;
    // as the build packages the component (an EAR, or a WAR with -Pwar) on either server
    return Deployments.withLibraries(
        Deployments.withEndpoints(Deployments.componentWithFaults(MetricsIT.class)),
        Deployments.config(
            "outbox.retry.type.MeteredDoomed.max-attempts=2\n"
                + "outbox.retry.type.MeteredStuck.max-attempts=1000\n"
                + "otel.sdk.disabled=false\n"
                + "otel.service.name=txoutbox-metrics-it\n"
                + "otel.metrics.exporter=otlp\n"
                + "otel.traces.exporter=none\n"
                + "otel.logs.exporter=none\n"
                + "otel.exporter.otlp.protocol=http/protobuf\n"
                + "otel.exporter.otlp.endpoint="
                + collector.endpoint()
                + "\n"
                + "otel.metric.export.interval=500\n"
                + "it.metrics.url="
                + collector.metricsUrl()
                + "\n"));
  }

  @AfterAll
  static void stopCollector() throws Exception {
    if (collector != null) { // null where the test runs in the server
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
              assertThat(delta(before, after, "txoutbox.sent", SENT_TAGS)).isEqualTo(3);
              assertThat(delta(before, after, "txoutbox.commit.to.send_count", SENT_TAGS))
                  .isEqualTo(3);
              assertThat(value(after, "txoutbox.commit.to.send_sum", SENT_TAGS)).isPositive();
              // the component's buckets, from 0.1 s to 300 s
              assertThat(value(after, "txoutbox.commit.to.send_bucket", bucket("0.1")))
                  .isNotNegative();
              assertThat(value(after, "txoutbox.commit.to.send_bucket", bucket("300.0")))
                  .isGreaterThanOrEqualTo(3);
              assertThat(value(after, "txoutbox.commit.to.send_bucket", bucket("+Inf")))
                  .isGreaterThanOrEqualTo(3);
              assertThat(after.lines())
                  .contains(
                      "# TYPE txoutbox.sent counter",
                      "# UNIT txoutbox.sent {event}",
                      "# TYPE txoutbox.commit.to.send histogram",
                      "# UNIT txoutbox.commit.to.send s",
                      "# TYPE txoutbox.pending gauge",
                      "# TYPE txoutbox.oldest.pending.age gauge",
                      "# UNIT txoutbox.oldest.pending.age s",
                      "# TYPE txoutbox.dead.letters gauge");
              // a type that has been sent has backlog gauges, 0 with nothing waiting
              assertThat(value(after, "txoutbox.pending", SENT_TAGS)).isZero();
              assertThat(value(after, "txoutbox.oldest.pending.age", SENT_TAGS)).isZero();
              assertThat(value(after, "txoutbox.dead.letters", SENT_TAGS)).isZero();
              assertNoEventIds(after, ids);
            });
  }

  @Test
  void failedAndDeadSendsAreCountedAndTheDeadLettersAreAGauge() {
    long earlier = deadDoomed(); // left DEAD by an interrupted run (the database is kept)
    String filler = queues.fillFull();
    UUID replayed;
    UUID skipped;
    String before = endpoints.metrics();
    try {
      replayed = publishDoomed();
      skipped = publishDoomed();
      await().atMost(Duration.ofSeconds(20)).until(() -> isDead(replayed) && isDead(skipped));
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(5));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = endpoints.metrics();
              assertThat(delta(before, after, "txoutbox.failed", DOOMED_TAGS)).isEqualTo(2);
              assertThat(delta(before, after, "txoutbox.dead", DOOMED_TAGS)).isEqualTo(2);
              assertThat(value(after, "txoutbox.dead.letters", DOOMED_TAGS)).isEqualTo(earlier + 2);
              assertThat(after.lines())
                  .contains("# TYPE txoutbox.failed counter", "# TYPE txoutbox.dead counter");
              assertNoEventIds(after, List.of(replayed, skipped));
            });

    String beforeOperator = endpoints.metrics();
    assertThat(admin.replay(replayed)).isTrue();
    assertThat(admin.skip(skipped, "MetricsIT")).isTrue();
    assertThat(queues.receive("full", "eventId = '" + replayed + "'", Duration.ofSeconds(15)))
        .isPresent();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = endpoints.metrics();
              assertThat(delta(beforeOperator, after, "txoutbox.replayed", DOOMED_TAGS))
                  .isEqualTo(1);
              assertThat(delta(beforeOperator, after, "txoutbox.skipped", DOOMED_TAGS))
                  .isEqualTo(1);
              assertThat(delta(beforeOperator, after, "txoutbox.sent", DOOMED_TAGS)).isEqualTo(1);
              assertThat(value(after, "txoutbox.dead.letters", DOOMED_TAGS)).isEqualTo(earlier);
              assertThat(after.lines())
                  .contains("# TYPE txoutbox.replayed counter", "# TYPE txoutbox.skipped counter");
            });
  }

  private UUID publishDoomed() {
    return transactions.publish(OutboxEvent.of("MeteredDoomed", "{}").destination("full").build());
  }

  private long deadDoomed() {
    return admin.deadEvents("MeteredDoomed", null, null, 0, 100).size();
  }

  private boolean isDead(UUID id) {
    return admin.event(id).map(e -> e.status().equals("DEAD")).orElse(false);
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
                assertThat(value(metrics, "txoutbox.pending", STUCK_TAGS)).isEqualTo(1);
                assertThat(value(metrics, "txoutbox.oldest.pending.age", STUCK_TAGS))
                    .isGreaterThan(2);
                assertThat(value(metrics, "txoutbox.failed", STUCK_TAGS)).isPositive();
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
              assertThat(value(metrics, "txoutbox.pending", STUCK_TAGS)).isZero();
              assertThat(value(metrics, "txoutbox.oldest.pending.age", STUCK_TAGS)).isZero();
            });
  }

  private static Map<String, String> bucket(String le) {
    return Map.of("destination", "events", "type", "Metered", "le", le);
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
    assertThat(metrics.lines().filter(l -> l.startsWith("txoutbox.")))
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
