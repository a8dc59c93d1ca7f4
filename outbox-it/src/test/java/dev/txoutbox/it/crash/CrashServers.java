package dev.txoutbox.it.crash;

import dev.txoutbox.it.crash.app.CrashApplication;
import dev.txoutbox.it.crash.app.CrashConsumer;
import dev.txoutbox.it.crash.app.CrashResource;
import dev.txoutbox.it.crash.app.CrashTables;
import dev.txoutbox.it.crash.app.HaltingXADataSources;
import dev.txoutbox.it.crash.app.Halts;
import dev.txoutbox.it.crash.app.Orders;
import dev.txoutbox.testlab.server.LibertyNode;
import dev.txoutbox.testlab.server.Node;
import dev.txoutbox.testlab.server.TestDatabase;
import dev.txoutbox.testlab.server.TestEar;
import dev.txoutbox.testlab.server.WildFlyNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The servers of the crash suite, one per delivery mode, each fresh: an Open Liberty server, or a
 * WildFly with {@code -Pwildfly}, on this run's database and broker, with the relay's timings of
 * the suite, the crash EAR (the order application of {@code app}, its halts) and, in exactly-once
 * mode, the XA datasource that halts in its commit. Their ports: HTTP {@code it.crash.http.port}
 * (9680) and JMS {@code it.crash.jms.port} (7690) for Liberty, each with its SSL port one above;
 * WildFly's every port shifted by {@code it.crash.wildfly.port-offset} (1160: HTTP 9240, management
 * 11150).
 */
final class CrashServers {
  private static final Duration LEASE = Duration.ofSeconds(10);

  private final Path target;
  private final TestDatabase db;
  private final ExternalBroker artemis;
  private final boolean wildFly;
  private final int httpPort = Integer.getInteger("it.crash.http.port", 9680);
  private final int jmsPort = Integer.getInteger("it.crash.jms.port", 7690);
  private final int wildFlyPortOffset = Integer.getInteger("it.crash.wildfly.port-offset", 1160);
  private final Path ear;
  private final Path haltingJar;

  /**
   * Builds the crash EAR and the halting datasources' jar into {@code target/crash}; {@code
   * artemis}: the external broker of this run, or null for the server's own.
   */
  CrashServers(Path target, TestDatabase db, ExternalBroker artemis, boolean wildFly)
      throws IOException {
    this.target = target;
    this.db = db;
    this.artemis = artemis;
    this.wildFly = wildFly;
    this.ear =
        TestEar.named(
                "crash",
                Path.of(System.getProperty("it.deployments", "target/deployments"))
                    .resolve("outbox-ejb.jar"))
            .web(
                CrashApplication.class,
                CrashResource.class,
                Orders.class,
                CrashTables.class,
                CrashConsumer.class)
            .messageDriven(
                "CrashConsumer",
                "crash/consumer",
                // WildFly takes the load's orders faster than Liberty, and two sessions fell
                // behind them for good
                Map.of(
                    "destinationLookup",
                    "java:/jms/txoutbox/events",
                    "destinationType",
                    "jakarta.jms.Queue",
                    "maxSession",
                    "8"))
            .library("halts", Halts.class)
            .exportTo(target.resolve("crash/crash.ear"));
    this.haltingJar = target.resolve("crash/halting-xa.jar");
    ShrinkWrap.create(JavaArchive.class, "halting-xa.jar")
        .addClass(HaltingXADataSources.class)
        .as(ZipExporter.class)
        .exportTo(haltingJar.toFile(), true);
  }

  /**
   * A fresh server directory (and so a fresh Derby database) for one mode, named after it: {@code
   * crash-at-least-once}, {@code crash-exactly-once}, so that each mode's logs stay.
   */
  Node node(String mode) throws Exception {
    return wildFly ? wildFlyNode(mode) : libertyNode(mode);
  }

