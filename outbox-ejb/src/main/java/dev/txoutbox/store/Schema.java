package dev.txoutbox.store;

import dev.txoutbox.config.OutboxConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes sure the outbox tables exist when the application starts, and in exactly-once mode that the
 * database can take part in XA transactions. With {@code outbox.store.initialize-schema=true}
 * (development) it runs the shipped DDL for the database; otherwise a missing table stops the start
 * with a message naming the DDL file to apply.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Schema {
  private static final Logger LOG = Logger.getLogger(Schema.class.getName());
  private static final List<String> TABLES =
      List.of("outbox_message", "outbox_key", "outbox_inbox");

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject OutboxConfig config;

  @PostConstruct
  void ensureTables() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      Dialect dialect = Dialect.of(metaData); // refuses an unsupported database at start
      if (config.deliveryMode() == OutboxConfig.DeliveryMode.EXACTLY_ONCE) {
        TwoPhaseCommit.problem(dataSource, connection, dialect)
            .ifPresent(
                problem -> {
                  throw new IllegalStateException(
                      "txoutbox: outbox.delivery.mode=exactly-once, but "
                          + problem
                          + " Or set outbox.delivery.mode=at-least-once.");
                });
      }
      List<String> missing = new ArrayList<>();
      for (String table : TABLES) {
        if (!tableExists(connection, metaData, table)) {
          missing.add(table);
        }
      }
      if (missing.isEmpty()) {
        requireTraceparentColumn(connection, metaData, dialect.scripts().get(0));
        warnOfOlderSchema(connection, metaData, dialect);
        return;
      }
      String script = String.join(" then ", dialect.scripts());
      if (!config.initializeSchema() || missing.size() < TABLES.size()) {
        throw new IllegalStateException(
            "txoutbox: the tables "
                + missing
                + " do not exist. Apply "
                + script
                + " (in the outbox-ejb jar) to the database, or, on an empty database, set"
                + " outbox.store.initialize-schema=true to let txoutbox create them (development"
                + " only).");
      }
      try (Statement statement = connection.createStatement()) {
        for (String file : dialect.scripts()) {
          for (String sql : statements(file)) {
            statement.execute(sql);
          }
        }
      }
      LOG.info(() -> "txoutbox: created the tables " + missing + " from " + script);
    } catch (SQLException e) {
      throw new IllegalStateException("txoutbox: cannot check the outbox tables: " + e, e);
    }
  }

  /**
   * A table created by an earlier version of the DDL lacks the column {@code traceparent}: say so
   * at start, rather than fail every publish and every relay pass.
   */
  private static void requireTraceparentColumn(
      Connection connection, DatabaseMetaData metaData, String script) throws SQLException {
    if (!columnExists(connection, metaData, "outbox_message", "traceparent")) {
      throw new IllegalStateException(
          "txoutbox: the table outbox_message has no column traceparent (added with trace"
              + " propagation; see "
              + script
              + "). Add it: ALTER TABLE outbox_message ADD COLUMN traceparent VARCHAR(55)");
    }
  }

  /** Tables of an older shipped schema still work, more slowly: say which script upgrades them. */
  private static void warnOfOlderSchema(
      Connection connection, DatabaseMetaData metaData, Dialect dialect) throws SQLException {
    String index = dialect.indexOfOlderSchema();
    if (index == null) {
      return;
    }
    try (ResultSet indexes =
        metaData.getIndexInfo(
            connection.getCatalog(), connection.getSchema(), "outbox_message", false, true)) {
      while (indexes.next()) {
        if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
          List<String> scripts = dialect.scripts();
          LOG.warning(
              "txoutbox: the outbox tables are at schema version "
                  + (scripts.size() - 1)
                  + " (they have the index "
                  + index
                  + "); apply "
                  + scripts.get(scripts.size() - 1)
                  + " (in the outbox-ejb jar) to upgrade them: the relay's claims are faster on"
                  + " the latest version.");
          return;
        }
      }
    }
  }

  private static boolean columnExists(
      Connection connection, DatabaseMetaData metaData, String table, String column)
      throws SQLException {
    String catalog = connection.getCatalog();
    String schema = connection.getSchema();
    for (boolean upper : new boolean[] {true, false}) {
      String t = upper ? table.toUpperCase(Locale.ROOT) : table;
      String c = upper ? column.toUpperCase(Locale.ROOT) : column;
      try (ResultSet columns = metaData.getColumns(catalog, schema, t, c)) {
        if (columns.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean tableExists(Connection connection, DatabaseMetaData metaData, String table)
      throws SQLException {
    // in this connection's own catalog and schema: not another database's table of that name
    String catalog = connection.getCatalog();
    String schema = connection.getSchema();
    for (String name : new String[] {table.toUpperCase(Locale.ROOT), table}) {
      try (ResultSet tables = metaData.getTables(catalog, schema, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String[] statements(String resource) {
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("txoutbox: " + resource + " is missing from the jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String withoutComments = text.replaceAll("(?m)^\\s*--.*$", "");
      return Arrays.stream(withoutComments.split(";"))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
