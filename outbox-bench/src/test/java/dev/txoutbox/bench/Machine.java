package dev.txoutbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Reads what the report says about the machine: CPU, memory, versions, load average. */
final class Machine {
  private Machine() {}

  static Results.Machine describe(Settings settings) {
    return new Results.Machine(
        procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        procLine("/proc/meminfo", "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
            .orElse(0L),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        settings.databases().contains("postgresql") ? postgresql(settings) : "not used",
        settings.databases().contains("postgresql")
            ? setting(settings, "autovacuum").orElse("unknown")
            : "not used",
        settings.openLiberty(),
        loadAverage(),
        Double.NaN,
        ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE));
  }

  static Results.Machine withLoadAfter(Results.Machine m) {
    return new Results.Machine(
        m.cpu(),
        m.cores(),
        m.memoryMiB(),
        m.os(),
        m.java(),
        m.postgresql(),
        m.autovacuum(),
        m.openLiberty(),
        m.loadBefore(),
        loadAverage(),
        m.date());
  }

  /**
   * Waits up to {@code maxMillis} until the one-minute load average is at most {@link
   * Results.Machine#QUIET_LOAD} (the build that starts the run leaves it high for a minute or two).
   */
  static void awaitQuiet(long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    while (loadAverage() > Results.Machine.QUIET_LOAD && System.currentTimeMillis() < deadline) {
      System.out.printf(
          "[bench] load average %.2f, waiting for %.1f or less%n",
          loadAverage(), Results.Machine.QUIET_LOAD);
      Thread.sleep(10_000);
    }
  }

  /** A PostgreSQL server setting ({@code SHOW name}). */
  static Optional<String> setting(Settings settings, String name) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + settings.dbHost() + ":5432/postgres", "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW " + name)) {
      r.next();
      return Optional.of(r.getString(1));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** The one-minute load average. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String postgresql(Settings settings) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + settings.dbHost() + ":5432/postgres", "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW server_version")) {
      r.next();
      String version = r.getString(1);
      try (ResultSet sync = s.executeQuery("SHOW synchronous_commit")) {
        sync.next();
        return version + " (synchronous_commit=" + sync.getString(1) + ")";
      }
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
