package dev.txoutbox.it.crash.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The crash test's tables, created at the first start: orders (the business data), receipts (one
 * row per delivery) and effects (one row per first delivery, through the inbox). Plain SQL, the
 * same on Derby, PostgreSQL and MariaDB.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrashTables {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE crash_order (id VARCHAR(36) NOT NULL PRIMARY KEY, event_id VARCHAR(36) NOT NULL)",
          "CREATE TABLE crash_receipt (event_id VARCHAR(36) NOT NULL)",
          "CREATE TABLE crash_effect (event_id VARCHAR(36) NOT NULL)");

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @PostConstruct
  void create() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        try {
          s.execute(ddl);
        } catch (SQLException exists) {
          // created at an earlier start
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The state the checker reads: each table's rows, one per line after a header line naming the
   * table (an order as its id and its event's id; receipts and effects as the event id, once per
   * row), the outbox rows by status, and the pending ones whose last send failed (FAILING).
   */
  public String state() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("crash_order", "crash_receipt", "crash_effect")) {
        out.append("#").append(table).append('\n');
        boolean orders = table.equals("crash_order");
        try (ResultSet rows =
            s.executeQuery("SELECT " + (orders ? "id, event_id" : "event_id") + " FROM " + table)) {
          while (rows.next()) {
            out.append(rows.getString(1));
            if (orders) {
              out.append(' ').append(rows.getString(2));
            }
            out.append('\n');
          }
        }
      }
      out.append("#outbox\n");
      try (ResultSet rows =
          s.executeQuery("SELECT status, COUNT(*) FROM outbox_message GROUP BY status")) {
        while (rows.next()) {
          out.append(rows.getString(1)).append(' ').append(rows.getLong(2)).append('\n');
        }
      }
      // pending events whose last send failed, with the error recorded for the next attempt
      try (ResultSet rows =
          s.executeQuery(
              "SELECT COUNT(*) FROM outbox_message"
                  + " WHERE status = 'PENDING' AND last_error IS NOT NULL")) {
        rows.next();
        out.append("FAILING ").append(rows.getLong(1)).append('\n');
      }
    }
    return out.toString();
  }
}
