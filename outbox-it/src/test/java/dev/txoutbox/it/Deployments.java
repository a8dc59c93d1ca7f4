package dev.txoutbox.it;

import dev.txoutbox.it.faults.SendFaults;
import java.io.File;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Filters;
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
   * The component as an application packages it and a test web module with the given test classes,
   * the test helpers and a business persistence unit of its own. An EAR (outbox-ejb as built, an
   * EJB module, and outbox-health in lib/), or with -Dit.packaging=war (-Pwar) the test web module
   * alone with both jars, and the EAR's other libraries, in WEB-INF/lib.
   */
  static Archive<?> component(Class<?>... testClasses) {
    return packaged(ear(testClasses));
  }

  /** {@link #component} plus the fault injector, as a library the component sees. */
  static Archive<?> componentWithFaults(Class<?>... testClasses) {
    return packaged(ear(testClasses).addAsLibrary(faults()));
  }

  /** {@link #component} plus a library of its own. */
  static Archive<?> componentWith(JavaArchive library, Class<?>... testClasses) {
    return packaged(ear(testClasses).addAsLibrary(library));
  }

  /** {@link #component} with configuration of its own (a library above the server's keys). */
  static Archive<?> componentWithConfig(String properties, Class<?>... testClasses) {
    return componentWith(config(properties), testClasses);
  }

  private static EnterpriseArchive ear(Class<?>... testClasses) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, "outbox-test.war")
            .addClasses(testClasses)
            .addClasses(
                OutboxTable.class, OutboxTable.Row.class, Queues.class, Queues.Received.class)
            .addClasses(Ledger.class, LedgerEntry.class, Transactions.class)
            .addAsResource("business-persistence.xml", "META-INF/persistence.xml")
            .addAsWebInfResource(BEANS_ALL, "beans.xml");
    return ShrinkWrap.create(EnterpriseArchive.class, "outbox-test.ear")
        .addAsModule(ShrinkWrap.createFromZipFile(JavaArchive.class, file("outbox-ejb.jar")))
        .addAsModule(war)
        .addAsLibraries(file("outbox-health.jar"))
        .addAsLibraries(file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar"));
  }

  /** The EAR as it is, or its web module with the EJB module and the libraries in WEB-INF/lib. */
  private static Archive<?> packaged(EnterpriseArchive ear) {
    if (!"war".equals(System.getProperty("it.packaging"))) {
      return ear;
    }
    WebArchive war = ear.getAsType(WebArchive.class, "outbox-test.war");
    ear.getContent(Filters.include("/(lib/)?[^/]+\\.jar"))
        .forEach(
            (path, node) ->
                war.add(
                    node.getAsset(),
                    "WEB-INF/lib/" + path.get().substring(path.get().lastIndexOf('/') + 1)));
    return war;
  }

  private static JavaArchive faults() {
    return ShrinkWrap.create(JavaArchive.class, "send-faults.jar")
        .addClass(SendFaults.class)
        .addAsManifestResource(BEANS_ALL, "beans.xml");
  }

  private static JavaArchive config(String properties) {
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
    return ear(testClasses)
        .addAsModule(shipped.getAsType(WebArchive.class, "outbox-admin.war"))
        .addAsManifestResource(
            shipped.get("META-INF/ibm-application-bnd.xml").getAsset(), "ibm-application-bnd.xml");
  }

  /**
   * The component with the fault injector and configuration of its own, for tests that read the
   * server's health endpoints through {@link Endpoints}: their URL (from this JVM's it.health.url)
   * is a configuration key of the deployment, as is it.metrics.url when a test sets it. An EAR, as
   * {@link #component} builds it, on every server.
   */
  static Archive<?> monitored(String properties, Class<?>... testClasses) {
    String endpoints =
        "it.health.url="
            + System.getProperty("it.health.url", "http://localhost:9180/health")
            + "\n";
    EnterpriseArchive ear = ear(testClasses).addAsLibrary(faults());
    ear.getAsType(WebArchive.class, "outbox-test.war").addClasses(Endpoints.class);
    return packaged(ear.addAsLibrary(config(endpoints + properties)));
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
