package dev.txoutbox.it;

import dev.txoutbox.admin.OutboxAdmin;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What tests over HTTP (AdminApiIT) need inside the server, at /outbox-test/fixtures: DEAD events
 * made through the real path (type Doomed dies after two attempts on the test servers, and the
 * "full" destination refuses sends while a filler message sits in it), and the messages the relay
 * then sends to "full". Hidden from the server's OpenAPI document, which AdminApiIT writes for CI's
 * linter: they are no part of the admin API it describes.
 */
@Path("dead-events")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class DeadEventsResource {

  /** The fixtures' JAX-RS application. */
  @ApplicationPath("fixtures")
  public static class Fixtures extends Application {}

  // events taken from "full" while another was awaited (a test fixture's state, for its requests)
  private static final Map<String, Queues.Received> TAKEN = new ConcurrentHashMap<>();

  @Inject Transactions transactions;
  @Inject Queues queues;
  @Inject OutboxAdmin admin;

  /**
   * Publishes {@code count} events of type Doomed to "full", each with an ordering key of its own,
   * and answers once all are DEAD: {"dead": [{"id", "key"}...], "blocked": [...]}. Then publishes
   * {@code blocked} events of type Blocked behind each, with the same key: they stay PENDING behind
   * their DEAD head, and once it is replayed and sent, or skipped, they go to the default
   * destination, where a send does not fail.
   */
  @POST
  @Operation(hidden = true)
  public JsonObject create(@QueryParam("count") int count, @QueryParam("blocked") int blocked) {
    // a replayed event of an earlier test may still sit in the queue and take the filler's place
    queues.receiveAll("full", null, 100, Duration.ofMillis(200), Duration.ofSeconds(5));
    String filler = queues.fillFull();
    List<UUID> dead = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        String key = "admin-it-" + UUID.randomUUID();
        keys.add(key);
        dead.add(
            transactions.publish(
                OutboxEvent.of("Doomed", "{}").destination("full").orderingKey(key).build()));
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  dead.stream()
                      .allMatch(
                          id -> admin.event(id).map(e -> e.status().equals("DEAD")).orElse(false)));
    } finally {
      queues.freeFull(filler, Duration.ofSeconds(1));
    }
    JsonArrayBuilder deadJson = Json.createArrayBuilder();
    JsonArrayBuilder blockedJson = Json.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      deadJson.add(
          Json.createObjectBuilder().add("id", dead.get(i).toString()).add("key", keys.get(i)));
      for (int j = 0; j < blocked; j++) {
        UUID id =
            transactions.publish(
                OutboxEvent.of("Blocked", "{}")
                    .destination("events")
                    .orderingKey(keys.get(i))
                    .build());
        blockedJson.add(
            Json.createObjectBuilder().add("id", id.toString()).add("key", keys.get(i)));
      }
    }
    return Json.createObjectBuilder().add("dead", deadJson).add("blocked", blockedJson).build();
  }

  /**
   * 200 once the relay has sent the event to "full" (consuming it), 404 if it did not in 15 s.
   * Whatever else arrives in "full" meanwhile is taken too and kept for its own request: "full"
   * holds one message, and the relay sends replayed events in an order of its own, so waiting for
   * one while another fills the queue would starve the one awaited.
   */
  @GET
  @Path("sent/{id}")
  @Operation(hidden = true)
  public Response sent(@PathParam("id") String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Queues.Received found = TAKEN.remove(id);
    while (found == null && System.nanoTime() < deadline) {
      Optional<Queues.Received> any = queues.receive("full", null, Duration.ofMillis(500));
      if (any.isPresent()) {
        Object eventId = any.get().property(MessageProperties.EVENT_ID);
        if (id.equals(eventId)) {
          found = any.get();
        } else if (eventId != null) {
          TAKEN.put(eventId.toString(), any.get());
        }
      }
    }
    return found == null
        ? Response.status(Response.Status.NOT_FOUND).build()
        : Response.ok(
                Json.createObjectBuilder()
                    .add("attempt", String.valueOf(found.property(MessageProperties.ATTEMPT)))
                    .build())
            .build();
  }
}
