package dev.txoutbox.it.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the sample's tables with plain JDBC. */
@ApplicationScoped
public class SampleTables {
  @Resource // the default datasource, which the sample uses
  DataSource dataSource;

  /** The event ids of the welcome emails sent to one user. */
  public List<String> welcomeEmailEventIds(String userId) {
    return eventIds("SELECT event_id FROM sample_welcome_email WHERE user_id = ?", userId);
  }

  /** The event ids of the audit log's entries about one user. */
  public List<String> auditEventIds(String userId) {
    return eventIds("SELECT event_id FROM sample_audit_entry WHERE user_id = ?", userId);
  }

  private List<String> eventIds(String sql, String userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, userId);
      List<String> eventIds = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          eventIds.add(rs.getString(1));
        }
      }
      return eventIds;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
