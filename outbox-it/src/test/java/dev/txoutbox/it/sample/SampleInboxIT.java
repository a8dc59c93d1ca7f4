package dev.txoutbox.it.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.sample.users.RegisteredUser;
import dev.txoutbox.sample.users.Registrations;
import dev.txoutbox.testlab.fixture.Queues;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's two subscribers of user-events use the inbox, each under its own name: an event
 * delivered twice sends one welcome email and writes one audit entry.
 */
@ExtendWith(ArquillianExtension.class)
class SampleInboxIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.sampleWith(SampleInboxIT.class, SampleTables.class);
  }

  @Inject Registrations registrations;
  @Inject Queues queues;

  @Inject SampleTables tables;

  @Test
  void sameEventDeliveredTwiceIsHandledOnceByEachSubscriber() {
    RegisteredUser user = registeredOnBothSubscriptions();
    String userId = user.id();
    String email = user.email();
    String eventId = tables.welcomeEmailEventIds(userId).get(0);
    assertThat(tables.auditEventIds(userId)).containsExactly(eventId);

    // the copy, then a marker in the same group: each subscription hands a group's messages to one
    // consumer in order (the only consumer, on Liberty's engine), so once both subscribers recorded
    // the marker they have handled the copy
    publish(userId, email, eventId, userId);
    String marker = UUID.randomUUID().toString(); // a user id that no registration made
    publish(marker, email, UUID.randomUUID().toString(), userId);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tables.welcomeEmailEventIds(marker).size() == 1
                    && tables.auditEventIds(marker).size() == 1);
    assertThat(tables.welcomeEmailEventIds(userId)).containsExactly(eventId);
    assertThat(tables.auditEventIds(userId)).containsExactly(eventId);
  }

  /**
   * Registers a user whose event reached both subscribers, and answers its id. A durable
   * subscription exists from its MDB's first activation, which Artemis's resource adapter completes
   * after the deployment: on a new broker the first events may find no subscription, and a user is
   * registered again.
   */
  private RegisteredUser registeredOnBothSubscriptions() {
    for (int attempt = 1; ; attempt++) {
      RegisteredUser user =
          registrations.register("Twice", "twice-" + UUID.randomUUID() + "@example.com");
      String userId = user.id();
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    tables.welcomeEmailEventIds(userId).size() == 1
                        && tables.auditEventIds(userId).size() == 1);
        return user;
      } catch (ConditionTimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Publishes a UserRegistered message to the topic as the relay would, in the group {@code group}.
   */
  private void publish(String userId, String email, String eventId, String group) {
    queues.send(
        "user-events",
        "UserRegistered",
        "{\"userId\":\"" + userId + "\",\"name\":\"Twice\",\"email\":\"" + email + "\"}",
        Map.of(
            MessageProperties.EVENT_ID,
            eventId,
            MessageProperties.AGGREGATE_ID,
            userId,
            MessageProperties.CREATED_AT,
            Long.toString(System.currentTimeMillis()),
            "JMSXGroupID",
            group));
  }
}
