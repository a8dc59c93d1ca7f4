package dev.txoutbox.inbox;

import dev.txoutbox.publish.MessageProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;

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

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  /** True the first time {@code consumer} meets {@code eventId}, false on every later delivery. */
  @Transactional(TxType.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    if (consumer == null || consumer.isBlank() || eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("txoutbox inbox: consumer and event id are required");
    }
    if (em.find(InboxEntry.class, new InboxEntry.Key(consumer, eventId)) != null) {
      return false;
    }
    em.persist(new InboxEntry(consumer, eventId, Instant.now()));
    em.flush();
    return true;
  }

  /** {@link #firstDelivery(String, String)} with the event id of a message the relay sent. */
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

  /** Deletes up to {@code limit} entries received before {@code before}; returns how many. */
  @Transactional(TxType.REQUIRES_NEW)
  public int purge(Instant before, int limit) {
    List<Object[]> old =
        em.createNamedQuery("InboxEntry.receivedBefore", Object[].class)
            .setParameter("before", before)
            .setMaxResults(limit)
            .getResultList();
    for (Object[] key : old) {
      em.remove(
          em.getReference(InboxEntry.class, new InboxEntry.Key((String) key[0], (String) key[1])));
    }
    return old.size();
  }
}
