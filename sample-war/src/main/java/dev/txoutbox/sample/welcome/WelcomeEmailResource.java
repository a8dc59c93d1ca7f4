package dev.txoutbox.sample.welcome;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** GET /api/welcome-emails lists the welcome emails sent so far. */
@Path("welcome-emails")
@Produces(MediaType.APPLICATION_JSON)
public class WelcomeEmailResource {

  /** One sent welcome email. */
  public record SentEmail(String userId, String email, String eventId, Instant sentAt) {}

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @GET
  public List<SentEmail> list() {
    return em.createNamedQuery("WelcomeEmail.all", WelcomeEmail.class).getResultList().stream()
        .map(w -> new SentEmail(w.getUserId(), w.getEmail(), w.getEventId(), w.getSentAt()))
        .toList();
  }
}
