package dev.txoutbox.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;

/**
 * Commit order per ordering key. A publish increments its key's version (an UPDATE, which locks the
 * row until the transaction ends) and gives the new version to its event as seq. A second
 * transaction on the same key waits for the first to end, so per key, seq order is commit order, on
 * any number of servers, and the relay sends each key in seq order. The rows are kept: a key's seq
 * never restarts.
 */
@ApplicationScoped
class OrderingKeys {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Inject Database database;

  /**
   * Increments the key's version in the caller's transaction, locking the row until it ends, and
   * returns the new version; empty when the key has no row yet.
   */
  @Transactional(TxType.MANDATORY)
  Optional<Long> next(String key) {
    if (em.createNamedQuery("OrderingKey.lock").setParameter("key", key).executeUpdate() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        em.createNamedQuery("OrderingKey.version", Long.class)
            .setParameter("key", key)
            .getSingleResult());
  }

  /**
   * Creates the key's row in a transaction of its own. Where the database can, a row that another
   * transaction created in the meantime is no error; elsewhere (Derby) this fails then, and the
   * caller goes on.
   */
  @Transactional(TxType.REQUIRES_NEW)
  void register(String key) {
    String insert = database.dialect().insertKeyIfAbsent();
    if (insert == null) {
      em.persist(new OrderingKey(key));
    } else {
      em.createNativeQuery(insert).setParameter(1, key).executeUpdate();
    }
  }
}
