package dev.txoutbox.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.testlab.client.Http;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad configuration value stops the deployment, and the server log names the key; the failed
 * deployment leaves none of its health checks registered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfigIT {

  @Deployment(testable = false)
  // any deployment failure; the test then checks that it is this one
  @ShouldThrowException
  static Archive<?> deployment() {
    JavaArchive badConfig =
        ShrinkWrap.create(JavaArchive.class, "bad-config.jar")
            .addAsManifestResource(
                new StringAsset("config_ordinal=200\noutbox.relay.batch-size=0\n"),
                "microprofile-config.properties");
    return Deployments.withLibraries(Deployments.component(), badConfig);
  }

  @Test
  void badValueStopsTheDeploymentNamingTheKey() throws Exception {
    String log = Files.readString(Path.of(System.getProperty("it.server.log")));

    assertThat(log)
        .contains(
            "txoutbox configuration key 'outbox.relay.batch-size': 0 is out of range:"
                + " use a whole number from 1 to 1000");
  }

  /**
   * WildFly 39 registers a deployment's health checks (outbox-health's, in the EAR's lib/ or the
   * WAR's WEB-INF/lib) while it validates the deployment, and never removes those of a deployment
   * that then fails: they would answer DOWN for ever. The component checks its configuration before
   * that.
   */
  @Test
  void failedDeploymentLeavesNoHealthCheck() throws Exception {
    String health = System.getProperty("it.health.url", "http://localhost:9180/health");
    HttpResponse<String> ready = Http.to(URI.create(health + "/")).get("ready");

    assertThat(ready.body()).startsWith("{").doesNotContain("txoutbox");
  }
}
