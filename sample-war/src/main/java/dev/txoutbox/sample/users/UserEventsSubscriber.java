package dev.txoutbox.sample.users;

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.publish.MessageProperties;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * A subscriber of the topic user-events: an MDB with a durable subscription of its own
 * (server-config's activation spec on Liberty, WEB-INF/jboss-ejb3.xml on WildFly), so each event
 * reaches it once whatever the other subscribers do. It records a row for each event, in the
 * transaction that receives the message; the inbox, under the subscriber's name, makes a
 * redelivered event a no-op.
 */
public abstract class UserEventsSubscriber implements MessageListener {
  private static final Logger LOG = Logger.getLogger(UserEventsSubscriber.class.getName());

  private final String name;

  @Inject Inbox inbox;

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  /**
   * @param name the subscriber's name in the inbox, the same as its subscription's
   */
  protected UserEventsSubscriber(String name) {
    this.name = name;
  }

  /** Whether this subscriber records events of this type; it leaves the others alone. */
  protected boolean handles(String eventType) {
    return true;
  }

  /** The row to record for an event this subscriber meets the first time. */
  protected abstract Object record(Message event) throws JMSException;

  @Override
  public void onMessage(Message message) {
    try {
      if (!handles(message.getJMSType())) {
        return;
      }
      String eventId = message.getStringProperty(MessageProperties.EVENT_ID);
      if (!inbox.firstDelivery(name, message)) {
        LOG.fine(() -> name + ": event " + eventId + " delivered again, skipped");
        return;
      }
      em.persist(record(message));
      LOG.fine(() -> name + ": event " + eventId + " recorded");
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable message " + e, e);
    }
  }
}
