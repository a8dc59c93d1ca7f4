package dev.txoutbox.inbox;

import dev.txoutbox.internal.store.InboxEntries;
import dev.txoutbox.publish.MessageProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;

/**
 * Remembers which events each consumer has processed. Call it first thing in the consumer's
 * transaction (an MDB's {@code onMessage}); when it answers false, acknowledge and return:
 *
 * <pre>{@code
 * if (!inbox.firstDelivery("welcome-email", message)) {
 *   return; // processed before: a redelivery
 * }
 * }</pre>
 *
 * The record commits with the consumer's own work, so a rollback forgets both. Two copies processed
 * at the same moment collide on the primary key; the loser's transaction rolls back and its message
 * is redelivered, and then skipped.
 */
@ApplicationScoped
public class Inbox {

  @Inject InboxEntries entries;

  /**
   * Records, in the caller's transaction, that {@code consumer} processes {@code eventId}.
   *
   * @param consumer the consumer's name, the same on every server (such as "welcome-email")
   * @param eventId the event id
   * @return true the first time {@code consumer} meets {@code eventId}, false on every later
   *     delivery
   * @throws IllegalArgumentException when the consumer or the event id is missing
   */
  @Transactional(TxType.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    if (consumer == null || consumer.isBlank() || eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("txoutbox inbox: consumer and event id are required");
    }
    return entries.record(consumer, eventId, Instant.now());
  }

  /**
   * {@link #firstDelivery(String, String)} with the event id of a message the relay sent.
   *
   * @param consumer the consumer's name, the same on every server
   * @param message a message the relay sent, which carries {@link MessageProperties#EVENT_ID}
   * @return true the first time {@code consumer} meets its event, false on every later delivery
   * @throws IllegalArgumentException when the message has no event id
   */
  @Transactional(TxType.MANDATORY)
  public boolean firstDelivery(String consumer, Message message) {
    try {
      String eventId = message.getStringProperty(MessageProperties.EVENT_ID);
      if (eventId == null) {
        throw new IllegalArgumentException(
            "txoutbox inbox: the message has no " + MessageProperties.EVENT_ID + " property");
      }
      return firstDelivery(consumer, eventId);
    } catch (JMSException e) {
      throw new IllegalStateException("txoutbox inbox: cannot read the message's event id", e);
    }
  }
}
