package dev.txoutbox.it.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Duplicates on both sides: the producer's idempotency key and the consumer's inbox. */
@ExtendWith(ArquillianExtension.class)
class DuplicatesIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(DuplicatesIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;
  @Inject Inbox inbox;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void repeatOfAnIdempotencyKeyStoresNothingAndAnswersTheFirstId() {
    String type = "Once" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();

    UUID first = transactions.publish(OutboxEvent.of(type, "{}").idempotencyKey(key).build());
    UUID second = transactions.publish(OutboxEvent.of(type, "{}").idempotencyKey(key).build());

    assertThat(second).isEqualTo(first);
    assertThat(table.countOfType(type)).isEqualTo(1);
  }

  @Test
  void repeatAfterTheEventWasSentIsStillRecognised() {
    String type = "Once" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();
    UUID first = transactions.publish(OutboxEvent.of(type, "{}").idempotencyKey(key).build());
    assertThat(queues.receive("events", "eventId = '" + first + "'", Duration.ofSeconds(15)))
        .isPresent();
    // sent rows are deleted at once by default, but one with an idempotency key is kept as SENT
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> table.find(first).map(r -> r.status().equals("SENT")).orElse(false));

    UUID repeat = transactions.publish(OutboxEvent.of(type, "{}").idempotencyKey(key).build());

    assertThat(repeat).isEqualTo(first);
    assertThat(table.countOfType(type)).isEqualTo(1);
    assertThat(queues.receive("events", "eventId = '" + first + "'", Duration.ofSeconds(2)))
        .as("sent once")
        .isEmpty();
  }

  @Test
  void inboxAnswersTrueOnlyForTheFirstDeliveryOfAnEventToAConsumer() throws Exception {
    String event = UUID.randomUUID().toString();

    transaction.begin();
    assertThat(inbox.firstDelivery("billing", event)).isTrue();
    assertThat(inbox.firstDelivery("billing", event)).isFalse();
    assertThat(inbox.firstDelivery("shipping", event)).isTrue();
    transaction.commit();

    transaction.begin();
    assertThat(inbox.firstDelivery("billing", event)).isFalse();
    transaction.commit();
  }

  @Test
  void inboxForgetsADeliveryWhoseTransactionRolledBack() throws Exception {
    String event = UUID.randomUUID().toString();

    transaction.begin();
    assertThat(inbox.firstDelivery("billing", event)).isTrue();
    transaction.rollback();

    transaction.begin();
    assertThat(inbox.firstDelivery("billing", event)).isTrue();
    transaction.commit();
  }
}
