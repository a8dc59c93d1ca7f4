package dev.txoutbox.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.it.deployment.Deployments;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code -Dit.schema=flyway} or {@code liquibase} (outbox-it/pom.xml) the suite runs on tables
 * that the tool made from the shipped migrations, upgrading V1 tables that held events, and the
 * component, which does not create tables then, started on them: the history of the tool lists
 * every migration shipped for the database, in order. Runs only then.
 */
@ExtendWith(ArquillianExtension.class)
class MigratedSchemaIT {
  private static final Pattern INCLUDE = Pattern.compile("<include file=\"([^\"]+)\"");

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(MigratedSchemaIT.class);
  }

  @Inject OutboxConfig config;

  @Resource DataSource dataSource;

  @Test
  void theComponentCreatesNoTables() {
    assertThat(config.initializeSchema()).isFalse();
  }

  @Test
  void theToolsHistoryListsEveryShippedMigrationInOrder() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      String directory = "META-INF/txoutbox/sql/" + directory(c.getMetaData()) + "/";
      List<String> shipped = shipped(directory);
      assertThat(shipped).isNotEmpty();
      if (hasTable(c, "txoutbox_schema_history")) { // Flyway's, as docs/schema.md names it
        // Flyway quotes its names: lower case, also where unquoted ones are upper case (H2)
        String sql =
            "SELECT %1$sscript%1$s FROM %1$stxoutbox_schema_history%1$s WHERE %1$stype%1$s = 'SQL'"
                + " AND %1$ssuccess%1$s = TRUE ORDER BY %1$sinstalled_rank%1$s";
        assertThat(column(c, String.format(sql, c.getMetaData().getIdentifierQuoteString())))
            .isEqualTo(shipped);
      } else {
        assertThat(hasTable(c, "databasechangelog")).as("Flyway's or Liquibase's history").isTrue();
        assertThat(column(c, "SELECT filename FROM DATABASECHANGELOG ORDER BY orderexecuted"))
            .isEqualTo(shipped.stream().map(file -> directory + file).toList());
      }
    }
  }

  /** The directory of the shipped migrations of the database, as Dialect names them. */
  private static String directory(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return "postgresql";
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return "mariadb";
    }
    return product.contains("derby") ? "derby" : "h2";
  }

  /** The database's V files, as its shipped changelog.xml includes them, in the outbox-ejb jar. */
  private static List<String> shipped(String directory) throws IOException {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream(directory + "changelog.xml")) {
      assertThat(in).as(directory + "changelog.xml").isNotNull();
      String changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return INCLUDE.matcher(changelog).results().map(m -> m.group(1)).toList();
    }
  }

  /** Whether the connection's default schema has the table, in whatever case the tool wrote it. */
  private static boolean hasTable(Connection c, String table) throws SQLException {
    DatabaseMetaData metaData = c.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet tables =
          metaData.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
