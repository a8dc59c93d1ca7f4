package dev.txoutbox.it.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Writes business rows through the test application's persistence unit. */
@ApplicationScoped
public class Ledger {
  @PersistenceContext(unitName = "business")
  EntityManager em;

  @Transactional(TxType.MANDATORY)
  public void add(String id) {
    em.persist(new LedgerEntry(id));
    em.flush();
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean contains(String id) {
    return em.find(LedgerEntry.class, id) != null;
  }
}
