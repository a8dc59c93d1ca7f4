package dev.txoutbox.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Dead;
import dev.txoutbox.lifecycle.OutboxLifecycle.Failed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Replayed;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import dev.txoutbox.lifecycle.OutboxLifecycle.Skipped;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifecycle events an application observes: an observer in the application's own web module
 * hears every change, in order, and one that throws changes nothing. Doomed events die after two
 * attempts (the test servers' configuration); the "full" destination refuses sends while a filler
 * message sits in it.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(LifecycleIT.class, Recorder.class);
  }

  /** The application's observer: records every change, and throws for events of type Grumpy. */
  @ApplicationScoped
  public static class Recorder {
    final List<OutboxLifecycle> heard = new CopyOnWriteArrayList<>();

    void on(@Observes OutboxLifecycle change) {
      heard.add(change);
      if (change.eventType().equals("Grumpy")) {
        throw new IllegalStateException("an observer that fails");
      }
    }

    List<OutboxLifecycle> of(UUID id) {
      return heard.stream().filter(c -> c.eventId().equals(id)).toList();
    }
  }

  @Inject Transactions transactions;
  @Inject Queues queues;
  @Inject OutboxAdmin admin;
  @Inject Recorder recorder;

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
  void sentCarriesTheAttemptAndThePublishToSendLatency() {
    UUID id = transactions.publish(OutboxEvent.of("Greeted", "{}").destination("events").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.of(id).isEmpty());
    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(5)))
        .isPresent();
    assertThat(recorder.of(id)).hasSize(1);
    Sent sent = (Sent) recorder.of(id).get(0);
    assertThat(sent.eventType()).isEqualTo("Greeted");
    assertThat(sent.destination()).isEqualTo("events");
    assertThat(sent.attempt()).isEqualTo(1);
    assertThat(sent.latency()).isBetween(Duration.ZERO, Duration.ofSeconds(10));
  }

  @Test
  void aDoomedEventFailsDiesIsReplayedAndIsSent() {
    UUID id = doomed();
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.of(id).size() == 2);
    Failed failed = (Failed) recorder.of(id).get(0);
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(failed.error()).isNotBlank();
    assertThat(failed.nextAttemptAt()).isNotNull();
    Dead dead = (Dead) recorder.of(id).get(1);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.destination()).isEqualTo("full");

    emptyTheQueue();
    assertThat(admin.replay(id)).isTrue();

    await().atMost(Duration.ofSeconds(15)).until(() -> recorder.of(id).size() == 4);
    assertThat(recorder.of(id).get(2)).isEqualTo(new Replayed(id, "Doomed", "full"));
    assertThat(recorder.of(id).get(3))
        .isInstanceOfSatisfying(Sent.class, s -> assertThat(s.attempt()).isEqualTo(1));
    assertThat(queues.receive("full", "eventId = '" + id + "'", Duration.ofSeconds(5))).isPresent();
  }

  @Test
  void skippingADeadEventIsHeardWithItsReason() {
    UUID id = doomed();
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.of(id).size() == 2);

    assertThat(admin.skip(id, "  the order was cancelled ")).isTrue();

    assertThat(recorder.of(id).get(2))
        .isEqualTo(new Skipped(id, "Doomed", "full", "the order was cancelled"));
    assertThat(admin.skip(id, "again")).as("only once").isFalse();
    assertThat(recorder.of(id)).hasSize(3);
  }

  @Test
  void anObserverThatThrowsChangesNothing() {
    UUID id = transactions.publish(OutboxEvent.of("Grumpy", "{}").destination("events").build());

    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(10)))
        .isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.event(id).isEmpty());
    assertThat(recorder.of(id)).hasSize(1).first().isInstanceOf(Sent.class);
  }

  private UUID doomed() {
    return transactions.publish(OutboxEvent.of("Doomed", "{}").destination("full").build());
  }
}
