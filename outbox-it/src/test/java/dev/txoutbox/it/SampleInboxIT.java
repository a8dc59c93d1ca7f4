package dev.txoutbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.sample.users.Registrations;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample's consumer uses the inbox: a welcome event delivered twice sends one email. */
@ExtendWith(ArquillianExtension.class)
class SampleInboxIT {

  @Deployment
  static EnterpriseArchive deployment() {
    return Deployments.sampleWith(SampleInboxIT.class);
  }

  @Inject Registrations registrations;
  @Inject Queues queues;

  @Inject SampleTables tables;

  @Test
  void sameEventDeliveredTwiceSendsOneWelcomeEmail() {
    String email = "twice-" + UUID.randomUUID() + "@example.com";
    String userId = registrations.register("Twice", email).getId();
    await().atMost(Duration.ofSeconds(15)).until(() -> emailsTo(userId).size() == 1);
    String eventId = emailsTo(userId).get(0);

    String duplicate = UUID.randomUUID().toString();
    queues.send(
        "events",
        "UserRegistered",
        "{\"userId\":\"" + userId + "\",\"name\":\"Twice\",\"email\":\"" + email + "\"}",
        Map.of(MessageProperties.EVENT_ID, eventId, "copy", duplicate));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> queues.waiting("events", "copy = '" + duplicate + "'") == 0);
    assertThat(emailsTo(userId)).containsExactly(eventId);
  }

  private List<String> emailsTo(String userId) {
    return tables.welcomeEmailEventIds(userId);
  }
}
