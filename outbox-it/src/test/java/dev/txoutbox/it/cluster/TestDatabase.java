package dev.txoutbox.it.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database of its own for a test that starts its own servers (many-servers, crash): created
 * empty, reached from the test JVM, dropped at the end. PostgreSQL or MariaDB as the build's
 * profile says ({@code it.database}, {@code it.db.*}); on Derby the database lives in the server's
 * folder, and only {@link #bootstrap} applies.
 */
public final class TestDatabase {
  public final String kind;
  public final String name;

  public TestDatabase(String name) {
    this.kind = System.getProperty("it.database", "derby");
    this.name = name;
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
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE database = '" + name + "'")) {
      while (r.next()) {
        left.add(r.getString(1));
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
    String host = System.getProperty("it.db.host", "127.0.0.1");
    String url =
        kind.equals("postgresql")
            ? "jdbc:postgresql://" + host + ":5432/" + name
            : "jdbc:mariadb://" + host + ":3306/" + name;
    return DriverManager.getConnection(url, System.getProperty("it.db.admin-user"), "");
  }

  /**
   * A Liberty node's bootstrap properties: this database, HTTP on {@code httpPort} (HTTPS one
   * above), JMS on {@code jmsPort} (SSL one above).
   */
  public Map<String, String> bootstrap(int httpPort, int jmsPort) {
    return Map.of(
        "txoutbox.database", kind,
        "txoutbox.db.host", System.getProperty("it.db.host", "127.0.0.1"),
        "txoutbox.db.name", name,
        "http.port", Integer.toString(httpPort),
        "https.port", Integer.toString(httpPort + 1),
        "jms.port", Integer.toString(jmsPort),
        "jms.ssl.port", Integer.toString(jmsPort + 1));
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("it.db.admin-url"), System.getProperty("it.db.admin-user"), "");
  }
}
