package dev.txoutbox.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Endpoints;
import dev.txoutbox.it.deployment.Endpoints.Check;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.it.deployment.SendFaults;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health checks through the server's MicroProfile Health endpoints (Liberty: the HTTP port's
 * /health; WildFly: the management port's), from the application as a user ships it: an EAR with
 * outbox-ejb as an EJB module, outbox-health in lib/ and one web module, or with -Pwar a WAR (see
 * {@link Deployments#monitored}). Every reading fails unless its check is listed exactly once, so a
 * check missing, or left behind by an application deployed before, fails it. Low thresholds: the
 * relay may be silent for 3 s, the oldest pending event may wait 4 s, no event may be DEAD. Events
 * of type Doomed die after two attempts (the test servers' configuration), events of type Stuck get
 * 1000; the "full" destination refuses sends while a filler message sits in it.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {
  private static final String LIVE = "live";
  private static final String READY = "ready";
  private static final String RELAY = "txoutbox-relay";
  private static final String BACKLOG = "txoutbox-backlog";

  @Deployment
  static Archive<?> deployment() {
    return Deployments.monitored(
        """
        outbox.health.relay-silence=PT3S
        outbox.health.max-pending-age=PT4S
        outbox.health.max-dead=0
        outbox.retry.type.Stuck.max-attempts=1000
        """,
        HealthIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;
  @Inject OutboxAdmin admin;
  @Inject Endpoints endpoints;
  @Inject SendFaults faults;

  /** Earlier tests may have left pending and dead events behind: this one starts without any. */
  @BeforeEach
  void startFromAnEmptyBacklog() {
    table.setAsideWaitingRows("set aside by HealthIT");
    awaitReady();
  }

  @Test
  void eachCheckIsListedOnceWithItsData() {
    Check relay = endpoints.health(LIVE, RELAY);
    Check backlog = endpoints.health(READY, BACKLOG);

    assertThat(relay.data().keySet())
        .containsExactlyInAnyOrder("relay", "lastRun", "silenceSeconds", "maxSilenceSeconds");
    assertThat(backlog.data().keySet())
        .containsExactlyInAnyOrder(
            "database",
            "pendingCount",
            "oldestPendingAgeSeconds",
            "deadCount",
            "maxPendingAgeSeconds",
            "maxDead");
  }

  @Test
  void livenessIsUpWhileTheRelayRuns() {
    Check relay = endpoints.health(LIVE, RELAY);

    assertThat(relay.httpStatus()).isEqualTo(200);
    assertThat(relay.status()).isEqualTo("UP");
    assertThat(relay.data().getString("relay")).isEqualTo("enabled");
    assertThat(relay.number("maxSilenceSeconds")).isEqualTo(3);
    assertThat(relay.number("silenceSeconds")).isLessThanOrEqualTo(3);
    String lastRun = relay.data().getString("lastRun");
    // the timer runs a pass every second (the test servers' interval), even with nothing to send
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !endpoints.health(LIVE, RELAY).data().getString("lastRun").equals(lastRun));
  }

  @Test
  void livenessIsDownWhileTheRelayHangs() {
    faults.hold("Hung");
    UUID id;
    try {
      id = transactions.publish(OutboxEvent.of("Hung", "{}").build());

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Check relay = endpoints.health(LIVE, RELAY);
                assertThat(relay.httpStatus()).isEqualTo(503);
                assertThat(relay.status()).isEqualTo("DOWN");
                assertThat(relay.number("silenceSeconds")).isGreaterThanOrEqualTo(3);
              });
    } finally {
      faults.release();
    }

    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(15)))
        .isPresent();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> endpoints.health(LIVE, RELAY).status().equals("UP"));
  }

  @Test
  void readinessIsUpWithAnEmptyBacklog() {
    Check backlog = endpoints.health(READY, BACKLOG);

    assertThat(backlog.httpStatus()).isEqualTo(200);
    assertThat(backlog.status()).isEqualTo("UP");
    assertThat(backlog.data().getString("database")).isEqualTo("reachable");
    assertThat(backlog.number("pendingCount")).isZero();
    assertThat(backlog.number("oldestPendingAgeSeconds")).isZero();
    assertThat(backlog.number("deadCount")).isZero();
    assertThat(backlog.number("maxPendingAgeSeconds")).isEqualTo(4);
    assertThat(backlog.number("maxDead")).isZero();
  }

  @Test
  void readinessIsDownWhileMoreEventsAreDeadThanAllowed() {
    String filler = queues.fillFull();
    try {
      UUID id = transactions.publish(OutboxEvent.of("Doomed", "{}").destination("full").build());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> admin.event(id).map(e -> e.status().equals("DEAD")).orElse(false));

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                Check backlog = endpoints.health(READY, BACKLOG);
                assertThat(backlog.httpStatus()).isEqualTo(503);
                assertThat(backlog.status()).isEqualTo("DOWN");
                assertThat(backlog.number("deadCount")).isEqualTo(1);
                assertThat(backlog.number("pendingCount")).isZero();
                assertThat(backlog.data().getString("problem")).contains("DEAD");
              });

      assertThat(admin.skip(id, "HealthIT: seen dead")).isTrue();
      awaitReady();
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(5));
    }
  }

  @Test
  void readinessIsDownWhileThePendingEventWaitsTooLong() {
    String filler = queues.fillFull();
    UUID id;
    try {
      id = transactions.publish(OutboxEvent.of("Stuck", "{}").destination("full").build());

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Check backlog = endpoints.health(READY, BACKLOG);
                assertThat(backlog.httpStatus()).isEqualTo(503);
                assertThat(backlog.status()).isEqualTo("DOWN");
                assertThat(backlog.number("pendingCount")).isEqualTo(1);
                assertThat(backlog.number("oldestPendingAgeSeconds")).isGreaterThan(4);
                assertThat(backlog.number("deadCount")).isZero();
                assertThat(backlog.data().getString("problem")).contains("pending");
              });
      assertThat(table.find(id).orElseThrow().status()).isEqualTo("PENDING");
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(5));
    }

    assertThat(queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(15)))
        .isPresent();
    awaitReady();
  }

  private void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              Check backlog = endpoints.health(READY, BACKLOG);
              assertThat(backlog.status()).as(backlog.data().toString()).isEqualTo("UP");
            });
  }
}
