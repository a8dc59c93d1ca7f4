package dev.txoutbox.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txoutbox.internal.store.Dialect;
import dev.txoutbox.internal.store.Tables;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private static final Set<String> TABLES = Set.of("outbox_message", "outbox_key", "outbox_inbox");
  private static final Set<String> V1_COLUMNS = Set.of("outbox_message.traceparent");
  private static final Set<String> V3_COLUMNS =
      Set.of("outbox_message.traceparent", "outbox_key.used_at");
  private static final Set<String> V1_INDEXES = Set.of("outbox_message.outbox_message_claim");

  private final Logger log = Logger.getLogger(Schema.class.getName());
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    log.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    log.removeHandler(handler);
  }

  @Test
  void postgresqlAtV2IsRefusedNamingV3() {
    Migrations postgresql = Migrations.of("postgresql");
    Catalog v2 = new FakeCatalog(TABLES, V1_COLUMNS, Set.of());

    assertThat(postgresql.versionOf(v2)).isEqualTo(2);
    assertThatThrownBy(() -> Schema.checkVersion(postgresql, v2, Tables.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 2 of postgresql, the latest is 3")
        .hasMessageContaining("apply V3__keys.sql from META-INF/txoutbox/sql/postgresql/")
        .hasMessageContaining("Flyway, Liquibase or by hand");
  }

  @Test
  void derbyAtV1IsRefusedNamingV3() {
    Catalog v1 = new FakeCatalog(TABLES, V1_COLUMNS, Set.of());

    assertThat(Migrations.of("derby").versionOf(v1)).isEqualTo(1);
    assertThatThrownBy(() -> Schema.checkVersion(Migrations.of("derby"), v1, Tables.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 1 of derby, the latest is 3: apply V3__keys.sql");
  }

  @Test
  void postgresqlAtV1IsRefusedNamingV2AndV3() {
    Migrations postgresql = Migrations.of("postgresql");
    Catalog v1 = new FakeCatalog(TABLES, V1_COLUMNS, V1_INDEXES);

    assertThat(postgresql.versionOf(v1)).isEqualTo(1);
    assertThatThrownBy(() -> Schema.checkVersion(postgresql, v1, Tables.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 1 of postgresql, the latest is 3")
        .hasMessageContaining("apply V2__relay.sql, then V3__keys.sql");
  }

  @Test
  void postgresqlWithV3ButNotV2IsRefusedNamingBoth() {
    // V3 applied by hand without V2: versions are a history, so the schema counts as at 1
    Migrations postgresql = Migrations.of("postgresql");
    Catalog v3WithoutV2 = new FakeCatalog(TABLES, V3_COLUMNS, V1_INDEXES);

    assertThat(postgresql.versionOf(v3WithoutV2)).isEqualTo(1);
    assertThatThrownBy(() -> Schema.checkVersion(postgresql, v3WithoutV2, Tables.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apply V2__relay.sql, then V3__keys.sql");
  }

  @Test
  void messagesSayWhereTheTablesAreAndHowToApplyTheFilesThere() {
    Catalog v1 = new FakeCatalog(TABLES, V1_COLUMNS, Set.of());
    Tables messaging = new Tables(Optional.of("messaging"));

    assertThatThrownBy(() -> Schema.checkVersion(Migrations.of("derby"), v1, messaging))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the outbox tables in schema messaging are at schema version 1")
        .hasMessageContaining("with messaging as the default schema");
    assertThatThrownBy(() -> Schema.checkVersion(Migrations.of("derby"), v1, Tables.DEFAULT))
        .hasMessageContaining("the outbox tables in the connection's default schema are at")
        .message()
        .doesNotContain("as the default schema");
  }

  @Test
  void latestSchemaStartsSilently() {
    Catalog postgresqlV3 = new FakeCatalog(TABLES, V3_COLUMNS, Set.of());
    Catalog derbyV3 = new FakeCatalog(TABLES, V3_COLUMNS, V1_INDEXES);

    Schema.checkVersion(Migrations.of("postgresql"), postgresqlV3, Tables.DEFAULT);
    Schema.checkVersion(Migrations.of("derby"), derbyV3, Tables.DEFAULT);
    Schema.checkVersion(Migrations.of("mariadb"), derbyV3, Tables.DEFAULT);

    assertThat(Migrations.of("postgresql").versionOf(postgresqlV3)).isEqualTo(3);
    assertThat(Migrations.of("derby").versionOf(derbyV3)).isEqualTo(3);
    assertThat(logged).isEmpty();
  }

  @Test
  void tablesOlderThanV1AreRefusedNamingWhatTheyLack() {
    Catalog preRelease = new FakeCatalog(TABLES, Set.of(), V1_INDEXES);

    assertThat(Migrations.of("postgresql").versionOf(preRelease)).isZero();
    assertThatThrownBy(
            () -> Schema.checkVersion(Migrations.of("postgresql"), preRelease, Tables.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("match no shipped schema version of postgresql")
        .hasMessageContaining("they lack column outbox_message.traceparent of V1__outbox.sql")
        .hasMessageContaining("apply V1__outbox.sql, then V2__relay.sql, then V3__keys.sql");
  }

  @Test
  void versionNeedsEveryEarlierMigration() {
    // no index on claimed_by, as after V2, but no traceparent either: not V2, not V1
    Catalog odd = new FakeCatalog(TABLES, Set.of("outbox_key.used_at"), Set.of());

    assertThat(Migrations.of("postgresql").versionOf(odd)).isZero();
  }

  @Test
  void onlyRequiredMigrationsStopTheStart() {
    Migrations postgresql = Migrations.of("postgresql");

    assertThat(postgresql.tooOld(0)).isTrue();
    assertThat(postgresql.tooOld(1)).isTrue();
    assertThat(postgresql.tooOld(2)).isTrue();
    assertThat(postgresql.tooOld(3)).isFalse();
    assertThat(postgresql.after(1))
        .extracting(Migration::file)
        .containsExactly("V2__relay.sql", "V3__keys.sql");
    assertThat(postgresql.after(0))
        .extracting(Migration::file)
        .containsExactly("V1__outbox.sql", "V2__relay.sql", "V3__keys.sql");
  }

  @Test
  void unknownDatabaseHasNoMigrations() {
    assertThatThrownBy(() -> Migrations.of("sqlite"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite");
  }

  /** Columns as table.column, indexes as table.index. */
  record FakeCatalog(Set<String> tables, Set<String> columns, Set<String> indexes)
      implements Catalog {
    @Override
    public boolean hasTable(String table) {
      return tables.contains(table);
    }

    @Override
    public boolean hasColumn(String table, String column) {
      return columns.contains(table + "." + column);
    }

    @Override
    public boolean hasIndex(String table, String index) {
      return indexes.contains(table + "." + index);
    }

    @Override
    public boolean hasTimeZone(String table, String column) {
      return false;
    }
  }

  @Test
  void everyDialectShipsItsDdl() {
    for (Dialect dialect : Dialect.values()) {
      Migrations migrations = Migrations.of(dialect.directory());
      for (Migration migration : migrations.all()) {
        String script = migrations.resource(migration);
        assertThat(getClass().getClassLoader().getResource(script)).as(script).isNotNull();
      }
    }
  }

  @Test
  void exactlyOnceIsRefusedOnH2NamingTheFix() throws SQLException {
    assertThat(TwoPhaseCommit.problem(null, null, Dialect.H2))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("H2").contains("at-least-once only"));
  }
}
