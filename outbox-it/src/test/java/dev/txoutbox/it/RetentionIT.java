package dev.txoutbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.relay.Retention;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kept SENT rows and their purge (this deployment keeps sent rows for an hour). */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.componentWithConfig(
        "outbox.retention.sent=PT1H\noutbox.retention.purge-interval=PT1H\n", RetentionIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;
  @Inject Retention retention;

  @Test
  void sentRowIsKeptWhileTheRetentionPeriodRuns() {
    UUID id = transactions.publish(OutboxEvent.of("Kept", "{}").build());

    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(15)))
        .isPresent();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(table.find(id).orElseThrow().status()).isEqualTo("SENT"));
  }

  @Test
  void purgeDeletesOnlySentRowsOlderThanThePeriod() {
    Instant now = Instant.now();
    Instant old = now.minus(Duration.ofHours(2));
    Instant later = now.plus(Duration.ofDays(1)); // not due: the relay leaves the pending row alone
    UUID oldSent = UUID.randomUUID();
    UUID recentSent = UUID.randomUUID();
    UUID oldPending = UUID.randomUUID();
    UUID oldDead = UUID.randomUUID();
    UUID oldSkipped = UUID.randomUUID();
    UUID keyedSent = UUID.randomUUID(); // older than sent's period, within idempotency's (P7D)
    UUID oldKeyedSent = UUID.randomUUID();
    table.insert(oldSent, "SENT", old, old, old);
    table.insert(recentSent, "SENT", now, now.minus(Duration.ofMinutes(10)), now);
    table.insert(oldPending, "PENDING", old, null, later);
    table.insert(oldDead, "DEAD", old, null, old);
    table.insert(oldSkipped, "SKIPPED", old, null, old);
    table.insert(keyedSent, "SENT", old, old, old, keyedSent.toString());
    Instant lastMonth = now.minus(Duration.ofDays(30));
    table.insert(oldKeyedSent, "SENT", lastMonth, lastMonth, lastMonth, oldKeyedSent.toString());

    assertThat(retention.purge(now)).isPositive();

    assertThat(table.find(oldSent)).isEmpty();
    assertThat(table.find(recentSent)).isPresent();
    assertThat(table.find(oldPending)).isPresent();
    assertThat(table.find(oldDead)).isPresent();
    assertThat(table.find(oldSkipped)).isPresent();
    assertThat(table.find(keyedSent)).as("kept to recognise its idempotency key").isPresent();
    assertThat(table.find(oldKeyedSent)).isEmpty();
  }
}
