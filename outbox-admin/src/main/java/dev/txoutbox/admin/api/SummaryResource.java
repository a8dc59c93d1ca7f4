package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.OutboxAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/summary: the count of events per status and the age of the oldest pending one. */
@Path("summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "summary", description = "How the outbox is doing")
@RequestScoped
public class SummaryResource {

  @Inject OutboxAdmin admin;

  @GET
  @Operation(
      summary = "Counts per status and the oldest pending age",
      description =
          "{\"counts\":{\"PENDING\":n,\"SENT\":n,\"DEAD\":n,\"SKIPPED\":n},"
              + " \"oldestPendingAgeSeconds\": seconds since the oldest PENDING event was"
              + " published, or null when none is pending}")
  @APIResponse(responseCode = "200", description = "The summary")
  public JsonObject summary() {
    JsonObjectBuilder counts = Json.createObjectBuilder();
    for (Map.Entry<EventStatus, Long> count : admin.countByStatus().entrySet()) {
      counts.add(count.getKey().name(), count.getValue());
    }
    JsonObjectBuilder summary = Json.createObjectBuilder().add("counts", counts);
    Optional<Duration> oldest = admin.oldestPendingAge();
    if (oldest.isPresent()) {
      summary.add("oldestPendingAgeSeconds", oldest.get().toSeconds());
    } else {
      summary.addNull("oldestPendingAgeSeconds");
    }
    return summary.build();
  }
}
