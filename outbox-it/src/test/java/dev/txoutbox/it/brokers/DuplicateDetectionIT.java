package dev.txoutbox.it.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broker-side duplicate detection: the relay sets Artemis's duplicate id (_AMQ_DUPL_ID) to the
 * event id, so an event sent a second time (its row made PENDING again after the send, as when a
 * lease runs out between the send and its record) reaches the queue once, and its row ends SENT.
 * Liberty's engine has no duplicate detection: there the copy arrives, for the inbox to skip; nor
 * does exactly-once mode ask for it, its send and record committing together.
 */
@ExtendWith(ArquillianExtension.class)
class DuplicateDetectionIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(DuplicateDetectionIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;

  @Inject
  @ConfigProperty(name = "outbox.delivery.mode")
  String mode;

  @Test
  void anEventSentAgainReachesTheQueueOnceOnArtemis() {
    String type = "Resent" + UUID.randomUUID().toString().substring(0, 8);
    // an idempotency key keeps the row (as SENT) after the send
    UUID id =
        transactions.publish(
            OutboxEvent.of(type, "{}").idempotencyKey(UUID.randomUUID().toString()).build());
    String selector = "eventId = '" + id + "'";
    assertThat(queues.receive("events", selector, Duration.ofSeconds(15))).isPresent();
    awaitSent(id);

    table.sendAgain(id);

    awaitSent(id);
    var copy = queues.receive("events", selector, Duration.ofSeconds(3));
    if (queues.onArtemis() && !mode.equals("exactly-once")) {
      assertThat(copy).as("the broker dropped the copy").isEmpty();
    } else {
      // no duplicate detection, or none asked for (exactly once: the send and its record commit
      // together, so only a change to the table such as this test's sends an event again)
      assertThat(copy).as("the copy, without duplicate detection").isPresent();
    }
  }

  private void awaitSent(UUID id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(table.find(id))
                    .get()
                    .satisfies(row -> assertThat(row.status()).as("%s", row).isEqualTo("SENT")));
  }
}
