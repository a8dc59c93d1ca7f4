package dev.txoutbox.internal.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;

/** The inbox table: which events each consumer has processed. */
@ApplicationScoped
public class InboxEntries {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  /**
   * Records that {@code consumer} processes {@code eventId} now, in the caller's transaction; false
   * when it was recorded before. The row is flushed at once, so that two copies processed at the
   * same moment collide on the primary key here rather than at commit.
   */
  @Transactional(TxType.MANDATORY)
  public boolean record(String consumer, String eventId, Instant now) {
    if (em.find(InboxEntry.class, new InboxEntry.Key(consumer, eventId)) != null) {
      return false;
    }
    em.persist(new InboxEntry(consumer, eventId, now));
    em.flush();
    return true;
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
