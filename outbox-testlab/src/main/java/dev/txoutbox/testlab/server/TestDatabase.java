package dev.txoutbox.testlab.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database of its own for a test that starts its own servers (many-servers, crash, the
 * benchmarks): created empty, reached from the test JVM, dropped at the end. On PostgreSQL
 * (127.0.0.1:5432 or the host given, user postgres, no password) or MariaDB (3306, root, no
 * password); on Derby the database lives in the server's folder, and only {@link #bootstrap}
 * applies.
 */
public final class TestDatabase {
  private final String kind;
  private final String host;
  private final String name;

  /** Database {@code name} of {@code kind} (derby, postgresql or mariadb) on {@code host}. */
  public TestDatabase(String kind, String host, String name) {
    this.kind = kind;
    this.host = host;
    this.name = name;
  }

  /**
   * Database {@code name} on the database of the build's profile, as outbox-it's POM passes it
   * ({@code it.database}, {@code it.db.host}).
   */
  public static TestDatabase ofThisBuild(String name) {
    return new TestDatabase(
        System.getProperty("it.database", "derby"),
        System.getProperty("it.db.host", "127.0.0.1"),
        name);
  }

  /** derby, postgresql or mariadb. */
  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public boolean isDerby() {
    return kind.equals("derby");
  }

  /** Drops the database if it exists and creates it empty. */
  public void recreate() throws SQLException {
    drop();
    admin("CREATE DATABASE " + name);
  }

  public void drop() throws SQLException {
    if (kind.equals("postgresql")) {
      rollBackPrepared();
    }
    admin("DROP DATABASE IF EXISTS " + name + (kind.equals("postgresql") ? " WITH (FORCE)" : ""));
  }

  /**
   * Rolls back the prepared (XA) transactions that an interrupted run left in this database: they
   * would refuse DROP DATABASE, even WITH (FORCE).
   */
  private void rollBackPrepared() throws SQLException {
    List<String> left = new ArrayList<>();
    try (Connection c = adminConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT gid FROM pg_prepared_xacts WHERE database = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          left.add(r.getString(1));
        }
      }
    }
    if (left.isEmpty()) {
      return;
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String gid : left) {
        s.execute("ROLLBACK PREPARED '" + gid + "'");
      }
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(name), user(), "");
  }

  /**
   * A Liberty node's bootstrap properties: this database, HTTP on {@code httpPort} (HTTPS one
   * above), JMS on {@code jmsPort} (SSL one above).
   */
  public Map<String, String> bootstrap(int httpPort, int jmsPort) {
    return Map.of(
        "txoutbox.database", kind,
        "txoutbox.db.host", host,
        "txoutbox.db.name", name,
        "http.port", Integer.toString(httpPort),
        "https.port", Integer.toString(httpPort + 1),
        "jms.port", Integer.toString(jmsPort),
        "jms.ssl.port", Integer.toString(jmsPort + 1));
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The server's own database: postgres on PostgreSQL, none on MariaDB. */
  private Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        url(kind.equals("postgresql") ? "postgres" : ""), user(), "");
  }

  private String url(String database) {
    return kind.equals("postgresql")
        ? "jdbc:postgresql://" + host + ":5432/" + database
        : "jdbc:mariadb://" + host + ":3306/" + database;
  }

  private String user() {
    return kind.equals("postgresql") ? "postgres" : "root";
  }

  @Override
  public String toString() {
    return kind + " database " + name + " on " + host;
  }
}
