package dev.txoutbox.it.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.NoTransactionException;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import dev.txoutbox.testlab.fixture.Queues;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write path on a real server: commit delivers, rollback discards, no transaction fails. */
@ExtendWith(ArquillianExtension.class)
class PublishIT {
  private static final Duration DELIVERY = Duration.ofSeconds(15);

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(PublishIT.class);
  }

  @Inject OutboxService outbox;
  @Inject OutboxTable table;
  @Inject OutboxAdmin admin;
  @Inject Queues queues;
  @Inject Event<OutboxEvent> events;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void commitDeliversEventWithItsProperties() throws Exception {
    transaction.begin();
    UUID id =
        outbox.publish(
            OutboxEvent.of("OrderPlaced", "{\"order\":42}")
                .aggregate("Order", "order-42")
                .orderingKey("order-42")
                .header("tenant", "acme")
                .build());
    transaction.commit();

    Queues.Received message =
        queues.receive("events", "eventId = '" + id + "'", DELIVERY).orElseThrow();
    assertThat(message.type()).isEqualTo("OrderPlaced");
    assertThat(message.text()).isEqualTo("{\"order\":42}");
    assertThat(message.property(MessageProperties.AGGREGATE_TYPE)).isEqualTo("Order");
    assertThat(message.property(MessageProperties.AGGREGATE_ID)).isEqualTo("order-42");
    assertThat(message.property(MessageProperties.ORDERING_KEY)).isEqualTo("order-42");
    assertThat(message.property("JMSXGroupID")).isEqualTo("order-42");
    assertThat(message.property(MessageProperties.ATTEMPT)).isEqualTo(1);
    assertThat((Long) message.property(MessageProperties.SEQUENCE)).isPositive();
    assertThat((Long) message.property(MessageProperties.CREATED_AT)).isPositive();
    assertThat(message.property("tenant")).isEqualTo("acme");
    // sent rows are deleted at once by default (outbox.retention.sent=PT0S)
    await().atMost(DELIVERY).until(() -> table.find(id).isEmpty());
  }

  @Test
  void objectPayloadIsSerializedWithJsonb() throws Exception {
    transaction.begin();
    UUID id = outbox.publish(OutboxEvent.of("PriceChanged", new Price("sku-1", 1250)).build());
    transaction.commit();

    Queues.Received message =
        queues.receive("events", "eventId = '" + id + "'", DELIVERY).orElseThrow();
    assertThat(message.text()).contains("\"sku\":\"sku-1\"").contains("\"cents\":1250");
  }

  @Test
  void rollbackWritesAndSendsNothing() throws Exception {
    transaction.begin();
    UUID id = outbox.publish(OutboxEvent.of("Discarded", "{}").build());
    // stored in the transaction: the outbox's own reads see it there (plain JDBC may not yet: a row
    // without an idempotency key is written at the latest at commit)
    assertThat(admin.event(id)).isPresent();
    transaction.rollback();

    assertThat(table.find(id)).isEmpty();
    // the relay runs every second in the test server: a few passes go by without a message
    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(3))).isEmpty();
  }

  @Test
  void publishWithoutTransactionFailsAndWritesNothing() {
    String type = "NoTransaction" + UUID.randomUUID().toString().substring(0, 8);

    assertThatThrownBy(() -> outbox.publish(OutboxEvent.of(type, "{}").build()))
        .isInstanceOf(NoTransactionException.class)
        .hasMessageContaining("needs an active JTA transaction")
        .hasMessageContaining("publishInOwnTransaction");
    assertThat(table.countOfType(type)).isZero();
  }

  @Test
  void publishInOwnTransactionCommitsWhateverTheCallerDoes() throws Exception {
    transaction.begin();
    UUID id = outbox.publishInOwnTransaction(OutboxEvent.of("Standalone", "{}").build());
    transaction.rollback();

    assertThat(queues.receive("events", "eventId = '" + id + "'", DELIVERY)).isPresent();
  }

  @Test
  void publishInOwnTransactionWorksWithoutAnyTransaction() {
    UUID id = outbox.publishInOwnTransaction(OutboxEvent.of("Standalone", "{}").build());

    assertThat(queues.receive("events", "eventId = '" + id + "'", DELIVERY)).isPresent();
  }

  @Test
  void firedCdiEventIsStoredInTheFiringTransaction() throws Exception {
    String probe = UUID.randomUUID().toString();
    transaction.begin();
    events.fire(OutboxEvent.of("Fired", "{}").header("probe", probe).build());
    transaction.commit();

    assertThat(queues.receive("events", "probe = '" + probe + "'", DELIVERY)).isPresent();
  }

  @Test
  void firedCdiEventIsDiscardedOnRollback() throws Exception {
    String type = "FiredThenRolledBack" + UUID.randomUUID().toString().substring(0, 8);
    transaction.begin();
    events.fire(OutboxEvent.of(type, "{}").build());
    assertThat(admin.events(null, type, null, null, 0, 10)).hasSize(1);
    transaction.rollback();

    assertThat(table.countOfType(type)).isZero();
  }

  /** A payload object for JSON-B. */
  public record Price(String sku, long cents) {}
}
