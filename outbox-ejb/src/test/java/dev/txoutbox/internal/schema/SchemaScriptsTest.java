package dev.txoutbox.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.schema.ScratchDatabase.Scratch;
import dev.txoutbox.internal.store.Dialect;
import dev.txoutbox.internal.store.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code outbox.store.initialize-schema} with {@code outbox.store.schema}: the shipped files, which
 * name no schema, create the tables in the configured schema only, and the connection, which goes
 * back to the application's pool, keeps its own default schema. On Derby always, on PostgreSQL or
 * MariaDB with their profile (the component runs on these three).
 */
class SchemaScriptsTest {

  static Stream<ScratchDatabase> databases() {
    return ScratchDatabase.tested().filter(db -> db != ScratchDatabase.H2);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void createsTheSchemaAndItsTablesThereAndNowhereElse(ScratchDatabase db) throws SQLException {
    try (Scratch scratch = db.create();
        Connection c = scratch.connect()) {
      Tables messaging = messaging(scratch);
      Dialect dialect = Dialect.of(c.getMetaData());
      Migrations migrations = Migrations.of(dialect.directory());
      String defaultSchema = defaultSchema(c, dialect);
      JdbcCatalog inMessaging = new JdbcCatalog(c, messaging);
      assertThat(inMessaging.hasSchema()).isFalse();
      assertThat(inMessaging.hasTable(Tables.MESSAGE)).isFalse();

      new SchemaScripts(c, dialect, messaging, inMessaging.hasSchema())
          .run(migrations.all().stream().map(migrations::resource).toList());

      assertThat(inMessaging.hasSchema()).isTrue();
      assertThat(migrations.versionOf(inMessaging)).isEqualTo(migrations.latest());
      JdbcCatalog inDefault = new JdbcCatalog(c, Tables.DEFAULT);
      for (String table : Tables.ALL) {
        assertThat(inDefault.hasTable(table)).as(table).isFalse();
      }
      assertThat(defaultSchema(c, dialect)).isEqualTo(defaultSchema);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO "
                + messaging.key()
                + " (ordering_key, version, used_at) VALUES ('k', 1, CURRENT_TIMESTAMP)");
        try (ResultSet r = s.executeQuery("SELECT version FROM " + messaging.key())) {
          assertThat(r.next()).isTrue();
          assertThat(r.getLong(1)).isEqualTo(1);
        }
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void runsInAnExistingSchema(ScratchDatabase db) throws SQLException {
    try (Scratch scratch = db.create();
        Connection c = scratch.connect()) {
      Tables messaging = messaging(scratch);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + messaging.schema().get());
      }
      Dialect dialect = Dialect.of(c.getMetaData());
      Migrations migrations = Migrations.of(dialect.directory());
      JdbcCatalog inMessaging = new JdbcCatalog(c, messaging);
      assertThat(inMessaging.hasSchema()).isTrue();

      new SchemaScripts(c, dialect, messaging, true)
          .run(migrations.all().stream().map(migrations::resource).toList());

      assertThat(migrations.versionOf(inMessaging)).isEqualTo(migrations.latest());
      assertThat(new JdbcCatalog(c, Tables.DEFAULT).hasTable(Tables.MESSAGE)).isFalse();
    }
  }

  private static String defaultSchema(Connection c, Dialect dialect) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SHOW search_path")) {
        r.next();
        return r.getString(1);
      }
    }
    return dialect == Dialect.MARIADB ? c.getCatalog() : c.getSchema();
  }

  /**
   * A schema named after the scratch database: on MariaDB a schema is a database beside it, which
   * the scratch database drops with its own.
   */
  private static Tables messaging(Scratch scratch) {
    return new Tables(Optional.of(scratch.name() + "_messaging"));
  }
}
