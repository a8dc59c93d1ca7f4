package dev.txoutbox.internal.schema;

import dev.txoutbox.internal.store.Dialect;
import dev.txoutbox.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs shipped migrations for {@code outbox.store.initialize-schema}. The files name no schema, so
 * that Flyway and Liquibase can put them in any; with a configured schema they run with the
 * connection's default schema switched to it (the catalog, where schemas are catalogs: MariaDB),
 * creating the schema first if it is missing, and switched back afterwards, since the connection
 * returns to the application's pool.
 */
record SchemaScripts(Connection connection, Dialect dialect, Tables tables, boolean schemaExists) {
  private static final Logger LOG = Logger.getLogger(SchemaScripts.class.getName());

  void run(List<String> scripts) throws SQLException {
    if (tables.schema().isEmpty()) {
      execute(scripts);
      return;
    }
    String schema = tables.schema().get();
    try (Statement statement = connection.createStatement()) {
      if (!schemaExists) {
        // a plain SQL name (OutboxConfig checked it), so it can be written into the statement
        statement.execute("CREATE SCHEMA " + schema);
        LOG.info(() -> "txoutbox: created the schema " + schema);
      }
    }
    String previous = current();
    switchTo(schema);
    try {
      execute(scripts);
    } finally {
      switchBack(previous);
    }
  }

  /** The connection's default schema now, in the form {@link #switchBack} takes. */
  private String current() throws SQLException {
    return switch (dialect) {
      case POSTGRESQL -> single("SELECT current_setting('search_path')");
      case MARIADB -> connection.getCatalog();
      case DERBY, H2 -> connection.getSchema();
    };
  }

  /**
   * Unquoted, as every statement of the component writes it, so that the database folds its case
   * the same way (Derby to upper case, PostgreSQL to lower case; MariaDB keeps it).
   */
  private void switchTo(String schema) throws SQLException {
    switch (dialect) {
      case POSTGRESQL -> setSearchPath(schema);
      case MARIADB -> connection.setCatalog(schema);
      case DERBY, H2 -> {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET SCHEMA " + schema);
        }
      }
    }
  }

  private void switchBack(String previous) throws SQLException {
    switch (dialect) {
      case POSTGRESQL -> setSearchPath(previous);
      case MARIADB -> connection.setCatalog(previous);
      case DERBY, H2 -> connection.setSchema(previous);
    }
  }

  private void setSearchPath(String path) throws SQLException {
    try (PreparedStatement set =
        connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      set.setString(1, path);
      set.execute();
    }
  }

  private String single(String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getString(1);
    }
  }

  private void execute(List<String> scripts) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String file : scripts) {
        for (String sql : Schema.statements(file)) {
          statement.execute(sql);
        }
      }
    }
  }
}
