package dev.txoutbox.it.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The message format outside Java: Artemis's own command line ({@code artemis browser} of the
 * unpacked distribution) reads an event the relay sent to the external broker, and shows its id,
 * type, ordering key and sequence as properties and its payload as the body. Run by the artemis
 * profile only (the deployment carries the distribution's place and the broker's address).
 */
@ExtendWith(ArquillianExtension.class)
class ArtemisCliIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.componentWithConfig(
        "it.broker="
            + System.getProperty("it.broker", "embedded")
            + "\nit.artemis.home="
            + System.getProperty("it.artemis.home", "none")
            + "\nit.artemis.url="
            + System.getProperty("it.artemis.url", "none")
            + "\nit.artemis.user="
            + System.getProperty("it.artemis.user", "none")
            + "\nit.artemis.password="
            + System.getProperty("it.artemis.password", "none")
            + "\n",
        ArtemisCliIT.class);
  }

  @Inject Transactions transactions;
  @Inject Queues queues;

  @Test
  void artemisBrowserShowsTheEventsPropertiesAndPayload() {
    Config config = ConfigProvider.getConfig();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String key = "cli-" + run;
    UUID id =
        transactions.publish(
            OutboxEvent.of("CliRead" + run, "{\"run\":\"" + run + "\"}").orderingKey(key).build());
    String filter = MessageProperties.EVENT_ID + "='" + id + "'";

    String[] output = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              output[0] = browse(config, filter);
              return output[0].contains("browsed: 1 messages");
            });

    assertThat(output[0])
        .contains(MessageProperties.EVENT_ID + "=" + id)
        .contains(MessageProperties.ORDERING_KEY + "=" + key)
        .contains(MessageProperties.SEQUENCE + "=")
        .contains("CliRead" + run)
        .contains("{\"run\":\"" + run + "\"}");
    queues.receive("events", filter, Duration.ofSeconds(5)); // leave the queue as it was
  }

  private static String browse(Config config, String filter)
      throws IOException, InterruptedException {
    String home = config.getValue("it.artemis.home", String.class);
    Process process =
        new ProcessBuilder(
                List.of(
                    "bash",
                    home + "/bin/artemis",
                    "browser",
                    "--destination",
                    "queue://txoutbox.events",
                    "--filter",
                    filter,
                    "--message-count",
                    "1",
                    "--url",
                    config.getValue("it.artemis.url", String.class),
                    "--user",
                    config.getValue("it.artemis.user", String.class),
                    "--password",
                    config.getValue("it.artemis.password", String.class),
                    "--verbose"))
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("artemis browser did not finish in 60 s");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
