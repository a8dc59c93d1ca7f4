package dev.txoutbox.sample.audit;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.publish.MessageProperties;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Records every event of the topic user-events in the audit log, in the transaction that receives
 * the message. A subscriber of its own beside the welcome email: a durable subscription named
 * audit-log (server-config's activation spec on Liberty, WEB-INF/jboss-ejb3.xml on WildFly), so
 * each event reaches it once whatever the other subscriber does; the inbox, under its own consumer
 * name, makes a redelivered event a no-op.
 */
@MessageDriven(
    name = "AuditLogConsumer",
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic")
    })
public class AuditLogConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(AuditLogConsumer.class.getName());

  private static final String CONSUMER = "audit-log";

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @Inject Inbox inbox;

  @Override
  public void onMessage(Message message) {
    try {
      if (!inbox.firstDelivery(CONSUMER, message)) {
        LOG.fine("duplicate delivery skipped");
        return; // a redelivery: this event is in the log already
      }
      String eventId = message.getStringProperty(MessageProperties.EVENT_ID);
      em.persist(
          new AuditEntry(
              eventId,
              message.getJMSType(),
              message.getStringProperty(MessageProperties.AGGREGATE_ID),
              Instant.ofEpochMilli(message.getLongProperty(MessageProperties.CREATED_AT)),
              Instant.now()));
      LOG.fine(() -> "audit entry recorded for event " + eventId);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable message " + e, e);
    }
  }
}