  private LibertyNode libertyNode(String mode) throws IOException {
    LibertyNode node =
        new LibertyNode(target.resolve("liberty/wlp"), "crash-" + mode, httpPort, "/crash/api");
    boolean exactlyOnce = mode.equals("exactly-once");
    Map<String, String> bootstrap = new HashMap<>(db.bootstrap(httpPort, jmsPort));
    if (artemis != null) {
      bootstrap.putAll(artemis.bootstrap());
    }
    node.create(
        Path.of(System.getProperty("it.server-config")),
        bootstrap,
        "<server>"
            + variable("outbox.relay.node-id", "crash-" + mode)
            + variable("outbox.delivery.mode", mode)
            + variable("outbox.relay.interval", "PT1S")
            + variable("outbox.relay.lease", LEASE.toString())
            + variable("outbox.retry.initial-delay", "PT0.2S")
            + variable("outbox.retry.max-delay", "PT2S")
            + variable("outbox.retry.max-attempts", "1000")
            + "<logging maxFiles=\"100\"/>" // every start's log, for the recovery count
            + consumer()
            + "</server>",
        ear);
    if (exactlyOnce) {
      Files.copy(haltingJar, node.file("halting-xa.jar"));
      Files.writeString(node.file("datasources/" + db.kind() + ".xml"), haltingDataSource());
    }
    return node;
  }

  /**
   * A fresh WildFly for one mode, {@code target/wildfly-crash/crash-<mode>}, copied from the
   * build's (server-config's configure.cli and test.cli): server-config's datasource script of the
   * mode on this run's database (in exactly-once mode the XA one, with its driver's class swapped
   * for {@link HaltingXADataSources}'s), and the crash suite's keys and queue settings. Each
   * start's log stays ({@code log/server.log}).
   */
  private WildFlyNode wildFlyNode(String mode) throws Exception {
    Path home = Path.of(System.getProperty("it.wildfly.home"));
    WildFlyNode node =
        new WildFlyNode(
            home,
            target.resolve("wildfly-crash/crash-" + mode),
            "crash-" + mode,
            wildFlyPortOffset,
            "/crash/api");
    node.create(ear);
    boolean exactlyOnce = mode.equals("exactly-once");
    Path scripts = Path.of(System.getProperty("it.wildfly.scripts"));
    node.configure(
        Files.readString(
                scripts.resolve("datasource-" + db.kind() + (exactlyOnce ? "-xa" : "") + ".cli"))
            .replace("@jdbc.dir@", System.getProperty("it.jdbc.dir"))
            .replace("@txoutbox.db.host@", System.getProperty("it.db.host", "127.0.0.1"))
            .replace("@txoutbox.db.name@", db.name())
            .replace("@txoutbox.db.recovery-user@", System.getProperty("it.db.recovery-user"))
            .replace(
                "@txoutbox.db.recovery-password@", System.getProperty("it.db.recovery-password")));
    if (exactlyOnce) {
      installHaltingModule(home);
    }
    node.configure(wildFlyCrashKeys(mode, exactlyOnce));
    return node;
  }

