package dev.txoutbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.config.OutboxConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code -Dit.schema=flyway} or {@code liquibase} (outbox-it/pom.xml) the suite runs on tables
 * that the tool made from the shipped migrations, upgrading V1 tables that held events, and the
 * component, which does not create tables then, started on them: the tool's history lists every
 * migration shipped for the database, in order. Runs only then.
 */
@ExtendWith(ArquillianExtension.class)
class MigratedSchemaIT {
  private static final Pattern INCLUDE = Pattern.compile("<include file=\"([^\"]+)\"");

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(MigratedSchemaIT.class);
  }

  @Inject OutboxConfig config;

  @Test
  void theComponentCreatesNoTables() {
    assertThat(config.initializeSchema()).isFalse();
  }

  @Test
  @RunAsClient
  void theToolsHistoryListsEveryShippedMigrationInOrder() throws Exception {
    String directory = "META-INF/txoutbox/sql/" + System.getProperty("it.database") + "/";
    List<String> shipped = shipped(directory);
    assertThat(shipped).isNotEmpty();
    try (Connection c =
        DriverManager.getConnection(
            System.getProperty("it.db.url"), System.getProperty("it.db.admin-user"), "")) {
      switch (System.getProperty("it.schema")) {
        case "flyway" ->
            assertThat(
                    column(
                        c,
                        "SELECT script FROM txoutbox_schema_history WHERE success = TRUE"
                            + " ORDER BY installed_rank"))
                .isEqualTo(shipped);
        case "liquibase" ->
            assertThat(column(c, "SELECT filename FROM DATABASECHANGELOG ORDER BY orderexecuted"))
                .isEqualTo(shipped.stream().map(file -> directory + file).toList());
        default -> throw new IllegalArgumentException(System.getProperty("it.schema"));
      }
    }
  }

  /** The database's V files, as its shipped changelog.xml includes them, in the outbox-ejb jar. */
  private static List<String> shipped(String directory) throws IOException {
    try (InputStream in =
        MigratedSchemaIT.class.getClassLoader().getResourceAsStream(directory + "changelog.xml")) {
      assertThat(in).as(directory + "changelog.xml").isNotNull();
      String changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return INCLUDE.matcher(changelog).results().map(m -> m.group(1)).toList();
    }
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
