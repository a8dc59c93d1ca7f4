package dev.txoutbox.it.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-key order with competing consumers, on Artemis (embedded in WildFly, or external): the relay
 * sets JMSXGroupID to the ordering key, so the broker hands all of a key's events to one consumer,
 * in seq order, while the keys spread over the consumers. Liberty's engine has no message groups
 * (its MDB keeps a single consumer): not run there (outbox-it's failsafe excludes).
 */
@ExtendWith(ArquillianExtension.class)
class MessageGroupsIT {
  private static final Logger LOG = Logger.getLogger(MessageGroupsIT.class.getName());
  private static final int CONSUMERS = 4;
  private static final int KEYS = 20;
  private static final int PER_KEY = 100;

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(MessageGroupsIT.class);
  }

  @Inject Transactions transactions;
  @Inject Queues queues;

  @Resource ManagedExecutorService executor;

  @Test
  void eachKeyGoesToOneOfFourConsumersInSeqOrder() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CountDownLatch attached = new CountDownLatch(CONSUMERS);
    AtomicInteger together = new AtomicInteger();
    List<Future<List<Queues.Received>>> consumers = new ArrayList<>();
    for (int c = 0; c < CONSUMERS; c++) {
      consumers.add(
          executor.submit(
              () ->
                  queues.receiveShare(
                      "events",
                      "run = '" + run + "'",
                      together,
                      KEYS * PER_KEY,
                      Duration.ofSeconds(15),
                      Duration.ofSeconds(240),
                      attached)));
    }
    assertThat(attached.await(30, TimeUnit.SECONDS)).as("consumers attached").isTrue();
    long start = System.nanoTime();

    for (int n = 0; n < PER_KEY; n++) {
      for (int k = 0; k < KEYS; k++) {
        transactions.publish(
            OutboxEvent.of("Grouped" + run, "{\"n\":" + n + "}")
                .header("run", run)
                .orderingKey(run + "-k" + k)
                .build());
      }
    }
    Map<String, Integer> consumerOfKey = new HashMap<>();
    Set<String> keysOnSeveralConsumers = new HashSet<>();
    int violations = 0;
    int received = 0;
    int busyConsumers = 0;
    for (int c = 0; c < CONSUMERS; c++) {
      List<Queues.Received> messages = consumers.get(c).get();
      received += messages.size();
      busyConsumers += messages.isEmpty() ? 0 : 1;
      Map<String, Integer> last = new LinkedHashMap<>();
      for (Queues.Received message : messages) {
        String key = (String) message.property(MessageProperties.ORDERING_KEY);
        int n = Json.createReader(new StringReader(message.text())).readObject().getInt("n");
        if (consumerOfKey.getOrDefault(key, c) != c) {
          keysOnSeveralConsumers.add(key);
        }
        consumerOfKey.put(key, c);
        if (n != last.getOrDefault(key, -1) + 1) {
          violations++;
        }
        last.put(key, n);
      }
    }
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    int total = received;
    int violated = violations;
    LOG.info(
        () ->
            "message groups: "
                + CONSUMERS
                + " consumers, "
                + KEYS
                + " keys, "
                + total
                + " events in "
                + seconds
                + " s, "
                + violated
                + " order violations, keys on several consumers: "
                + keysOnSeveralConsumers);

    assertThat(received).isEqualTo(KEYS * PER_KEY);
    assertThat(keysOnSeveralConsumers).as("keys delivered to more than one consumer").isEmpty();
    assertThat(violations).as("events out of seq order within their key").isZero();
    assertThat(busyConsumers).as("consumers that received keys").isGreaterThan(1);
  }
}
