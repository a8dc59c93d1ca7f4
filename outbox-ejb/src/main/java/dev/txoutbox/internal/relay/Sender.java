package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.internal.tracing.Tracing;
import dev.txoutbox.internal.tracing.Tracing.SendSpan;
import dev.txoutbox.publish.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends a batch in one JTA transaction. The transaction is demarcated here, not by an interceptor,
 * because its commit is where a broker may refuse the batch (a full address on Artemis, with a
 * heuristic outcome), and the relay must see that.
 *
 * <p>At least once ({@link #send(List)}), the transaction holds only the JMS session, and the
 * outcome is recorded on the rows afterwards, in another transaction: a crash in between sends a
 * message again. Exactly once ({@link #sendAndMark}), the same transaction first marks the rows as
 * sent, which also locks them, then sends: over an XA datasource and an XA connection factory, the
 * transaction manager commits both or neither, and recovers an interrupted commit after a crash.
 */
@Stateless
@LocalBean
@TransactionManagement(TransactionManagementType.BEAN)
public class Sender implements Broker {
  private static final Logger LOG = Logger.getLogger(Sender.class.getName());
  // made once: Json.createReader looks the JSON-P provider up on every call
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
  // org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID
  private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  @Inject OutboxConfig config;
  @Inject Event<Sending> sending;
  @Inject Event<Handoff> handoff;
  @Inject Event<Delivering> delivering;
  @Inject Tracing tracing;
  @Resource UserTransaction transaction;

  private final Map<String, Destination> destinations = new ConcurrentHashMap<>();

  @Override
  public Outcome send(List<OutboxMessage> batch) {
    return send(batch, null);
  }

  @Override
  public Outcome sendAndMark(List<OutboxMessage> batch, ToIntFunction<List<OutboxMessage>> mark) {
    return send(batch, mark);
  }

  /**
   * Sends the batch in one transaction. A broker may refuse a whole transaction at commit for one
   * message (Artemis does when an address is full): the messages are then sent again one per
   * transaction, so that each gets its own outcome and one refused message does not fail or kill
   * its neighbours; after a message of a key fails, the key's later messages are released. When no
   * connection to the broker can be made at all, nothing is tried one by one: every message fails
   * with that error at once and backs off, instead of each waiting out its own connection attempt.
   */
  private Outcome send(List<OutboxMessage> batch, ToIntFunction<List<OutboxMessage>> mark) {
    delivering.fire(
        new Delivering(
            batch.stream().map(OutboxMessage::id).toList(),
            batch.stream().map(OutboxMessage::eventType).collect(Collectors.toSet())));
    try {
      return inOneTransaction(batch, mark);
    } catch (Exception e) {
      if (e instanceof Unreachable unreachable) {
        return Outcome.allFailed(batch, unreachable.getMessage());
      }
      String error = notCommitted(e);
      if (batch.size() == 1 && mark != null) {
        return Outcome.allFailed(batch, error);
      }
      LOG.log(
          Level.FINE,
          "txoutbox: a batch of {0} was not committed ({1}); sending one by one",
          new Object[] {batch.size(), error});
      Outcome result = Outcome.NONE;
      Set<String> failedKeys = new HashSet<>();
      String unreachable = null;
      for (OutboxMessage message : batch) {
        Outcome alone;
        if (unreachable != null) {
          alone = Outcome.allFailed(List.of(message), unreachable);
        } else if (failedKeys.contains(message.orderingKey())) {
          alone = Outcome.released(message);
        } else {
          try {
            alone = sendAlone(message, mark);
          } catch (Unreachable u) {
            unreachable = u.getMessage();
            alone = Outcome.allFailed(List.of(message), unreachable);
          }
        }
        if (!alone.failed().isEmpty() && message.orderingKey() != null) {
          failedKeys.add(message.orderingKey());
        }
        result = result.plus(alone);
      }
      return result;
    }
  }

  private Outcome sendAlone(OutboxMessage message, ToIntFunction<List<OutboxMessage>> mark) {
    if (mark == null) {
      // At least once, a message alone needs no transaction: its send is its commit. And Artemis
      // drops a copy of a message it has seen (_AMQ_DUPL_ID) silently outside a transaction, where
      // inside one it refuses the whole commit, indistinguishably from any other refusal.
      try {
        Outcome result = sendAll(List.of(message), true);
        handedOff(result);
        return result;
      } catch (Unreachable e) {
        throw e;
      } catch (RuntimeException e) {
        return Outcome.allFailed(List.of(message), Outcome.describe(e));
      }
    }
    try {
      return inOneTransaction(List.of(message), mark);
    } catch (Unreachable e) {
      throw e;
    } catch (Exception e) {
      return Outcome.allFailed(List.of(message), notCommitted(e));
    }
  }

  private Outcome inOneTransaction(
      List<OutboxMessage> messages, ToIntFunction<List<OutboxMessage>> mark) throws Exception {
    try {
      transaction.begin();
      if (mark != null && mark.applyAsInt(messages) < messages.size()) {
        rollback();
        return Outcome.allLapsed(messages);
      }
      Outcome result = sendAll(messages, mark == null);
      if (mark == null) {
        transaction.commit();
        handedOff(result);
        return result;
      }
      if (!result.failed().isEmpty() || !result.released().isEmpty()) {
        // the failed ones are marked as sent too: undo it all
        rollback();
        if (messages.size() == 1) {
          return result;
        }
        throw new IllegalStateException(result.failed().size() + " messages could not be sent");
      }
      handedOff(result);
      transaction.commit();
      return result;
    } catch (Exception e) {
      rollback();
      throw e;
    }
  }

  private void handedOff(Outcome result) {
    if (!result.sent().isEmpty()) {
      handoff.fire(new Handoff(result.sent().stream().map(OutboxMessage::id).toList()));
    }
  }

  private static String notCommitted(Exception e) {
    return "the send was not committed: "
        + Outcome.describe(e)
        + " (the server log has the broker's reason)";
  }

  private void rollback() {
    try {
      if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
        transaction.rollback();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "txoutbox: rolling back a failed batch failed", e);
    }
  }

  /** Sends each message; {@code duplicateId}: with Artemis's duplicate id (at least once only). */
  private Outcome sendAll(List<OutboxMessage> batch, boolean duplicateId) {
    try (JMSContext context = connect()) {
      JMSProducer producer = context.createProducer();
      return Outcome.sendEach(batch, message -> send(context, producer, message, duplicateId));
    }
  }

  private void send(
      JMSContext context, JMSProducer producer, OutboxMessage message, boolean duplicateId)
      throws JMSException, NamingException {
    try (SendSpan span =
        tracing.sending(message.id(), message.destination(), message.traceparent())) {
      try {
        sending.fire(
            new Sending(
                message.id(),
                message.eventType(),
                message.orderingKey(),
                message.destination(),
                message.attempts() + 1));
        producer.send(destination(message.destination()), toJms(context, message, duplicateId));
      } catch (RuntimeException | JMSException | NamingException e) {
        span.failed(e);
        throw e;
      }
    }
  }

  private TextMessage toJms(JMSContext context, OutboxMessage message, boolean duplicateId)
      throws JMSException {
    TextMessage jms = context.createTextMessage(message.payload());
    jms.setJMSType(message.eventType());
    jms.setStringProperty(MessageProperties.EVENT_ID, message.id());
    if (duplicateId) {
      // At least once, ActiveMQ Artemis drops a message whose duplicate id it has seen on that
      // address (within its id cache): a re-send of the same event never reaches a consumer twice.
      // Other brokers carry it as an ordinary property. Exactly once needs none (the send and its
      // record commit together), and inside an XA transaction Artemis would refuse a duplicate at
      // prepare, again at every retry.
      jms.setStringProperty(DUPLICATE_ID, message.id());
    }
    jms.setLongProperty(MessageProperties.SEQUENCE, message.seq());
    jms.setIntProperty(MessageProperties.ATTEMPT, message.attempts() + 1);
    jms.setLongProperty(MessageProperties.CREATED_AT, message.createdAt().toEpochMilli());
    if (message.traceparent() != null) {
      jms.setStringProperty(MessageProperties.TRACEPARENT, message.traceparent());
    }
    if (message.aggregateType() != null) {
      jms.setStringProperty(MessageProperties.AGGREGATE_TYPE, message.aggregateType());
    }
    if (message.aggregateId() != null) {
      jms.setStringProperty(MessageProperties.AGGREGATE_ID, message.aggregateId());
    }
    if (message.orderingKey() != null) {
      jms.setStringProperty(MessageProperties.ORDERING_KEY, message.orderingKey());
      jms.setStringProperty("JMSXGroupID", message.orderingKey());
    }
    if (message.headers() != null) {
      JsonObject headers = READERS.createReader(new StringReader(message.headers())).readObject();
      for (Entry<String, JsonValue> header : headers.entrySet()) {
        jms.setStringProperty(header.getKey(), ((JsonString) header.getValue()).getString());
      }
    }
    return jms;
  }

  /**
   * A context on the relay's connection factory. Its failure is the broker's, not a message's (the
   * broker is down, unreachable, or refuses the credentials), so it is thrown as {@link
   * Unreachable}.
   */
  private JMSContext connect() {
    try {
      return connectionFactory().createContext();
    } catch (RuntimeException e) {
      throw new Unreachable("no connection to the broker: " + Outcome.describe(e));
    }
  }

  /** No connection to the broker could be made: every message of the batch fails alike. */
  private static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message, null, false, false);
    }
  }

  private ConnectionFactory connectionFactory() {
    try {
      return InitialContext.doLookup(config.connectionFactory());
    } catch (NamingException e) {
      throw new JMSRuntimeException(
          "txoutbox: no JMS connection factory at '"
              + config.connectionFactory()
              + "' (outbox.jms.connection-factory): "
              + e);
    }
  }

  private Destination destination(String destination) throws NamingException {
    Destination known = destinations.get(destination);
    if (known != null) {
      return known;
    }
    String jndiName =
        config
            .destinations()
            .jndiName(destination)
            .orElseThrow(
                () ->
                    new NamingException(
                        "destination '"
                            + destination
                            + "' is not mapped: set outbox.destination."
                            + destination));
    // a queue or a topic: whatever the server binds at that name
    Destination found = InitialContext.doLookup(jndiName);
    destinations.put(destination, found);
    return found;
  }
}
