package dev.txoutbox.it.crash.app;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.publish.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The crash test's consumer. In its transaction it records every delivery (duplicates included) as
 * a receipt, and, through the inbox, the first delivery of each event as an effect: a duplicate
 * effect would be a failure of the inbox, a duplicate receipt is what the inbox is for.
 */
@MessageDriven // bound to its queue by CrashServers
public class CrashConsumer implements MessageListener {

  @Inject Inbox inbox;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Override
  public void onMessage(Message message) {
    try {
      String eventId = message.getStringProperty(MessageProperties.EVENT_ID);
      insert("INSERT INTO crash_receipt (event_id) VALUES (?)", eventId);
      if (inbox.firstDelivery("crash-test", eventId)) {
        insert("INSERT INTO crash_effect (event_id) VALUES (?)", eventId);
      }
    } catch (JMSException | SQLException e) {
      throw new EJBException("cannot record a receipt", e);
    }
  }

  private void insert(String sql, String eventId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(sql)) {
      insert.setString(1, eventId);
      insert.executeUpdate();
    }
  }
}
