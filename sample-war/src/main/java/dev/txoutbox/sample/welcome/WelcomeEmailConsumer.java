package dev.txoutbox.sample.welcome;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.sample.users.UserRegistered;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Consumes UserRegistered events and "sends" the welcome email by recording it, in the transaction
 * that receives the message. A subscriber of the topic user-events through a durable subscription
 * named welcome-email (server-config's activation spec on Liberty, WEB-INF/jboss-ejb3.xml on
 * WildFly), beside the audit log. The inbox makes a redelivered event a no-op: one email per user.
 */
@MessageDriven(
    name = "WelcomeEmailConsumer",
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic")
    })
public class WelcomeEmailConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(WelcomeEmailConsumer.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final String CONSUMER = "welcome-email";

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @Inject Inbox inbox;

  @Override
  public void onMessage(Message message) {
    try {
      if (!"UserRegistered".equals(message.getJMSType())) {
        return;
      }
      if (!inbox.firstDelivery(CONSUMER, message)) {
        LOG.fine("duplicate delivery skipped");
        return; // a redelivery: this event's email was sent already
      }
      String eventId = message.getStringProperty(MessageProperties.EVENT_ID);
      UserRegistered event =
          JSONB.fromJson(((TextMessage) message).getText(), UserRegistered.class);
      em.persist(new WelcomeEmail(event.userId(), event.email(), eventId, Instant.now()));
      LOG.fine(() -> "welcome email recorded for user " + event.userId() + ", event " + eventId);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable message " + e, e);
    }
  }
}
