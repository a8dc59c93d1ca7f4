package dev.txoutbox.it;

import dev.txoutbox.it.faults.SendFaults;
import java.io.File;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one place that builds what the integration tests deploy. */
final class Deployments {
  private static final Path DIR =
      Path.of(System.getProperty("it.deployments", "target/deployments"));

  private static final StringAsset BEANS_ALL =
      new StringAsset(
          "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
              + " bean-discovery-mode=\"all\"/>");

  private Deployments() {}

  /**
   * The component (the outbox-ejb jar as built) and a test web module with the given test classes,
   * the test helpers and a business persistence unit of its own.
   */
  static EnterpriseArchive component(Class<?>... testClasses) {
    return component("outbox-test", testClasses);
  }

  /**
   * {@link #component(Class...)} as {@code <name>.ear} with its web module {@code <name>.war}, for
   * a test class that deploys several applications side by side.
   */
  static EnterpriseArchive component(String name, Class<?>... testClasses) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, name + ".war")
            .addClasses(testClasses)
            .addClasses(
                OutboxTable.class, OutboxTable.Row.class, Queues.class, Queues.Received.class)
            .addClasses(Ledger.class, LedgerEntry.class, Transactions.class)
            .addAsResource("business-persistence.xml", "META-INF/persistence.xml")
            .addAsWebInfResource(BEANS_ALL, "beans.xml");
    return ShrinkWrap.create(EnterpriseArchive.class, name + ".ear")
        .addAsModule(ShrinkWrap.createFromZipFile(JavaArchive.class, file("outbox-ejb.jar")))
        .addAsModule(war)
        .addAsLibraries(file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar"));
  }

  /**
   * The component packaged as a user's WAR: outbox-ejb in WEB-INF/lib, the given test classes and
   * the test helpers in WEB-INF/classes.
   */
  static WebArchive componentInWar(String name, Class<?>... testClasses) {
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addClasses(testClasses)
        .addClasses(OutboxTable.class, OutboxTable.Row.class, Queues.class, Queues.Received.class)
        .addClasses(Ledger.class, LedgerEntry.class, Transactions.class)
        .addAsResource("business-persistence.xml", "META-INF/persistence.xml")
        .addAsWebInfResource(BEANS_ALL, "beans.xml")
        .addAsLibraries(file("outbox-ejb.jar"))
        .addAsLibraries(file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar"));
  }

  /** {@link #component} plus the fault injector, as an EAR library the component's module sees. */
  static EnterpriseArchive componentWithFaults(Class<?>... testClasses) {
    return component(testClasses).addAsLibrary(faults());
  }

  private static JavaArchive faults() {
    return ShrinkWrap.create(JavaArchive.class, "send-faults.jar")
        .addClass(SendFaults.class)
        .addAsManifestResource(BEANS_ALL, "beans.xml");
  }

  /** {@link #component} with configuration of its own (an EAR library above the server's keys). */
  static EnterpriseArchive componentWithConfig(String properties, Class<?>... testClasses) {
    return component(testClasses).addAsLibrary(config(properties));
  }

  /** Configuration of a test application's own: an EAR library above the server's keys. */
  static JavaArchive config(String properties) {
    return ShrinkWrap.create(JavaArchive.class, "test-config.jar")
        .addAsManifestResource(
            new StringAsset("config_ordinal=700\n" + properties), "microprofile-config.properties");
  }

  /**
   * {@link #component} plus the admin module as outbox-ear packages it: its web module at
   * /outbox-admin, and the EAR's role binding (META-INF/ibm-application-bnd.xml, for Open Liberty).
   */
  static EnterpriseArchive componentWithAdmin(Class<?>... testClasses) {
    EnterpriseArchive shipped = sample();
    return component(testClasses)
        .addAsModule(shipped.getAsType(WebArchive.class, "outbox-admin.war"))
        .addAsManifestResource(
            shipped.get("META-INF/ibm-application-bnd.xml").getAsset(), "ibm-application-bnd.xml");
  }

  /**
   * The component with the fault injector and configuration of its own, for tests that read the
   * server's health and metrics endpoints through {@link Endpoints}: their URLs (from this JVM's
   * it.health.url and it.metrics.url) are configuration keys of the deployment. An EAR, as {@link
   * #component} builds it; on WildFly a WAR with the component in WEB-INF/lib instead, because
   * WildFly registers the health checks of a top-level deployment and of an EAR's lib/ only, never
   * those of an EAR's modules.
   */
  static Archive<?> monitored(String properties, Class<?>... testClasses) {
    String endpoints =
        "it.health.url="
            + System.getProperty("it.health.url", "http://localhost:9180/health")
            + "\nit.metrics.url="
            + System.getProperty("it.metrics.url", "http://localhost:9180/metrics")
            + "\n";
    JavaArchive config =
        ShrinkWrap.create(JavaArchive.class, "test-config.jar")
            .addAsManifestResource(
                new StringAsset("config_ordinal=700\n" + endpoints + properties),
                "microprofile-config.properties");
    if (!"wildfly".equals(System.getProperty("arquillian.launch"))) {
      EnterpriseArchive ear = componentWithFaults(testClasses);
      ear.getAsType(WebArchive.class, "outbox-test.war").addClasses(Endpoints.class);
      return ear.addAsLibrary(config);
    }
    return ShrinkWrap.create(WebArchive.class, "outbox-test.war")
        .addClasses(testClasses)
        .addClasses(Endpoints.class, OutboxTable.class, OutboxTable.Row.class, Transactions.class)
        .addClasses(Queues.class, Queues.Received.class)
        .addAsWebInfResource(BEANS_ALL, "beans.xml")
        .addAsLibraries(file("outbox-ejb.jar"))
        .addAsLibraries(faults(), config)
        .addAsLibraries(file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar"));
  }

  /**
   * The sample application as outbox-ear packages it, with the given test classes added to its web
   * module (so that they run in-container, beside the sample's beans).
   */
  static EnterpriseArchive sampleWith(Class<?>... testClasses) {
    EnterpriseArchive ear = sample();
    WebArchive war = ear.getAsType(WebArchive.class, "sample.war");
    ear.delete("sample.war");
    war.addClasses(testClasses).addClasses(Queues.class, Queues.Received.class, SampleTables.class);
    // the EAR has two web modules (sample and outbox-admin): Arquillian runs the tests in this one
    return ear.addAsModule(Testable.archiveToTest(war))
        .addAsLibraries(file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar"));
  }

  /** The sample application exactly as outbox-ear packages it. */
  static EnterpriseArchive sample() {
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file("txoutbox.ear"));
  }

  private static File file(String name) {
    File file = DIR.resolve(name).toFile();
    if (!file.isFile()) {
      throw new IllegalStateException(
          file + " is missing: run the tests through Maven (./mvnw verify)");
    }
    return file;
  }
}
