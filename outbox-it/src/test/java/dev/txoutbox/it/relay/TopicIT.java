package dev.txoutbox.it.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A logical destination mapped to a topic (user-events, server-config): the relay publishes to it,
 * and each of two independent subscriptions receives the event once.
 */
@ExtendWith(ArquillianExtension.class)
class TopicIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(TopicIT.class);
  }

  @Inject Transactions transactions;
  @Inject Queues queues;

  @Test
  void anEventOnATopicReachesEachSubscriptionOnce() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String selector = "run = '" + run + "'";
    try (Queues.Subscription audit = queues.subscribe("user-events", "audit-" + run, selector);
        Queues.Subscription mail = queues.subscribe("user-events", "mail-" + run, selector)) {
      UUID id =
          transactions.publish(
              OutboxEvent.of("Topical" + run, "{}")
                  .destination("user-events")
                  .header("run", run)
                  .build());

      for (Queues.Subscription subscription : new Queues.Subscription[] {audit, mail}) {
        // a second copy would follow the first at once (a redelivery) or after a retry's delay,
        // which the quiet window outlasts (the suite's outbox.retry.initial-delay)
        assertThat(subscription.receiveAll(Duration.ofSeconds(10), Duration.ofSeconds(3)))
            .extracting(m -> m.property(MessageProperties.EVENT_ID))
            .containsExactly(id.toString());
      }
    }
  }
}
