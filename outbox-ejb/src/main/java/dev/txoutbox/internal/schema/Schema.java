package dev.txoutbox.internal.schema;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.store.Dialect;
import dev.txoutbox.internal.store.Tables;
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
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes sure the outbox tables exist when the application starts, and in exactly-once mode that the
 * database can take part in XA transactions. With {@code outbox.store.initialize-schema=true}
 * (development) it runs the shipped migrations for the database, statement by statement ({@link
 * SqlScript}); otherwise a missing table stops the start with a message naming the DDL file to
 * apply. Existing tables are checked for their schema version ({@link Migrations}), whichever tool,
 * if any, migrated them. All of it happens in the schema of {@code outbox.store.schema} when it is
 * set ({@link Tables}): initialize-schema then creates the schema if it is missing and runs the
 * shipped files, which name no schema, with the connection's default schema switched to it.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Schema {
  private static final Logger LOG = Logger.getLogger(Schema.class.getName());

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject OutboxConfig config;

  @PostConstruct
  void ensureTables() {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect =
          Dialect.of(connection.getMetaData()); // refuses an unsupported database at start
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
      Tables tables = new Tables(config.schema());
      JdbcCatalog catalog = new JdbcCatalog(connection, tables);
      Migrations migrations = Migrations.of(dialect.directory());
      List<String> missing =
          Tables.ALL.stream()
              .filter(table -> !catalog.hasTable(table))
              .map(tables::qualified)
              .toList();
      if (missing.isEmpty()) {
        checkVersion(migrations, catalog, tables);
        return;
      }
      List<String> scripts = migrations.all().stream().map(migrations::resource).toList();
      String script = String.join(" then ", scripts);
      if (!config.initializeSchema() || missing.size() < Tables.ALL.size()) {
        throw new IllegalStateException(
            "txoutbox: the tables "
                + missing
                + " do not exist "
                + tables.place()
                + (catalog.hasSchema() ? "" : ", which does not exist either: create it")
                + " (outbox.store.schema). Apply "
                + script
                + " (in the outbox-ejb jar) to the database"
                + tables.schema().map(s -> " with " + s + " as the default schema").orElse("")
                + ", or, on an empty database, set outbox.store.initialize-schema=true to let"
                + " txoutbox create them (development only).");
      }
      new SchemaScripts(connection, dialect, tables, catalog.hasSchema()).run(scripts);
      LOG.info(() -> "txoutbox: created the tables " + missing + " from " + script);
    } catch (SQLException e) {
      throw new IllegalStateException("txoutbox: cannot check the outbox tables: " + e, e);
    }
  }

  /**
   * Tables of a version this code cannot run on stop the start; tables of an older version that it
   * runs on, less well, start with a warning. Either way the message names the version found and
   * the scripts that upgrade it; the migration tools' history tables play no part.
   */
  static void checkVersion(Migrations migrations, Catalog catalog, Tables tables) {
    int version = migrations.versionOf(catalog);
    if (migrations.tooOld(version)) {
      throw new IllegalStateException(migrations.upgrade(version, catalog, tables));
    }
    if (version < migrations.latest()) {
      LOG.warning(migrations.upgrade(version, catalog, tables));
    }
  }

  /** The statements of a shipped migration (see {@link SqlScript}). */
  static List<String> statements(String resource) {
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("txoutbox: " + resource + " is missing from the jar");
      }
      return SqlScript.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
