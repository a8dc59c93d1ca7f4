package ${package};

import dev.txoutbox.inbox.Inbox;
import dev.txoutbox.publish.MessageProperties;
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

/**
 * Consumes OrderPlaced events and ships each order once: the inbox records the event id in the
 * transaction that receives the message, so a redelivered event is skipped. Which queue it reads
 * is the server's to say: server.xml's activation spec, named in META-INF/ibm-ejb-jar-bnd.xml (Open
 * Liberty), and META-INF/jboss-ejb3.xml (WildFly).
 */
@MessageDriven(name = "Shipping")
public class Shipping implements MessageListener {
  private static final Jsonb JSONB = JsonbBuilder.create();

  @PersistenceContext(unitName = "orders")
  EntityManager em;

  @Inject Inbox inbox;

  @Override
  public void onMessage(Message message) {
    try {
      if (!"OrderPlaced".equals(message.getJMSType()) || !inbox.firstDelivery("shipping", message)) {
        return;
      }
      OrderPlaced event = JSONB.fromJson(((TextMessage) message).getText(), OrderPlaced.class);
      em.persist(
          new Shipment(event.orderId(), message.getStringProperty(MessageProperties.EVENT_ID)));
    } catch (JMSException e) {
      // the transaction rolls back and the broker redelivers the message
      throw new IllegalStateException("unreadable message: " + e.getMessage(), e);
    }
  }
}
