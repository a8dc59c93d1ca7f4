package dev.txoutbox.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;

/**
 * Commit order per ordering key. A publish increments its key's version, which locks the key's row
 * until the transaction ends, and gives the new version to its event as seq. A second transaction
 * on the same key waits for the first to end, so per key, seq order is commit order, on any number
 * of servers, and the relay sends each key in seq order. The rows are kept: a key's seq never
 * restarts.
 */
@ApplicationScoped
class OrderingKeys {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Inject Database database;

  /**
   * Increments the key's version in the caller's transaction and returns the new version. Where the
   * database has an upsert, one statement also creates a new key's row at 1 (two statements on
   * MariaDB, on one connection). Elsewhere (Derby) the answer is empty for a key that has no row
   * yet: {@link #register} it, then ask again.
   */
  @Transactional(TxType.MANDATORY)
  Optional<Long> next(String key) {
    Dialect dialect = database.dialect();
    if (dialect.nextSeq() != null) {
      Query next = em.createNativeQuery(dialect.nextSeq()).setParameter(1, key);
      if (dialect.readSeq() == null) {
        return Optional.of(((Number) next.getSingleResult()).longValue());
      }
      next.executeUpdate();
      return Optional.of(
          ((Number) em.createNativeQuery(dialect.readSeq()).getSingleResult()).longValue());
    }
    if (em.createNamedQuery("OrderingKey.lock").setParameter("key", key).executeUpdate() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        em.createNamedQuery("OrderingKey.version", Long.class)
            .setParameter("key", key)
            .getSingleResult());
  }

  /** Creates the key's row in a transaction of its own (Derby, which has no upsert). */
  @Transactional(TxType.REQUIRES_NEW)
  void register(String key) {
    em.persist(new OrderingKey(key));
  }
}