  /**
   * {@link HaltingXADataSources} as a WildFly module beside the drivers' (a datasource's class
   * comes from its driver's module), depending on each driver's module that the build installed.
   */
  private void installHaltingModule(Path home) throws IOException {
    Path module = home.resolve("modules/dev/txoutbox/crash/main");
    Files.createDirectories(module);
    Files.copy(haltingJar, module.resolve("halting-xa.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        module.resolve("module.xml"),
        "<module xmlns=\"urn:jboss:module:1.9\" name=\"dev.txoutbox.crash\">"
            + "<resources><resource-root path=\"halting-xa.jar\"/></resources><dependencies>"
            + "<module name=\"java.logging\"/><module name=\"java.sql\"/>"
            + "<module name=\"java.transaction.xa\"/>"
            + "<module name=\"org.postgresql\" optional=\"true\"/>"
            + "<module name=\"org.mariadb.jdbc\" optional=\"true\"/>"
            + "<module name=\"org.apache.derby\" optional=\"true\"/>"
            + "</dependencies></module>");
  }

  /**
   * The crash server's additions, offline: its keys above test.cli's (ordinal 700), a transaction
   * node identifier of its own, deliveries to the consumer retried for ever one second apart (as
   * Liberty's KEEP_TRYING; WildFly's default moves a message to the dead-letter queue after ten
   * failures, as while the database restarts), and in exactly-once mode the XA datasource's class
   * from the halting module.
   */
  private String wildFlyCrashKeys(String mode, boolean exactlyOnce) {
    String keys =
        String.join(
            ", ",
            key("outbox.relay.node-id", "crash-" + mode),
            key("outbox.delivery.mode", mode),
            key("outbox.relay.interval", "PT1S"),
            key("outbox.relay.lease", LEASE.toString()),
            key("outbox.retry.initial-delay", "PT0.2S"),
            key("outbox.retry.max-delay", "PT2S"),
            key("outbox.retry.max-attempts", "1000"));
    String config = "/subsystem=microprofile-config-smallrye/config-source=txoutbox-crash";
    StringBuilder cli =
        new StringBuilder("embed-server --server-config=standalone-full.xml --std-out=discard\n")
            .append(config)
            .append(":add(ordinal=700, properties={")
            .append(keys)
            .append("})\n")
            .append("/subsystem=transactions:write-attribute(name=node-identifier, value=crash-")
            .append(mode)
            .append(")\n")
            .append("/subsystem=messaging-activemq/server=default/address-setting=")
            .append("jms.queue.txoutbox.events:add(max-delivery-attempts=-1,")
            .append(" redelivery-delay=1000, max-size-bytes=10485760, address-full-policy=PAGE)\n");
    if (exactlyOnce) {
      String driver = HaltingXADataSources.Driver.class.getName();
      String dataSource = "/subsystem=datasources/xa-data-source=TxOutboxDS";
      cli.append("/subsystem=datasources/jdbc-driver=crash-halting:add(driver-name=crash-halting,")
          .append(" driver-module-name=dev.txoutbox.crash, driver-class-name=\"")
          .append(driver)
          .append("\")\n")
          .append(dataSource)
          .append(":write-attribute(name=driver-name, value=crash-halting)\n")
          .append(dataSource)
          .append(":write-attribute(name=xa-datasource-class, value=\"")
          .append(HaltingXADataSources.class.getName())
          .append("$")
          .append(capitalized(db.kind()))
          .append("\")\n");
    }
    return cli.append("stop-embedded-server\n").toString();
  }

  private static String key(String name, String value) {
    return "\"" + name + "\" => \"" + value + "\"";
  }

  /**
   * The consumer's activation spec on the broker of this run. On the embedded engine, a delivery
   * that fails while the database restarts is tried again, not moved to the exception destination
   * after five quick failures (the engine's default); the external broker's test settings do the
   * same (server-config's src/test/artemis/broker.properties).
   */
  private String consumer() {
    if (artemis != null) {
      return "<jmsActivationSpec id=\"crash/consumer\"><properties.artemis"
          + " destination=\"txoutbox.events\" destinationType=\"jakarta.jms.Queue\""
          + " useJNDI=\"false\" maxSession=\"2\"/></jmsActivationSpec>";
    }
    return "<messagingEngine><queue id=\"txoutbox.events\" failedDeliveryPolicy=\"KEEP_TRYING\""
        + " redeliveryInterval=\"1000\"/></messagingEngine>"
        + "<jmsActivationSpec id=\"crash/consumer\"><properties.wasJms"
        + " destinationRef=\"outboxEvents\" destinationType=\"jakarta.jms.Queue\""
        + " maxConcurrency=\"2\"/></jmsActivationSpec>";
  }

  private static String variable(String name, String value) {
    return "<variable name=\"" + name + "\" value=\"" + value + "\"/>";
  }

  /**
   * The exactly-once server's datasource: XA, through {@link HaltingXADataSources}, with the
   * drivers and that class in one library.
   */
  private String haltingDataSource() {
    String driver = HaltingXADataSources.class.getName() + "$" + capitalized(db.kind());
    String properties =
        switch (db.kind()) {
          case "derby" ->
              "<properties databaseName=\"${server.output.dir}/derby/txoutbox\""
                  + " createDatabase=\"create\"/>";
          case "postgresql" ->
              "<properties serverName=\"${txoutbox.db.host}\" portNumber=\"5432\""
                  + " databaseName=\""
                  + db.name()
                  + "\" user=\"postgres\"/>";
          default ->
              "<properties URL=\"jdbc:mariadb://${txoutbox.db.host}:3306/"
                  + db.name()
                  + "\""
                  + " user=\"root\"/>";
        };
    return "<server><library id=\"crashJdbcLib\">"
        + "<fileset dir=\"${shared.resource.dir}/jdbc\" includes=\"*.jar\"/>"
        + "<file name=\"${server.config.dir}/halting-xa.jar\"/></library>"
        + "<dataSource id=\"DefaultDataSource\" jndiName=\"jdbc/txoutbox\""
        + " type=\"javax.sql.XADataSource\" isolationLevel=\"TRANSACTION_READ_COMMITTED\">"
        + "<jdbcDriver libraryRef=\"crashJdbcLib\" javax.sql.XADataSource=\""
        + driver
        + "\"/>"
        + properties
        + "<connectionManager maxPoolSize=\"40\" connectionTimeout=\"30s\"/>"
        + "</dataSource></server>";
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
