package dev.txoutbox.sample;

import dev.txoutbox.sample.audit.AuditEntry;
import dev.txoutbox.sample.welcome.WelcomeEmail;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Function;

/**
 * What the subscribers of user-events recorded, in the order recorded: GET /api/welcome-emails
 * lists the welcome emails sent so far, GET /api/audit-log the audit log.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {
  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @GET
  @Path("welcome-emails")
  public List<WelcomeEmail.SentEmail> welcomeEmails() {
    return all("WelcomeEmail.all", WelcomeEmail.class, WelcomeEmail::sent);
  }

  @GET
  @Path("audit-log")
  public List<AuditEntry.Entry> auditLog() {
    return all("AuditEntry.all", AuditEntry.class, AuditEntry::entry);
  }

  private <R, V> List<V> all(String namedQuery, Class<R> rows, Function<R, V> view) {
    return em.createNamedQuery(namedQuery, rows).getResultList().stream().map(view).toList();
  }
}
