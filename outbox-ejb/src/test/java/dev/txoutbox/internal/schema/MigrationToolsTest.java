package dev.txoutbox.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.schema.ScratchDatabase.Scratch;
import dev.txoutbox.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flyway and Liquibase run the shipped migrations as a user runs them (README, Server setup), on
 * each tested database: on an empty database, and on a V1 database that holds events, which must
 * come out of the upgrade unchanged. The startup check must read the version each tool left.
 */
class MigrationToolsTest {

  static Stream<Arguments> databasesAndTools() {
    return ScratchDatabase.tested()
        .flatMap(db -> Stream.of(MigrationTool.values()).map(tool -> Arguments.of(db, tool)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("databasesAndTools")
  void createsTheLatestSchemaOnAnEmptyDatabase(ScratchDatabase db, MigrationTool tool)
      throws SQLException {
    Migrations migrations = Migrations.of(db.directory);
    try (Scratch scratch = db.create()) {
      tool.migrate(scratch, db.directory, MigrationTool.LATEST);

      assertThat(tool.applied(scratch, db.directory)).isEqualTo(versions(migrations));
      assertThat(tool.pending(scratch, db.directory)).isEmpty();
      try (Connection c = scratch.connect()) {
        assertThat(migrations.versionOf(new JdbcCatalog(c, Tables.DEFAULT)))
            .isEqualTo(migrations.latest());
        insertEvents(c);
        assertThat(rows(c, "outbox_message", "id")).hasSize(3);
      }
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("databasesAndTools")
  void createsTheTablesInTheSchemaItIsTold(ScratchDatabase db, MigrationTool tool)
      throws SQLException {
    Migrations migrations = Migrations.of(db.directory);
    try (Scratch scratch = db.create()) {
      Tables tables = new Tables(Optional.of(scratch.name() + "_messaging"));
      try (Connection c = scratch.connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + tables.schema().get());
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }

      tool.migrateInto(scratch, db.directory, tables.schema().get());

      try (Connection c = scratch.connect()) {
        assertThat(migrations.versionOf(new JdbcCatalog(c, tables))).isEqualTo(migrations.latest());
        assertThat(new JdbcCatalog(c, Tables.DEFAULT).hasTable(Tables.MESSAGE)).isFalse();
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("databasesAndTools")
  void upgradesAPopulatedV1DatabaseKeepingEveryRow(ScratchDatabase db, MigrationTool tool)
      throws SQLException {
    Migrations migrations = Migrations.of(db.directory);
    try (Scratch scratch = db.create()) {
      tool.migrate(scratch, db.directory, 1);
      // where V1 is the latest (all but PostgreSQL), the tool must find nothing to do
      assertThat(tool.pending(scratch, db.directory))
          .isEqualTo(versions(migrations).subList(1, migrations.all().size()));
      Map<String, List<Map<String, String>>> before;
      try (Connection c = scratch.connect()) {
        assertThat(migrations.versionOf(new JdbcCatalog(c, Tables.DEFAULT))).isEqualTo(1);
        insertEvents(c);
        before = snapshot(c);
      }

      tool.migrate(scratch, db.directory, MigrationTool.LATEST);
      tool.migrate(scratch, db.directory, MigrationTool.LATEST); // up to date: does nothing

      assertThat(tool.applied(scratch, db.directory)).isEqualTo(versions(migrations));
      assertThat(tool.pending(scratch, db.directory)).isEmpty();
      try (Connection c = scratch.connect()) {
        assertThat(migrations.versionOf(new JdbcCatalog(c, Tables.DEFAULT)))
            .isEqualTo(migrations.latest());
        Map<String, List<Map<String, String>>> after = snapshot(c);
        before.forEach(
            (table, rows) -> {
              assertThat(after.get(table).get(0).keySet())
                  .as(table)
                  .containsAll(rows.get(0).keySet());
              assertThat(onlyColumnsOf(rows, after.get(table))).as(table).isEqualTo(rows);
            });
      }
    }
  }

  private static List<String> versions(Migrations migrations) {
    return migrations.all().stream().map(m -> String.valueOf(m.version())).toList();
  }

  /**
   * A PENDING, a SENT and a DEAD event, every column set somewhere, with a key and an inbox row.
   */
  private static void insertEvents(Connection c) throws SQLException {
    Timestamp t1 = Timestamp.from(Instant.parse("2026-03-01T10:15:30.123456Z"));
    Timestamp t2 = Timestamp.from(Instant.parse("2026-03-01T10:15:31.654321Z"));
    String insert =
        "INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id,"
            + " ordering_key, destination, payload, headers, idempotency_key, status, attempts,"
            + " next_attempt_at, claimed_by, lease_until, last_error, skip_reason, created_at,"
            + " sent_at, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)";
    Object[][] rows = {
      {
        "00000000-0000-0000-0000-000000000001",
        1L,
        "UserRegistered",
        "User",
        "42",
        "user-42",
        "events",
        "{\"name\":\"Ada\"}",
        "{\"tenant\":\"t1\"}",
        "register-42",
        "SENT",
        1,
        t1,
        null,
        null,
        null,
        null,
        t1,
        t2,
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
      },
      {
        "00000000-0000-0000-0000-000000000002",
        2L,
        "UserRenamed",
        "User",
        "42",
        "user-42",
        "events",
        "{\"name\":\"Ada L.\"}",
        null,
        null,
        "PENDING",
        2,
        t2,
        "node-a",
        t2,
        "broker down",
        null,
        t1,
        null,
        null
      },
      {
        "00000000-0000-0000-0000-000000000003",
        0L,
        "Audit",
        null,
        null,
        null,
        "audit",
        "{}",
        null,
        null,
        "DEAD",
        10,
        t1,
        null,
        null,
        "queue full",
        "operator: ignore",
        t1,
        null,
        null
      }
    };
    try (PreparedStatement s = c.prepareStatement(insert)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          s.setObject(i + 1, row[i]);
        }
        s.executeUpdate();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO outbox_key (ordering_key, version) VALUES (?, ?)")) {
      s.setString(1, "user-42");
      s.setLong(2, 2);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO outbox_inbox (consumer, event_id, received_at) VALUES (?, ?, ?)")) {
      s.setString(1, "welcome-email");
      s.setString(2, "00000000-0000-0000-0000-000000000001");
      s.setTimestamp(3, t2);
      s.executeUpdate();
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  private static Map<String, List<Map<String, String>>> snapshot(Connection c) throws SQLException {
    Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    tables.put("outbox_message", rows(c, "outbox_message", "id"));
    tables.put("outbox_key", rows(c, "outbox_key", "ordering_key"));
    tables.put("outbox_inbox", rows(c, "outbox_inbox", "consumer, event_id"));
    assertThat(tables.values()).extracting(List::size).containsExactly(3, 1, 1);
    return tables;
  }

  /**
   * Every column of every row, as text, by lower-case column name; times as the instant they stand
   * for, which a change of type (H2's V4) must keep.
   */
  private static List<Map<String, String>> rows(Connection c, String table, String order)
      throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " ORDER BY " + order);
        ResultSet r = s.executeQuery()) {
      ResultSetMetaData meta = r.getMetaData();
      while (r.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          int type = meta.getColumnType(i);
          boolean time = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
          Timestamp at = time ? r.getTimestamp(i) : null;
          row.put(
              meta.getColumnLabel(i).toLowerCase(Locale.ROOT),
              time ? (at == null ? null : at.toInstant().toString()) : r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The rows after, cut to the columns of the rows before: a later version may add columns. */
  private static List<Map<String, String>> onlyColumnsOf(
      List<Map<String, String>> before, List<Map<String, String>> after) {
    List<Map<String, String>> cut = new ArrayList<>();
    for (Map<String, String> row : after) {
      Map<String, String> kept = new LinkedHashMap<>();
      before.get(0).keySet().forEach(column -> kept.put(column, row.get(column)));
      cut.add(kept);
    }
    return cut;
  }
}
