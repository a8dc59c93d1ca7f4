package dev.txoutbox.it.deployment;

import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import java.io.File;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds what the Arquillian tests deploy: the component or the sample, with the
 * test classes and the beans every test module carries (this package's {@link OutboxTable}, {@link
 * Ledger}, and the lab's {@link Queues} and {@link Transactions}).
 */
public final class Deployments {
  private static final Path DIR =
      Path.of(System.getProperty("it.deployments", "target/deployments"));

  private static final StringAsset BEANS_ALL =
      new StringAsset(
          "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
              + " bean-discovery-mode=\"all\"/>");

  private Deployments() {}

  /**
   * The component and a test web module with the given test classes, the test helpers and a
   * business persistence unit of its own, packaged as the build says (it.packaging): an EAR with
   * outbox-ejb as its EJB module ({@link #ear}), or, with -Pwar, a WAR with outbox-ejb in
   * WEB-INF/lib ({@link #war}). Either way the test classes are in outbox-test.war, at
   * /outbox-test.
   */
  public static Archive<?> component(Class<?>... testClasses) {
    return component("outbox-test", testClasses);
  }

  /** {@link #component(Class...)} as {@code <name>.ear} or {@code <name>.war}. */
  public static Archive<?> component(String name, Class<?>... testClasses) {
    return inWar() ? war(name, testClasses) : ear(name, testClasses);
  }

  /** True when the build packages the component in WARs (-Pwar). */
  public static boolean inWar() {
    return "war".equals(System.getProperty("it.packaging", "ear"));
  }

  /**
   * The component in an EAR as a user ships it, whatever the build's packaging: {@code <name>.ear}
   * with outbox-ejb as its EJB module, its health checks (outbox-health) in lib/ and a web module
   * {@code <name>.war} with the test classes.
   */
  public static EnterpriseArchive ear(String name, Class<?>... testClasses) {
    return ShrinkWrap.create(EnterpriseArchive.class, name + ".ear")
        .addAsModule(ShrinkWrap.createFromZipFile(JavaArchive.class, file("outbox-ejb.jar")))
        .addAsModule(testWar(name, testClasses))
        .addAsLibraries(file("outbox-health.jar"))
        .addAsLibraries(testLibraries());
  }

  /**
   * The component packaged as a user's WAR, whatever the build's packaging: outbox-ejb and
   * outbox-health in WEB-INF/lib, the given test classes and the test helpers in WEB-INF/classes.
   */
  public static WebArchive war(String name, Class<?>... testClasses) {
    return testWar(name, testClasses)
        .addAsLibraries(file("outbox-ejb.jar"), file("outbox-health.jar"))
        .addAsLibraries(testLibraries());
  }

  private static WebArchive testWar(String name, Class<?>... testClasses) {
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addClasses(testClasses)
        .addClasses(OutboxTable.class, OutboxTable.Row.class, Queues.class, Queues.Received.class)
        .addClasses(Ledger.class, LedgerEntry.class, Transactions.class)
        .addAsResource("business-persistence.xml", "META-INF/persistence.xml")
        .addAsWebInfResource(BEANS_ALL, "beans.xml");
  }

  private static File[] testLibraries() {
    return new File[] {file("assertj-core.jar"), file("awaitility.jar"), file("hamcrest.jar")};
  }

  /**
   * Adds libraries to an application of {@link #component}: to the EAR's lib/, which its modules
   * see, or to the WAR's WEB-INF/lib.
   */
  public static Archive<?> withLibraries(Archive<?> application, Archive<?>... libraries) {
    if (application instanceof WebArchive war) {
      return war.addAsLibraries(libraries);
    }
    return ((EnterpriseArchive) application).addAsLibraries(libraries);
  }

  /** {@link #component} plus the fault injector, as a library the component sees. */
  public static Archive<?> componentWithFaults(Class<?>... testClasses) {
    return withLibraries(component(testClasses), faults());
  }

  private static JavaArchive faults() {
    return ShrinkWrap.create(JavaArchive.class, "send-faults.jar")
        .addClass(SendFaults.class)
        .addAsManifestResource(BEANS_ALL, "beans.xml");
  }

  /** {@link #component} with configuration of its own (a library above the server's keys). */
  public static Archive<?> componentWithConfig(String properties, Class<?>... testClasses) {
    return withLibraries(component(testClasses), config(properties));
  }

