package dev.txoutbox.bench.app;

import dev.txoutbox.publish.MessageProperties;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The counting consumer of B2 to B4: notes each message, does nothing else. No transaction (the
 * message is acknowledged on return), so that receiving costs as little as it can.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven // bound to its queue by the server's activation spec (bench Server)
public class Consumer implements MessageListener {
  @Inject Tally tally;

  @Override
  public void onMessage(Message message) {
    try {
      tally.received(
          message.getStringProperty(MessageProperties.EVENT_ID),
          message.getStringProperty(MessageProperties.ORDERING_KEY),
          message.propertyExists(MessageProperties.SEQUENCE)
              ? message.getLongProperty(MessageProperties.SEQUENCE)
              : 0);
    } catch (JMSException e) {
      throw new JMSRuntimeException(e.getMessage());
    }
  }
}
