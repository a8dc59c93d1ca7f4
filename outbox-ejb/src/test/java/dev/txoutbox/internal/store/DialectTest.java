package dev.txoutbox.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void knownDatabasesHaveTheirDialect() throws SQLException {
    assertThat(Dialect.of(metaData("Apache Derby", "10.16.1.1", 10, 16))).isEqualTo(Dialect.DERBY);
    assertThat(Dialect.of(metaData("PostgreSQL", "15.20", 15, 20))).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of(metaData("MariaDB", "10.11.19-MariaDB", 10, 11)))
        .isEqualTo(Dialect.MARIADB);
    // older MariaDB drivers call the server MySQL
    assertThat(Dialect.of(metaData("MySQL", "10.6.4-MariaDB", 10, 6))).isEqualTo(Dialect.MARIADB);
  }

  @Test
  void mariaDbWithoutSkipLockedIsRefusedWithTheVersionItNeeds() {
    assertThatThrownBy(() -> Dialect.of(metaData("MariaDB", "10.5.21-MariaDB", 10, 5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("10.5.21-MariaDB is too old")
        .hasMessageContaining("10.6 or newer");
  }

  @Test
  void otherDatabasesAreRefusedNamingTheSupportedOnes() {
    assertThatThrownBy(() -> Dialect.of(metaData("Oracle", "19.0", 19, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Oracle' is not supported")
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void h2InItsDefaultModeHasItsDialect() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:dialect")) {
      assertThat(Dialect.of(connection.getMetaData())).isEqualTo(Dialect.H2);
    }
  }

  /** Leases and due times on H2 are computed with this clock: microseconds since the epoch. */
  @Test
  void h2ClockAnswersMicrosecondsSinceTheEpoch() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:clock");
        Statement statement = connection.createStatement();
        ResultSet clock = statement.executeQuery(Dialect.H2.clockQuery())) {
      long before = System.currentTimeMillis() * 1000;
      assertThat(clock.next()).isTrue();
      assertThat(clock.getLong(1)).isBetween(before - 5_000_000, before + 5_000_000);
    }
  }

  @Test
  void h2InAModeWithoutLimitIsRefusedNamingTheFix() throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:h2:mem:dialectOracle;MODE=Oracle")) {
      assertThatThrownBy(() -> Dialect.of(connection.getMetaData()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MODE=Oracle")
          .hasMessageContaining("Drop MODE from the JDBC URL");
    }
  }

  @Test
  void h2WithoutSkipLockedIsRefusedWithTheVersionItNeeds() {
    assertThatThrownBy(() -> Dialect.of(metaData("H2", "2.2.214 (2023-03-16)", 2, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2.2.214 (2023-03-16) is too old")
        .hasMessageContaining("2.2.220 or newer");
  }

  /**
   * The claim's locking read, as the relay sends it on H2: a row that another transaction holds is
   * skipped, not waited for.
   */
  @Test
  void h2SkipsRowsAnotherTransactionLocks() throws SQLException {
    String url = "jdbc:h2:mem:skipLocked;DB_CLOSE_DELAY=-1";
    try (Connection holder = DriverManager.getConnection(url);
        Connection relay = DriverManager.getConnection(url)) {
      try (Statement ddl = holder.createStatement()) {
        ddl.execute("CREATE TABLE m (id VARCHAR(36) PRIMARY KEY, created_at TIMESTAMP)");
        ddl.execute("INSERT INTO m VALUES ('a', LOCALTIMESTAMP), ('b', LOCALTIMESTAMP)");
      }
      assertThat(Dialect.of(relay.getMetaData()).skipLocked()).isTrue();
      holder.setAutoCommit(false);
      relay.setAutoCommit(false);
      try (Statement hold = holder.createStatement();
          Statement claim = relay.createStatement()) {
        hold.executeQuery("SELECT id FROM m WHERE id = 'a' FOR UPDATE").close();
        ResultSet free =
            claim.executeQuery(
                "SELECT id FROM m WHERE id IN ('a', 'b') ORDER BY created_at LIMIT 5"
                    + " FOR UPDATE SKIP LOCKED");
        assertThat(free.next()).isTrue();
        assertThat(free.getString(1)).isEqualTo("b");
        assertThat(free.next()).isFalse();
      } finally {
        holder.rollback();
        relay.rollback();
      }
    }
  }

  @Test
  void tablesAreQualifiedByTheConfiguredSchema() {
    Tables messaging = new Tables(Optional.of("messaging"));

    assertThat(messaging.message()).isEqualTo("messaging.outbox_message");
    assertThat(messaging.key()).isEqualTo("messaging.outbox_key");
    assertThat(messaging.qualified(Tables.INBOX)).isEqualTo("messaging.outbox_inbox");
    assertThat(Tables.DEFAULT.message()).isEqualTo("outbox_message");
    assertThat(Tables.DEFAULT.qualified(Tables.INBOX)).isEqualTo("outbox_inbox");
  }

  @Test
  void nativeStatementsNameOnlyTheConfiguredTables() {
    Tables messaging = new Tables(Optional.of("messaging"));
    List<String> statements =
        List.of(
            Dialect.POSTGRESQL.nextSeq(messaging),
            Dialect.MARIADB.nextSeq(messaging),
            Dialect.claimStatement(false, messaging),
            Dialect.claimStatement(true, messaging));

    for (String sql : statements) {
      // every table name in the text carries the schema
      assertThat(UNQUALIFIED.matcher(sql).find()).as(sql).isFalse();
      assertThat(sql).contains("messaging.outbox_");
    }
    assertThat(Dialect.claimStatement(true, messaging)).contains("m.id = ANY(?)");
    assertThat(Dialect.POSTGRESQL.nextSeq(messaging))
        .startsWith("INSERT INTO messaging.outbox_key AS k ")
        .contains("version = k.version + 1");
    assertThat(Dialect.DERBY.nextSeq(messaging)).isNull();
  }

  @Test
  void withoutSchemaTheDefaultSchemaFindsTheTables() {
    assertThat(Dialect.claimStatement(false, Tables.DEFAULT))
        .contains("DELETE FROM outbox_message d")
        .doesNotContain(".outbox_");
    assertThat(Dialect.MARIADB.nextSeq(Tables.DEFAULT)).startsWith("INSERT INTO outbox_key ");
  }

  /** An outbox table's name that no schema qualifies. */
  private static final Pattern UNQUALIFIED =
      Pattern.compile("(?<![.\\w])outbox_(message|key|inbox)");

  private static DatabaseMetaData metaData(String product, String version, int major, int minor) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            DialectTest.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getDatabaseProductName" -> product;
                  case "getDatabaseProductVersion" -> version;
                  case "getDatabaseMajorVersion" -> major;
                  case "getDatabaseMinorVersion" -> minor;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
