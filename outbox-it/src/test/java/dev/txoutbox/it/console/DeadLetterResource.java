package dev.txoutbox.it.console;

import dev.txoutbox.it.Queues;
import dev.txoutbox.it.Transactions;
import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.publish.OutboxEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;

/**
 * What the browser test (ConsoleIT, which runs as a client) needs inside the server, under {@code
 * /sample/api/console-it}: dead letters made the real way (events of type Doomed die after two
 * attempts while the "full" destination holds a filler message), and the queue read back.
 */
@Path("console-it")
@RequestScoped
public class DeadLetterResource {
  private static final String DOOMED = "Doomed";

  @Inject Transactions transactions;
  @Inject Queues queues;

  /** {@code POST doomed?key=k}: publishes a Doomed event for "full" on key k; answers its id. */
  @POST
  @Path("doomed")
  @Produces(MediaType.TEXT_PLAIN)
  public String doomed(@QueryParam("key") String key) {
    OutboxEvent event =
        OutboxEvent.of(DOOMED, "{}")
            .destination("full")
            .aggregate("Order", key)
            .orderingKey(key)
            .build();
    return transactions.publish(event).toString();
  }

  /** {@code PUT full/{filler}}: puts a filler message in "full", which then refuses sends. */
  @PUT
  @Path("full/{filler}")
  public void fill(@PathParam("filler") UUID filler) {
    queues.fillFull(filler.toString());
  }

  /** {@code DELETE full/{filler}}: takes that filler out again, if it is there. */
  @DELETE
  @Path("full/{filler}")
  public void free(@PathParam("filler") UUID filler) {
    queues.freeFull(filler.toString(), Duration.ofSeconds(1));
  }

  /**
   * {@code GET full/events/{id}}: consumes the message of that event from "full", waiting up to 20
   * s; 200 with its event id and attempt, 404 if none came.
   */
  @GET
  @Path("full/events/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response received(@PathParam("id") UUID id) {
    return queues
        .receive("full", "eventId = '" + id + "'", Duration.ofSeconds(20))
        .map(
            message ->
                Response.ok(
                        Json.createObjectBuilder()
                            .add(
                                "eventId",
                                String.valueOf(message.property(MessageProperties.EVENT_ID)))
                            .add("type", String.valueOf(message.type()))
                            .add(
                                "attempt",
                                String.valueOf(message.property(MessageProperties.ATTEMPT)))
                            .build()
                            .toString())
                    .build())
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
  }
}
