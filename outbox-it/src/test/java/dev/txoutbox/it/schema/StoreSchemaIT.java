package dev.txoutbox.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Ledger;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox tables are where {@code outbox.store.schema} puts them, and nowhere else: the
 * component wrote its rows there (JPA and native SQL alike), while the business row of the same
 * transaction stays in the application's default schema. With the key unset, "there" is the
 * connection's default schema. The build sets it with {@code -Doutbox.store.schema=messaging}.
 */
@ExtendWith(ArquillianExtension.class)
class StoreSchemaIT {

  private static final String[] TABLES = {"outbox_message", "outbox_key", "outbox_inbox"};

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(StoreSchemaIT.class);
  }

  @Inject OutboxService outbox;
  @Inject Inbox inbox;
  @Inject Ledger ledger;
  @Inject OutboxTable table;

  @Resource DataSource dataSource;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void outboxTablesExistOnlyInTheConfiguredSchema() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String expected = OutboxTable.schema().orElse(defaultSchema(c)).toLowerCase(Locale.ROOT);
      for (String table : TABLES) {
        assertThat(schemasHolding(c, table)).as(table).containsExactly(expected);
      }
    }
  }

  @Test
  void rowsOfOneTransactionGoToTheConfiguredSchemaAndTheBusinessRowStaysOutside() throws Exception {
    String key = "schema-" + UUID.randomUUID();
    String consumer = "schema-it";
    String eventId = UUID.randomUUID().toString();

    transaction.begin();
    ledger.add(key);
    // an idempotency key: the row is written at once (not at commit) and kept once sent
    UUID published =
        outbox.publish(
            OutboxEvent.of("SchemaChecked", "{}").orderingKey(key).idempotencyKey(key).build());
    // before the commit, in the same transaction: the JPA insert went to the configured table
    assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE id = ?", published.toString()))
        .isEqualTo(1);
    assertThat(inbox.firstDelivery(consumer, eventId)).isTrue();
    transaction.commit();

    assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE id = ?", published.toString()))
        .isEqualTo(1);

    // the key's upsert is native SQL (PostgreSQL, MariaDB); its row outlives the send
    assertThat(count("SELECT COUNT(*) FROM outbox_key WHERE ordering_key = ?", key)).isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbox_inbox WHERE consumer = ? AND event_id = ?",
                consumer,
                eventId))
        .isEqualTo(1);
    assertThat(table.keyVersion(key)).contains(1L);
    // the business row: in the application's default schema, unqualified
    assertThat(ledger.contains(key)).isTrue();
    assertThat(count("SELECT COUNT(*) FROM it_ledger_entry WHERE id = ?", key)).isEqualTo(1);
  }

  /** The connection's default schema, as the database names it in its catalog. */
  private static String defaultSchema(Connection c) throws SQLException {
    return schemasInTables(c) ? c.getSchema() : c.getCatalog();
  }

  /**
   * The schemas of this database that hold {@code table} (the catalogs, where schemas are catalogs:
   * MariaDB, where only the connection's own and the configured one are looked at).
   */
  private static Set<String> schemasHolding(Connection c, String table) throws SQLException {
    DatabaseMetaData metaData = c.getMetaData();
    Set<String> schemas = new TreeSet<>();
    boolean bySchema = schemasInTables(c);
    List<String> catalogs = new ArrayList<>();
    if (bySchema) {
      catalogs.add(null); // every schema of the connection's database
    } else {
      catalogs.add(c.getCatalog());
      OutboxTable.schema().ifPresent(catalogs::add);
    }
    for (String catalog : catalogs) {
      for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
        try (ResultSet tables = metaData.getTables(catalog, null, name, new String[] {"TABLE"})) {
          while (tables.next()) {
            String schema = tables.getString(bySchema ? "TABLE_SCHEM" : "TABLE_CAT");
            schemas.add(schema.toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return schemas;
  }

  private static boolean schemasInTables(Connection c) throws SQLException {
    return c.getMetaData().supportsSchemasInTableDefinitions();
  }

  private int count(String sql, String... parameters) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(OutboxTable.qualified(sql))) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
