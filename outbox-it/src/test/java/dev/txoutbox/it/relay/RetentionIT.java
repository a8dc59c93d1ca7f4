package dev.txoutbox.it.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.internal.retention.Retention;
import dev.txoutbox.internal.store.OrderingKeys;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kept SENT rows and their purge (this deployment keeps sent rows for an hour), and the purge of
 * ordering keys idle for an hour.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.componentWithConfig(
        "outbox.retention.sent=PT1H\noutbox.retention.keys=PT1H\n"
            + "outbox.retention.purge-interval=PT1H\n",
        RetentionIT.class);
  }

  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;
  @Inject Retention retention;
  @Inject OrderingKeys keys;

  /**
   * The rows these tests write by hand wait for ever (PENDING of last month, not due; DEAD): set
   * aside, so that no later test reads them as the backlog of its health checks.
   */
  @AfterEach
  void setAsideWhatWaits() {
    table.setAsideWaitingRows("set aside by RetentionIT");
  }

  @Resource ManagedExecutorService executor;

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

  @Test
  void purgeDeletesIdleKeysAndKeepsKeysInUseOrWithWaitingEvents() {
    String run = UUID.randomUUID().toString();
    Instant lastMonth = Instant.now().minus(Duration.ofDays(30));
    table.insertKeyed(UUID.randomUUID(), "SENT", run + "-idle", 3, lastMonth);
    table.insertKeyed(UUID.randomUUID(), "PENDING", run + "-pending", 4, lastMonth);
    table.insertKeyed(UUID.randomUUID(), "DEAD", run + "-dead", 7, lastMonth);
    UUID busy =
        transactions.publish(OutboxEvent.of("Busy", "{}").orderingKey(run + "-busy").build());
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(table.find(busy).orElseThrow().status()).isEqualTo("SENT"));

    assertThat(retention.purge(Instant.now())).isPositive();

    assertThat(table.keyVersion(run + "-idle")).as("idle, all sent").isEmpty();
    assertThat(table.keyVersion(run + "-pending")).as("a PENDING event").contains(4L);
    assertThat(table.keyVersion(run + "-dead")).as("a DEAD event").contains(7L);
    assertThat(table.keyVersion(run + "-busy")).as("used within the hour").contains(1L);
  }

  @Test
  void keyUsedAgainAfterItsPurgeStartsAtOneInCommitOrder() {
    String key = UUID.randomUUID() + "-back";
    table.insertKeyed(UUID.randomUUID(), "SENT", key, 5, Instant.now().minus(Duration.ofDays(30)));
    retention.purge(Instant.now());
    assertThat(table.keyVersion(key)).isEmpty();

    UUID first = transactions.publish(OutboxEvent.of("Back", "1").orderingKey(key).build());
    UUID second = transactions.publish(OutboxEvent.of("Back", "2").orderingKey(key).build());

    assertThat(table.find(first).orElseThrow().seq()).isEqualTo(1);
    assertThat(table.find(second).orElseThrow().seq()).isEqualTo(2);
    List<Queues.Received> received =
        queues.receiveAll(
            "events",
            "orderingKey = '" + key + "'",
            2,
            Duration.ofSeconds(15),
            Duration.ofSeconds(30));
    assertThat(received).extracting(Queues.Received::text).containsExactly("1", "2");
  }

  @Test
  void purgeKeepsAKeyThatAnOpenTransactionPublishesTo() throws Exception {
    String key = UUID.randomUUID() + "-reused";
    table.insertKeyed(UUID.randomUUID(), "SENT", key, 5, Instant.now().minus(Duration.ofDays(30)));
    CountDownLatch published = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    Future<UUID> open =
        executor.submit(
            () ->
                transactions.publishAndHold(
                    OutboxEvent.of("Reused", "6").orderingKey(key).build(), published, commit));
    published.await();
    Future<Integer> purge = executor.submit(() -> retention.purge(Instant.now()));

    // the purge waits for the key's row, which the open transaction holds
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !purge.isDone());
    commit.countDown();
    UUID reused = open.get();
    purge.get();

    assertThat(table.keyVersion(key)).as("used again, so kept").contains(6L);
    assertThat(table.find(reused).orElseThrow().seq()).isEqualTo(6);
    UUID next = transactions.publish(OutboxEvent.of("Reused", "7").orderingKey(key).build());
    assertThat(table.find(next).orElseThrow().seq()).isEqualTo(7);
  }

  @Test
  void keyFoundIdleIsKeptWhenPublishedToBeforeItsDelete() {
    String key = UUID.randomUUID() + "-raced";
    table.insertKeyed(UUID.randomUUID(), "SENT", key, 5, Instant.now().minus(Duration.ofDays(30)));
    // a cutoff an hour ahead, so that the publish below counts as idle too: only the version tells
    Instant before = Instant.now().plus(Duration.ofHours(1));
    OrderingKeys.IdleKey found =
        keys.idle(before, 100_000).stream()
            .filter(idle -> idle.key().equals(key))
            .findFirst()
            .orElseThrow();

    UUID raced = transactions.publish(OutboxEvent.of("Raced", "6").orderingKey(key).build());

    assertThat(keys.purge(found, before)).isFalse();
    assertThat(table.keyVersion(key)).contains(6L);
    assertThat(table.find(raced).orElseThrow().seq()).isEqualTo(6);
    UUID next = transactions.publish(OutboxEvent.of("Raced", "7").orderingKey(key).build());
    assertThat(table.find(next).orElseThrow().seq()).isEqualTo(7);
  }
}
