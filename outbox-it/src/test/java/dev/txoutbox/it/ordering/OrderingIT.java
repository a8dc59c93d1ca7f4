package dev.txoutbox.it.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.it.deployment.SendFaults;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-key order through the real queue: under concurrent publishers and failing sends, behind a
 * poisoned key, across concurrent transactions on one key, and past a transaction that commits
 * late.
 */
@ExtendWith(ArquillianExtension.class)
class OrderingIT {
  private static final Logger LOG = Logger.getLogger(OrderingIT.class.getName());

  @Deployment
  static Archive<?> deployment() {
    return Deployments.componentWithFaults(OrderingIT.class);
  }

  @Inject Transactions transactions;
  @Inject Queues queues;
  @Inject OutboxTable table;
  @Inject SendFaults faults;

  @Resource ManagedExecutorService executor;

  @AfterEach
  void stopFaults() {
    faults.clear();
  }

  @Test
  void everyKeyArrivesInOrderAndCompleteUnderConcurrencyAndFailedSends() throws Exception {
    int threads = 4;
    int keys = 32;
    int perKey = 25;
    double failureRate = 0.2;
    String run = run();
    String type = "Ordered" + run;
    faults.failRandomly(type, failureRate);
    int injectedBefore = faults.injected();
    long start = System.nanoTime();

    List<Future<?>> publishers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      publishers.add(
          executor.submit(
              () -> {
                for (int n = 0; n < perKey; n++) {
                  for (int k = thread; k < keys; k += threads) {
                    transactions.publish(event(type, run, "k" + k, n));
                  }
                }
                return null;
              }));
    }
    for (Future<?> publisher : publishers) {
      publisher.get();
    }
    List<Queues.Received> received =
        queues.receiveAll(
            "events",
            "run = '" + run + "'",
            keys * perKey,
            Duration.ofSeconds(20),
            Duration.ofSeconds(180));
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(received).as(() -> table.stateOfType(type)).hasSize(keys * perKey);
    Map<String, List<Integer>> arrived = byKey(received);

    List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
    assertThat(arrived).hasSize(keys);
    arrived.forEach((key, sequence) -> assertThat(sequence).as(key).isEqualTo(expected));
    int injected = faults.injected() - injectedBefore;
    assertThat(injected).isPositive();
    LOG.info(
        () ->
            "ordering stress: "
                + threads
                + " threads, "
                + keys
                + " keys, "
                + keys * perKey
                + " events, failure rate "
                + failureRate
                + " ("
                + injected
                + " sends failed), all delivered in order in "
                + seconds
                + " s");
  }

  @Test
  void poisonedKeyStopsAtItsHeadAndHoldsNoOtherKeyBack() throws Exception {
    int keys = 50;
    int perKey = 4;
    String run = run();
    String type = "Poison" + run;
    String poisoned = run + "-k0";
    faults.failKey(poisoned);

    for (int n = 0; n < perKey; n++) {
      for (int k = 0; k < keys; k++) {
        transactions.publish(event(type, run, "k" + k, n));
      }
    }
    Map<String, List<Integer>> arrived =
        byKey(
            queues.receiveAll(
                "events",
                "run = '" + run + "'",
                (keys - 1) * perKey,
                Duration.ofSeconds(15),
                Duration.ofSeconds(60)));

    List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
    assertThat(arrived).hasSize(keys - 1).doesNotContainKey(poisoned);
    arrived.forEach((key, sequence) -> assertThat(sequence).as(key).isEqualTo(expected));
    assertThat(queues.waiting("events", "orderingKey = '" + poisoned + "'")).isZero();
    assertThat(table.countOfKey(poisoned, "PENDING") + table.countOfKey(poisoned, "DEAD"))
        .isEqualTo(perKey);
    // only its head was ever tried: a later event of a blocked key is never sent before it
    assertThat(table.attemptsOfHeadOfKey(poisoned)).isPositive();
    assertThat(table.attemptsAfterHeadOfKey(poisoned)).isZero();
  }

  @Test
  void transactionsOnOneKeyAreDeliveredInCommitOrder() throws Exception {
    String run = run();
    String type = "SameKey" + run;
    CountDownLatch firstPublished = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    Future<UUID> first =
        executor.submit(
            () ->
                transactions.publishAndHold(event(type, run, "k", 0), firstPublished, commitFirst));
    firstPublished.await();
    Future<UUID> second = executor.submit(() -> transactions.publish(event(type, run, "k", 1)));

    // the second transaction waits on the key's lock while the first is open
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !second.isDone());
    commitFirst.countDown();
    first.get();
    second.get();

    assertThat(
            byKey(
                queues.receiveAll(
                    "events",
                    "run = '" + run + "'",
                    2,
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(30))))
        .containsEntry(run + "-k", List.of(0, 1));
  }

  @Test
  void eventOfATransactionThatCommitsLateIsNotSkipped() throws Exception {
    String run = run();
    String type = "Gap" + run;
    CountDownLatch earlyPublished = new CountDownLatch(1);
    CountDownLatch commitEarly = new CountDownLatch(1);
    Future<UUID> early =
        executor.submit(
            () ->
                transactions.publishAndHold(
                    event(type, run, null, 0), earlyPublished, commitEarly));
    earlyPublished.await();
    UUID late =
        transactions.publish(event(type, run, null, 1)); // a higher sequence, committed first

    // relay passes run (every second) while the early transaction is still open; on Derby the relay
    // waits for the open row's lock, elsewhere it sends the committed event at once
    Optional<Queues.Received> lateFirst =
        queues.receive("events", "eventId = '" + late + "'", Duration.ofSeconds(2));
    commitEarly.countDown();
    UUID earlyId = early.get();

    assertThat(queues.receive("events", "eventId = '" + earlyId + "'", Duration.ofSeconds(15)))
        .isPresent();
    if (lateFirst.isEmpty()) {
      assertThat(queues.receive("events", "eventId = '" + late + "'", Duration.ofSeconds(15)))
          .isPresent();
    }
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static OutboxEvent event(String type, String run, String key, int n) {
    OutboxEvent.Builder builder = OutboxEvent.of(type, "{\"n\":" + n + "}").header("run", run);
    return (key == null ? builder : builder.orderingKey(run + "-" + key)).build();
  }

  private static Map<String, List<Integer>> byKey(List<Queues.Received> messages) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (Queues.Received message : messages) {
      JsonObject payload = Json.createReader(new StringReader(message.text())).readObject();
      byKey
          .computeIfAbsent(
              (String) message.property(MessageProperties.ORDERING_KEY), k -> new ArrayList<>())
          .add(payload.getInt("n"));
    }
    return byKey;
  }
}
