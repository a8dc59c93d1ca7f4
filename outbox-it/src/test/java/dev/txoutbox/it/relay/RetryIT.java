package dev.txoutbox.it.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import dev.txoutbox.testlab.fixture.Queues;
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

/**
 * A send the broker refuses: the test destination "full" holds one message (Liberty: a depth of
 * one; WildFly: a size limit with the FAIL policy; see server-config's test configuration), so
 * while a filler message sits in it every send fails for real.
 */
@ExtendWith(ArquillianExtension.class)
class RetryIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(RetryIT.class);
  }

  @Inject OutboxService outbox;
  @Inject OutboxTable table;
  @Inject Queues queues;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void failedSendStaysPendingWithItsErrorAndIsDeliveredOnceTheDestinationWorks() throws Exception {
    String filler = queues.fillFull(); // fills the queue on either broker

    transaction.begin();
    UUID id = outbox.publish(OutboxEvent.of("Refused", "{}").destination("full").build());
    transaction.commit();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              OutboxTable.Row row = table.find(id).orElseThrow();
              assertThat(row.status()).isEqualTo("PENDING");
              assertThat(row.attempts()).isGreaterThanOrEqualTo(2);
              assertThat(row.lastError()).isNotBlank();
            });

    assertThat(queues.freeFull(filler, Duration.ofSeconds(5))).isPresent();

    Queues.Received message =
        queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(15)).orElseThrow();
    assertThat((Integer) message.property(MessageProperties.ATTEMPT)).isGreaterThanOrEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(id).isEmpty());
  }
}
