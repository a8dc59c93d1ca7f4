package dev.txoutbox.sample.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** GET /api/audit-log lists the audit log: the events of user-events, in the order recorded. */
@Path("audit-log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

  /** One recorded event. */
  public record Entry(
      String eventId, String type, String userId, Instant publishedAt, Instant recordedAt) {}

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @GET
  public List<Entry> list() {
    return em.createNamedQuery("AuditEntry.all", AuditEntry.class).getResultList().stream()
        .map(
            a ->
                new Entry(
                    a.getEventId(),
                    a.getType(),
                    a.getUserId(),
                    a.getPublishedAt(),
                    a.getRecordedAt()))
        .toList();
  }
}
