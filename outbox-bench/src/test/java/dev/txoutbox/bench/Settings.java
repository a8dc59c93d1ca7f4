package dev.txoutbox.bench;

import dev.txoutbox.testlab.server.TestDatabase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where things are, from the system properties that outbox-bench's POM sets: {@code dbName}, the
 * PostgreSQL database of the benchmark, created and dropped by the run; {@code httpPort} and {@code
 * jmsPort}, those of the first server (the second's are 100 above).
 */
record Settings(
    String mode,
    List<String> databases,
    Path wlp,
    Path serverConfig,
    Path war,
    Path outboxEjb,
    Path out,
    String dbHost,
    String dbName,
    int httpPort,
    int jmsPort,
    String openLiberty) {

  static Settings fromSystemProperties() {
    List<String> databases =
        Arrays.stream(property("bench.databases").split(",")).map(String::trim).toList();
    for (String database : databases) {
      if (!database.equals("derby") && !database.equals("postgresql")) {
        throw new IllegalArgumentException(
            "bench.databases names '" + database + "': the benchmark runs on derby and postgresql");
      }
    }
    return new Settings(
        property("bench.mode"),
        databases,
        Path.of(property("bench.wlp")),
        Path.of(property("bench.server-config")),
        Path.of(property("bench.war")),
        Path.of(property("bench.outbox-ejb")),
        Path.of(property("bench.out")),
        property("bench.db.host"),
        property("bench.db.name"),
        Integer.parseInt(property("bench.http.port")),
        Integer.parseInt(property("bench.jms.port")),
        property("bench.openliberty"));
  }

  /** The benchmark's database of that kind (derby or postgresql). */
  TestDatabase database(String kind) {
    return new TestDatabase(kind, dbHost, dbName);
  }

  Path ear() {
    return out.resolve("bench.ear");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set; run the benchmark through Maven");
    }
    return value;
  }
}
