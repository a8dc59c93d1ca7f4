package dev.txoutbox.it.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dead letters and the operator's API. Events of type Doomed die after two attempts (the test
 * servers' configuration); the "full" destination refuses them while a filler message sits in it.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterIT {
  private static final String DOOMED = "Doomed";

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(DeadLetterIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;
  @Inject OutboxAdmin admin;

  private String filler;

  @BeforeEach
  void fillTheQueue() {
    filler = queues.fillFull();
  }

  @AfterEach
  void emptyTheQueue() {
    queues.freeFull(filler, Duration.ofSeconds(1));
  }

  @Test
  void eventIsDeadAfterItsLastAttemptAndOnlyAReplaySendsIt() {
    UUID id = doomed();
    EventSummary dead = awaitDead(id);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastError()).isNotBlank(); // Artemis's reason reaches only the server log
    assertThat(admin.deadEvents(DOOMED, null, null, 0, 500))
        .extracting(EventSummary::id)
        .contains(id);
    assertThat(admin.countByStatus().get(EventStatus.DEAD)).isPositive();

    emptyTheQueue(); // the destination works again, but a dead event stays dead
    assertThat(queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(3))).isEmpty();
    assertThat(admin.event(id).orElseThrow().status()).isEqualTo("DEAD");

    assertThat(admin.replay(id)).isTrue();
    Queues.Received message =
        queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(15)).orElseThrow();
    assertThat(message.property(MessageProperties.ATTEMPT)).isEqualTo(1); // a fresh count
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(id).isEmpty());
    assertThat(admin.replay(id)).as("only a DEAD event can be replayed").isFalse();
  }

  @Test
  void replayByTypeAndTimeRangeSendsThoseDeadEvents() {
    Instant from = Instant.now();
    UUID first = doomed();
    UUID second = doomed();
    awaitDead(first);
    awaitDead(second);
    emptyTheQueue();

    assertThat(admin.replay(DOOMED, from, Instant.now().plusSeconds(1))).isEqualTo(2);

    // one consumer takes both as they come: "full" holds one message, and the other's retry
    // finds room only once the first is taken out
    String either = "eventId IN ('" + first + "', '" + second + "')";
    assertThat(queues.receiveAll("full", either, 2, Duration.ofSeconds(15), Duration.ofSeconds(30)))
        .extracting(received -> received.property(MessageProperties.EVENT_ID))
        .containsExactlyInAnyOrder(first.toString(), second.toString());
  }

  @Test
  void skipRecordsTheReasonAndNeedsOne() {
    UUID id = doomed();
    awaitDead(id);

    assertThatThrownBy(() -> admin.skip(id, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(admin.skip(id, "customer account was deleted")).isTrue();

    EventSummary skipped = admin.event(id).orElseThrow();
    assertThat(skipped.status()).isEqualTo("SKIPPED");
    assertThat(skipped.skipReason()).isEqualTo("customer account was deleted");
    assertThat(admin.replay(id)).isFalse();
  }

  private UUID doomed() {
    return transactions.publish(OutboxEvent.of(DOOMED, "{}").destination("full").build());
  }

  private EventSummary awaitDead(UUID id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> admin.event(id).map(e -> e.status().equals("DEAD")).orElse(false));
    return admin.event(id).orElseThrow();
  }
}
