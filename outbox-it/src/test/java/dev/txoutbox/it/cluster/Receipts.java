package dev.txoutbox.it.cluster;

import dev.txoutbox.publish.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Records every message it receives, in order of receipt (one consumer: the activation spec has a
 * maximum concurrency of 1), duplicates included, in the test's {@code cluster_receipt} table.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
public class Receipts implements MessageListener {

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Override
  public void onMessage(Message message) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO cluster_receipt (event_id, ordering_key, seq, attempt)"
                    + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, message.getStringProperty(MessageProperties.EVENT_ID));
      insert.setString(2, message.getStringProperty(MessageProperties.ORDERING_KEY));
      insert.setLong(3, message.getLongProperty(MessageProperties.SEQUENCE));
      insert.setInt(4, message.getIntProperty(MessageProperties.ATTEMPT));
      insert.executeUpdate();
    } catch (SQLException | JMSException e) {
      throw new EJBException("cannot record a receipt", e);
    }
  }
}
