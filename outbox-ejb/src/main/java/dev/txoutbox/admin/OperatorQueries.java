package dev.txoutbox.admin;

import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.internal.store.Pending;
import dev.txoutbox.internal.store.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator's queries and changes: counts, dead letters, replay and skip. */
@ApplicationScoped
@Transactional
class OperatorQueries {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Inject Event<Pending> pending;

  /** How many rows each status has (every status, zero included). */
  public Map<Status, Long> countByStatus() {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      counts.put(status, 0L);
    }
    for (Object[] row :
        em.createNamedQuery("OutboxMessage.countByStatus", Object[].class).getResultList()) {
      counts.put((Status) row[0], ((Number) row[1]).longValue());
    }
    return counts;
  }

  /**
   * Rows oldest first (ties by id, so that pages do not overlap), filtered by whichever of status,
   * type, key and age are given (null: any).
   */
  public List<OutboxMessage> list(
      Status status,
      String eventType,
      String orderingKey,
      Instant createdBefore,
      int offset,
      int limit) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<OutboxMessage> query = cb.createQuery(OutboxMessage.class);
    Root<OutboxMessage> m = query.from(OutboxMessage.class);
    List<Predicate> where = new ArrayList<>();
    if (status != null) {
      where.add(cb.equal(m.get("status"), status));
    }
    if (eventType != null) {
      where.add(cb.equal(m.get("eventType"), eventType));
    }
    if (orderingKey != null) {
      where.add(cb.equal(m.get("orderingKey"), orderingKey));
    }
    if (createdBefore != null) {
      where.add(cb.lessThanOrEqualTo(m.get("createdAt"), createdBefore));
    }
    query
        .where(where.toArray(Predicate[]::new))
        .orderBy(cb.asc(m.get("createdAt")), cb.asc(m.get("id")));
    return em.createQuery(query).setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  /** Makes DEAD rows pending again, due now, with a fresh count of attempts; returns how many. */
  public int replay(Collection<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    int replayed =
        em.createNamedQuery("OutboxMessage.replay")
            .setParameter("ids", ids)
            .setParameter("now", now)
            .executeUpdate();
    if (replayed > 0) {
      pending.fire(new Pending(List.copyOf(ids)));
    }
    return replayed;
  }

  /** The DEAD rows of one event type created in [from, to). */
  public List<OutboxMessage> deadOfTypeBetween(String eventType, Instant from, Instant to) {
    return em.createNamedQuery("OutboxMessage.deadOfTypeBetween", OutboxMessage.class)
        .setParameter("type", eventType)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList();
  }

  /** Sets a DEAD or PENDING row aside as SKIPPED with the operator's reason; false if none was. */
  public boolean skip(String id, String reason) {
    return em.createNamedQuery("OutboxMessage.skip")
            .setParameter("id", id)
            .setParameter("reason", reason)
            .setParameter("from", List.of(Status.DEAD, Status.PENDING))
            .executeUpdate()
        == 1;
  }

  /** One row, as stored. */
  public Optional<OutboxMessage> find(String id) {
    return Optional.ofNullable(em.find(OutboxMessage.class, id));
  }
}
