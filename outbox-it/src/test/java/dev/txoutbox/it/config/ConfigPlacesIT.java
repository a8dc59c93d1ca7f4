package dev.txoutbox.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.it.deployment.Deployments;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every place docs/configuration.md names for a user's {@code microprofile-config.properties}, each
 * without a {@code config_ordinal}: the component reads the key, and its startup log names the key,
 * the value and the file that set it. A file it cannot read (a web module's, in an EAR) is absent
 * from that log.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigPlacesIT {
  private static final String FILE = "microprofile-config.properties";

  /** An EAR: a jar in the EAR's lib/ (read), and the web module's own file (not read). */
  @Deployment(name = "ear-lib")
  static EnterpriseArchive earLib() {
    EnterpriseArchive ear = Deployments.ear("config-lib", ConfigPlacesIT.class);
    ear.getAsType(WebArchive.class, "config-lib.war")
        .addAsResource(new StringAsset("outbox.health.max-dead=4299\n"), "META-INF/" + FILE);
    return ear.addAsLibrary(
        ShrinkWrap.create(JavaArchive.class, "place-lib.jar")
            .addAsManifestResource(new StringAsset("outbox.health.max-dead=4201\n"), FILE));
  }

  /** An EAR: the user's own EJB module. */
  @Deployment(name = "ear-ejb")
  static EnterpriseArchive earEjb() {
    return Deployments.ear("config-ejb", ConfigPlacesIT.class)
        .addAsModule(
            ShrinkWrap.create(JavaArchive.class, "place-ejb.jar")
                .addClass(ConfigPlacesBean.class)
                .addAsManifestResource(new StringAsset("outbox.health.max-dead=4202\n"), FILE));
  }

  /** A WAR with the component in WEB-INF/lib: the WAR's own file (WEB-INF/classes/META-INF). */
  @Deployment(name = "war")
  static WebArchive war() {
    return Deployments.war("config-war", ConfigPlacesIT.class)
        .addAsResource(new StringAsset("outbox.health.max-dead=4203\n"), "META-INF/" + FILE);
  }

  @Inject OutboxConfig config;

  @Test
  @OperateOnDeployment("ear-lib")
  void earLibraryIsReadAndTheWebModulesFileIsNot() {
    assertThat(config.health().maxDead()).isEqualTo(4201);
  }

  @Test
  @OperateOnDeployment("ear-ejb")
  void usersEjbModuleIsRead() {
    assertThat(config.health().maxDead()).isEqualTo(4202);
  }

  @Test
  @OperateOnDeployment("war")
  void warsOwnFileIsRead() {
    assertThat(config.health().maxDead()).isEqualTo(4203);
  }

  @Test
  @RunAsClient
  @OperateOnDeployment("ear-lib")
  void startupLogNamesEachKeyWithItsSource() throws Exception {
    String log = Files.readString(Path.of(System.getProperty("it.server.log")));

    assertThat(log)
        .containsPattern("txoutbox: outbox.health.max-dead=4201 from [^\\n]*place-lib.jar")
        .containsPattern("txoutbox: outbox.health.max-dead=4202 from [^\\n]*place-ejb.jar")
        .containsPattern("txoutbox: outbox.health.max-dead=4203 from [^\\n]*WEB-INF/classes")
        // the test server's own keys (a server.xml variable, a WildFly config source)
        .contains("txoutbox: outbox.relay.interval=PT1S from ")
        .doesNotContain("max-dead=4299")
        .contains("txoutbox: configuration sources, highest ordinal first: ");
  }
}
