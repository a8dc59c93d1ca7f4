package dev.txoutbox.it.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.it.deployment.SendFaults;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Completion is fenced by the claim: a relay whose claim another relay took over (its lease ran out
 * while it was stalled) sends what it had, but completes nothing. The other relay is played by the
 * test, which takes the row over while the server's relay is held in its send. At least once,
 * whatever the server's mode: this is where an unfenced completion would delete a row that another
 * relay holds (exactly-once mode marks before it sends; DrainTest covers its lapsed leases).
 */
@ExtendWith(ArquillianExtension.class)
class FencingIT {
  private static final String OTHER_RELAY = "other-node/" + UUID.randomUUID();

  @Deployment
  static Archive<?> deployment() {
    return Deployments.componentWithFaults(FencingIT.class);
  }

  @Inject SendFaults faults;
  @Inject Transactions transactions;
  @Inject OutboxTable table;
  @Inject Queues queues;

  @Inject
  @ConfigProperty(name = "outbox.delivery.mode")
  String mode;

  @AfterEach
  void releaseTheRelay() {
    faults.clear();
  }

  @Test
  void aRelayWhoseClaimWasTakenOverCompletesNothing() {
    String type = "Fenced" + UUID.randomUUID().toString().substring(0, 8);
    faults.hold(type);
    UUID id = transactions.publish(OutboxEvent.of(type, "{}").build());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> table.find(id).map(r -> r.claimedBy() != null).orElse(false));

    assertThat(table.takeOver(id, OTHER_RELAY)).isOne();
    faults.release(); // the stalled relay goes on, under a claim it no longer holds

    boolean exactlyOnce = mode.equals("exactly-once");
    Optional<Queues.Received> sent =
        queues.receive(
            "events", "eventId = '" + id + "'", Duration.ofSeconds(exactlyOnce ? 3 : 15));
    assertThat(sent.isPresent())
        .as("sent by the relay whose claim was taken over, in " + mode)
        .isEqualTo(!exactlyOnce);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> table.find(id).map(OutboxTable.Row::claimedBy), is(OTHER_RELAY));
    assertThat(table.find(id).orElseThrow().status()).isEqualTo("PENDING");

    // the other relay gives the row up unsent: it is due again, and this relay sends it again;
    // Artemis drops this copy of a message it has seen (its duplicate id is the event id)
    table.giveBack(id);
    boolean dropped = !exactlyOnce && queues.onArtemis();
    Optional<Queues.Received> again =
        queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(dropped ? 3 : 15));
    if (dropped) {
      assertThat(again).as("a copy of what the held relay sent, on Artemis").isEmpty();
    } else {
      assertThat(again).as("the event, sent again").isPresent();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(id).isEmpty());
  }

  private static org.hamcrest.Matcher<Optional<String>> is(String token) {
    return org.hamcrest.Matchers.equalTo(Optional.of(token));
  }
}
