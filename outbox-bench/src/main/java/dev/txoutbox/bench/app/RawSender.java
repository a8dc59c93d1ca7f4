package dev.txoutbox.bench.app;

import dev.txoutbox.publish.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The baseline of B2 and B3: sends what the relay sends, the way it sends it (a JTA transaction
 * demarcated here, a JMS context from the relay's connection factory, persistent text messages with
 * the same properties, to the same queue), with no database at all.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class RawSender {
  @Resource UserTransaction transaction;
  @Resource TransactionSynchronizationRegistry transactions;
  @Inject Tally tally;

  @Inject
  @ConfigProperty(name = "outbox.jms.connection-factory")
  String connectionFactory;

  @Inject
  @ConfigProperty(name = "outbox.destination.events")
  String queue;

  /** Sends {@code count} messages, {@code batch} per transaction. */
  public void send(int count, int batch) throws Exception {
    ConnectionFactory factory = javax.naming.InitialContext.doLookup(connectionFactory);
    Queue destination = javax.naming.InitialContext.doLookup(queue);
    for (int done = 0; done < count; done += batch) {
      transaction.begin();
      try (JMSContext context = factory.createContext()) {
        JMSProducer producer = context.createProducer();
        for (int i = 0; i < Math.min(batch, count - done); i++) {
          producer.send(destination, message(context, UUID.randomUUID().toString()));
        }
      } catch (RuntimeException e) {
        transaction.rollback();
        throw e;
      }
      transaction.commit();
    }
  }

  /** Sends one message in a transaction of its own and notes the commit's moment (B3). */
  public void sendOneTimed() throws Exception {
    ConnectionFactory factory = javax.naming.InitialContext.doLookup(connectionFactory);
    Queue destination = javax.naming.InitialContext.doLookup(queue);
    String id = UUID.randomUUID().toString();
    transaction.begin();
    try (JMSContext context = factory.createContext()) {
      Orders.whenCommitted(transactions, id, tally);
      context.createProducer().send(destination, message(context, id));
    } catch (RuntimeException e) {
      transaction.rollback();
      throw e;
    }
    transaction.commit();
  }

  private static TextMessage message(JMSContext context, String id) throws JMSException {
    TextMessage message =
        context.createTextMessage(Payloads.orderPlaced(id, 42, BigDecimal.valueOf(12345, 2)));
    message.setJMSType("OrderPlaced");
    message.setStringProperty(MessageProperties.EVENT_ID, id);
    message.setLongProperty(MessageProperties.SEQUENCE, 0);
    message.setIntProperty(MessageProperties.ATTEMPT, 1);
    message.setLongProperty(MessageProperties.CREATED_AT, System.currentTimeMillis());
    message.setStringProperty(MessageProperties.AGGREGATE_TYPE, "Order");
    message.setStringProperty(MessageProperties.AGGREGATE_ID, id);
    return message;
  }
}
