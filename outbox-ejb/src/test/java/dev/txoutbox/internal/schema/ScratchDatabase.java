package dev.txoutbox.internal.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An empty database of its own for one test, dropped by {@link Scratch#close}: Derby and H2 in
 * memory, a new database on the PostgreSQL and MariaDB servers of the development and CI machines
 * (127.0.0.1, or -Dtxoutbox.db.host; PostgreSQL's user postgres and MariaDB's root, no password),
 * each with its profile ({@link #tested}).
 */
enum ScratchDatabase {
  DERBY("derby"),
  H2("h2"),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private static final String HOST = System.getProperty("txoutbox.db.host", "127.0.0.1");

  /** The directory of the shipped migrations under META-INF/txoutbox/sql/. */
  final String directory;

  ScratchDatabase(String directory) {
    this.directory = directory;
  }

  /**
   * The databases the build tests: those named by {@code txoutbox.migrations.databases} (the POM
   * names Derby, H2 and the database profile's, as {@code -Ppostgresql} or {@code -Pmariadb}), or
   * Derby and H2 when it is unset.
   */
  static Stream<ScratchDatabase> tested() {
    List<String> names =
        Arrays.asList(System.getProperty("txoutbox.migrations.databases", "derby,h2").split(","));
    return Stream.of(values()).filter(db -> names.contains(db.directory));
  }

  /** A JDBC URL, user and password of a new, empty database. */
  record Scratch(String url, String user, String password, ScratchDatabase kind, String name)
      implements AutoCloseable {

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
      kind.drop(name);
    }
  }

  Scratch create() throws SQLException {
    String name = "txoutbox_migrations_" + UUID.randomUUID().toString().substring(0, 8);
    return switch (this) {
      case DERBY -> new Scratch("jdbc:derby:memory:" + name + ";create=true", "", "", this, name);
      case H2 -> new Scratch("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", this, name);
      case POSTGRESQL -> {
        admin("CREATE DATABASE " + name);
        yield new Scratch(
            "jdbc:postgresql://" + HOST + ":5432/" + name, "postgres", "", this, name);
      }
      case MARIADB -> {
        admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        yield new Scratch("jdbc:mariadb://" + HOST + ":3306/" + name, "root", "", this, name);
      }
    };
  }

  private void drop(String name) throws SQLException {
    switch (this) {
      case DERBY -> {
        try {
          DriverManager.getConnection("jdbc:derby:memory:" + name + ";drop=true");
        } catch (SQLException dropped) {
          // Derby answers a successful drop with SQLState 08006
          if (!"08006".equals(dropped.getSQLState())) {
            throw dropped;
          }
        }
      }
      case H2 -> {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "");
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      case POSTGRESQL -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      case MARIADB -> {
        admin("DROP DATABASE IF EXISTS " + name);
        // a schema of the tests' own beside it (SchemaScriptsTest)
        admin("DROP DATABASE IF EXISTS " + name + "_messaging");
      }
    }
  }

  private void admin(String sql) throws SQLException {
    String url =
        this == POSTGRESQL
            ? "jdbc:postgresql://" + HOST + ":5432/postgres"
            : "jdbc:mariadb://" + HOST + ":3306/";
    try (Connection c =
            DriverManager.getConnection(url, this == POSTGRESQL ? "postgres" : "root", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          "the migration tests need "
              + name().toLowerCase(Locale.ROOT)
              + " on "
              + HOST
              + " (as on the development and CI machines): "
              + e.getMessage(),
          e.getSQLState(),
          e);
    }
  }
}
