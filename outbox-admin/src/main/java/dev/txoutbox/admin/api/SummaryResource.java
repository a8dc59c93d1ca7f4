package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.admin.api.Answers.Summary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/summary: the count of events per status and the age of the oldest pending one. */
@Path("summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "summary", description = "How the outbox is doing")
@APIResponse(responseCode = "401", ref = AdminApi.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = AdminApi.FORBIDDEN)
@RequestScoped
public class SummaryResource {

  @Inject OutboxAdmin admin;

  @GET
  @Operation(operationId = "getSummary", summary = "Counts per status and the oldest pending age")
  @APIResponse(
      responseCode = "200",
      description = "The summary",
      content = @Content(schema = @Schema(implementation = Summary.class)))
  public Summary summary() {
    Map<String, Long> counts = new LinkedHashMap<>(); // in the statuses' order
    for (Map.Entry<EventStatus, Long> count : admin.countByStatus().entrySet()) {
      counts.put(count.getKey().name(), count.getValue());
    }
    return new Summary(counts, admin.oldestPendingAge().map(Duration::toSeconds).orElse(null));
  }
}
