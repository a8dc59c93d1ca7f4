package dev.txoutbox.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Endpoints;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import jakarta.json.JsonObject;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application's health checks go with it: deployed, undeployed, and another deployed after it,
 * the server lists each check once, UP. WildFly would otherwise keep calling the checks of an
 * undeployed application, which answer DOWN for ever (the reason an earlier outbox-health was taken
 * back out). Packaged as {@link Deployments#component} packages it: EARs as a user ships them, or
 * with -Pwar WARs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthRedeployIT {
  private static final String FIRST = "health-first";
  private static final String SECOND = "health-second";
  private static final String RELAY = "txoutbox-relay";
  private static final String BACKLOG = "txoutbox-backlog";

  @Deployment(name = FIRST, managed = false, testable = false)
  static Archive<?> first() {
    return Deployments.component(FIRST);
  }

  @Deployment(name = SECOND, managed = false, testable = false)
  static Archive<?> second() {
    return Deployments.component(SECOND);
  }

  @ArquillianResource Deployer deployer;

  @Test
  void anUndeployedApplicationLeavesNoCheckBehind() throws Exception {
    deployer.deploy(FIRST);
    try {
      assertListedOnceAndUp();
    } finally {
      deployer.undeploy(FIRST);
    }
    assertThat(Endpoints.named(answer("live"), RELAY)).isEmpty();
    assertThat(Endpoints.named(answer("ready"), BACKLOG)).isEmpty();

    deployer.deploy(SECOND);
    try {
      assertListedOnceAndUp();
    } finally {
      deployer.undeploy(SECOND);
    }
  }

  private static void assertListedOnceAndUp() throws Exception {
    JsonObject live = answer("live");
    assertThat(Endpoints.named(live, RELAY)).as(live.toString()).hasSize(1);
    assertThat(live.getString("status")).as(live.toString()).isEqualTo("UP");
    JsonObject ready = answer("ready");
    assertThat(Endpoints.named(ready, BACKLOG)).as(ready.toString()).hasSize(1);
    assertThat(Endpoints.named(ready, BACKLOG).get(0).getString("status"))
        .as(ready.toString())
        .isEqualTo("UP");
  }

  private static JsonObject answer(String probe) throws Exception {
    String health = System.getProperty("it.health.url", "http://localhost:9180/health");
    return JsonText.object(Http.to(URI.create(health + "/")).get(probe).body());
  }
}
