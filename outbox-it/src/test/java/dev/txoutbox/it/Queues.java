package dev.txoutbox.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and writes the real queues behind the outbox's logical destinations (resolved through the
 * same configuration keys the relay uses).
 */
@ApplicationScoped
public class Queues {

  /** A received message, copied out of the JMS session. */
  public record Received(String type, String text, Map<String, Object> properties) {
    public Object property(String name) {
      return properties.get(name);
    }
  }

  @Resource // the default JMS connection factory, as the relay uses
  ConnectionFactory connectionFactory;

  /** A subscription to a topic, receiving until closed. */
  public record Subscription(JMSContext context, JMSConsumer consumer) implements AutoCloseable {
    /**
     * The messages that arrive, in arrival order: the first within {@code firstWithin}, then each
     * next one until none came for {@code quietFor}.
     */
    public List<Received> receiveAll(Duration firstWithin, Duration quietFor) {
      List<Received> received = new ArrayList<>();
      for (Message m = consumer.receive(firstWithin.toMillis());
          m != null;
          m = consumer.receive(quietFor.toMillis())) {
        received.add(copy(m));
      }
      return received;
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * Opens a shared subscription of the given name to the topic behind a logical destination: each
   * subscription receives every message published from now on, once.
   */
  public Subscription subscribe(String destination, String subscription, String selector) {
    JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    try {
      Topic topic = InitialContext.doLookup(jndiName(destination));
      return new Subscription(context, context.createSharedConsumer(topic, subscription, selector));
    } catch (NamingException | RuntimeException e) {
      context.close();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the broker is ActiveMQ Artemis (embedded in WildFly, or external), by its own name. */
  public boolean onArtemis() {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      return context.getMetaData().getJMSProviderName().contains("ActiveMQ");
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits up to {@code timeout} for a message matching the JMS selector, and consumes it. */
  public Optional<Received> receive(String destination, String selector, Duration timeout) {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(queue(destination), selector)) {
      Message message = consumer.receive(timeout.toMillis());
      return Optional.ofNullable(message).map(Queues::copy);
    }
  }

  /**
   * Consumes messages matching the selector, in arrival order, until {@code count} arrived or no
   * message came for {@code quietFor}, or {@code timeout} passed.
   */
  public List<Received> receiveAll(
      String destination, String selector, int count, Duration quietFor, Duration timeout) {
    return receiveShare(
        destination,
        selector,
        new AtomicInteger(),
        count,
        quietFor,
        timeout,
        new CountDownLatch(1));
  }

  /**
   * One of several competing consumers: consumes messages matching the selector, in arrival order,
   * until all of them together ({@code together}) received {@code count}, or none came to this one
   * for {@code quietFor}, or {@code timeout} passed. Counts {@code attached} down once its consumer
   * is attached to the queue.
   */
  public List<Received> receiveShare(
      String destination,
      String selector,
      AtomicInteger together,
      int count,
      Duration quietFor,
      Duration timeout,
      CountDownLatch attached) {
    List<Received> received = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    long poll = Math.min(quietFor.toMillis(), 200);
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(queue(destination), selector)) {
      attached.countDown();
      long lastArrival = System.nanoTime();
      while (together.get() < count && System.nanoTime() < deadline) {
        Message message = consumer.receive(poll);
        if (message != null) {
          received.add(copy(message));
          together.incrementAndGet();
          lastArrival = System.nanoTime();
        } else if (System.nanoTime() - lastArrival > quietFor.toNanos()) {
          break;
        }
      }
    }
    return received;
  }

  /**
   * Sends a message as the relay would: a text with JMSType and string properties, to the queue or
   * topic behind a logical destination.
   */
  public void send(String destination, String type, String text, Map<String, String> properties) {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      var producer = context.createProducer().setJMSType(type);
      properties.forEach(producer::setProperty);
      producer.send(destination(destination), text);
    }
  }

  /** How many messages matching the selector wait in the queue. */
  public int waiting(String destination, String selector) {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        var browser = context.createBrowser(queue(destination), selector)) {
      return Collections.list(browser.getEnumeration()).size();
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a text message with one string property, outside any transaction. */
  public void send(String destination, String text, String property, String value) {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      context.createProducer().setProperty(property, value).send(queue(destination), text);
    }
  }

  /**
   * Fills the test destination "full", whose queue holds one message, so that every send to it
   * fails until {@link #freeFull}; returns the filler's id. An earlier test's event (a replay, a
   * retried event) that the relay sent while "full" stood free takes the filler's place: it is
   * taken out, and the filler sent again.
   */
  public String fillFull() {
    return fillFull(UUID.randomUUID().toString());
  }

  /** {@link #fillFull()} with a filler of the given id; returns it. */
  public String fillFull(String filler) {
    for (int attempt = 1; ; attempt++) {
      try {
        send("full", "x".repeat(300), "filler", filler);
        return filler;
      } catch (JMSRuntimeException full) {
        if (attempt == 5) {
          throw full;
        }
        receiveAll("full", null, 10, Duration.ofMillis(200), Duration.ofSeconds(2));
      }
    }
  }

  /** Takes the filler back out of "full", waiting up to {@code timeout}; empty if it is gone. */
  public Optional<Received> freeFull(String filler, Duration timeout) {
    return receive("full", "filler = '" + filler + "'", timeout);
  }

  private static String jndiName(String destination) {
    return ConfigProvider.getConfig().getValue("outbox.destination." + destination, String.class);
  }

  private static Queue queue(String destination) {
    return destination(destination);
  }

  private static <D extends Destination> D destination(String destination) {
    try {
      return InitialContext.doLookup(jndiName(destination));
    } catch (NamingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Received copy(Message message) {
    try {
      Map<String, Object> properties = new HashMap<>();
      for (Object name : Collections.list(message.getPropertyNames())) {
        properties.put((String) name, message.getObjectProperty((String) name));
      }
      String text = message instanceof TextMessage t ? t.getText() : null;
      return new Received(message.getJMSType(), text, properties);
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }
}