  /** Configuration of a test application's own: a library above the server's keys. */
  public static JavaArchive config(String properties) {
    return ShrinkWrap.create(JavaArchive.class, "test-config.jar")
        .addAsManifestResource(
            new StringAsset("config_ordinal=700\n" + properties), "microprofile-config.properties");
  }

  /**
   * {@link #component} plus the admin module: in an EAR as outbox-ear packages it, its web module
   * at /outbox-admin and the EAR's role binding (META-INF/ibm-application-bnd.xml, for Open
   * Liberty); in a WAR its jar (outbox-admin's classifier lib) in WEB-INF/lib, at
   * /outbox-test/outbox-admin ({@link #adminPath}), with outbox-admin's WEB-INF/jboss-web.xml (for
   * WildFly). Open Liberty gives a standalone WAR's role to the group of the same name.
   */
  public static Archive<?> componentWithAdmin(Class<?>... testClasses) {
    EnterpriseArchive shipped = sampleEar();
    WebArchive admin = shipped.getAsType(WebArchive.class, "outbox-admin.war");
    if (inWar()) {
      return war("outbox-test", testClasses)
          .addAsLibraries(file("outbox-admin-lib.jar"))
          .addAsWebInfResource(admin.get("WEB-INF/jboss-web.xml").getAsset(), "jboss-web.xml");
    }
    return ear("outbox-test", testClasses)
        .addAsModule(admin)
        .addAsManifestResource(
            shipped.get("META-INF/ibm-application-bnd.xml").getAsset(), "ibm-application-bnd.xml");
  }

  /** The admin module's path on the server, from the root: the console's, its API below it. */
  public static String adminPath() {
    return inWar() ? "outbox-test/outbox-admin/" : "outbox-admin/";
  }

  /**
   * The component with the fault injector and configuration of its own, for tests that read the
   * server's health endpoint through {@link Endpoints}: its URL (from this JVM's it.health.url) is
   * a configuration key of the deployment. Packaged as {@link #component} packages it: an EAR as a
   * user ships it, with one web module, or with -Pwar a WAR.
   */
  public static Archive<?> monitored(String properties, Class<?>... testClasses) {
    String endpoints =
        "it.health.url="
            + System.getProperty("it.health.url", "http://localhost:9180/health")
            + "\n";
    Archive<?> application = withEndpoints(component(testClasses));
    return withLibraries(application, faults(), config(endpoints + properties));
  }

  /** {@code application}, an application of {@link #component}, with {@link Endpoints}. */
  public static Archive<?> withEndpoints(Archive<?> application) {
    testModule(application, "outbox-test").addClasses(Endpoints.CLASSES);
    return application;
  }

  /** The web module of an application of {@link #component} that holds the test classes. */
  private static WebArchive testModule(Archive<?> application, String name) {
    if (application instanceof WebArchive war) {
      return war;
    }
    return application.getAsType(WebArchive.class, name + ".war");
  }

  /**
   * The sample application as the build packages it ({@link #sample}), with the given test classes
   * and {@link Queues} added to its web module (so that they run in-container, beside the sample's
   * beans).
   */
  public static Archive<?> sampleWith(Class<?>... testClasses) {
    if (inWar()) {
      return sampleWar()
          .addClasses(testClasses)
          .addClasses(Queues.class, Queues.Received.class)
          .addAsLibraries(testLibraries());
    }
    return sampleEarWith(testClasses);
  }

  /** {@link #sampleWith} in the sample's EAR, whatever the build's packaging. */
  public static EnterpriseArchive sampleEarWith(Class<?>... testClasses) {
    EnterpriseArchive ear = sampleEar();
    WebArchive war = ear.getAsType(WebArchive.class, "sample.war");
    ear.delete("sample.war");
    war.addClasses(testClasses).addClasses(Queues.class, Queues.Received.class);
    // the EAR has two web modules (sample and outbox-admin): Arquillian runs the tests in this one
    return ear.addAsModule(Testable.archiveToTest(war)).addAsLibraries(testLibraries());
  }

  /**
   * The sample application exactly as the build packages it: outbox-ear's txoutbox.ear, or with
   * -Pwar sample-war's self-contained WAR (deployed as sample.war, at /sample either way).
   */
  public static Archive<?> sample() {
    return inWar() ? sampleWar() : sampleEar();
  }

  /** The sample application exactly as outbox-ear packages it. */
  public static EnterpriseArchive sampleEar() {
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file("txoutbox.ear"));
  }

  /** The sample application as one WAR, outbox-ejb in its WEB-INF/lib (sample-war's standalone). */
  public static WebArchive sampleWar() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, file("sample.war"));
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
