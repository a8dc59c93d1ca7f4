package dev.txoutbox.it.cluster;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /cluster/api/events?key=k&count=n}: publishes n events on key k in one transaction
 * and answers their ids, one per line, once it has committed.
 */
@Path("events")
@RequestScoped
public class LoadResource {
  @Inject LoadPublisher publisher;

  @Inject
  @ConfigProperty(name = "outbox.relay.node-id")
  String node;

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String publish(@QueryParam("key") String key, @QueryParam("count") int count) {
    return publisher.publish(key, count).stream()
        .map(UUID::toString)
        .collect(Collectors.joining("\n"));
  }

  @Inject SlowSends sends;

  /** How many sends this server's relay has begun. */
  @GET
  @Path("sends")
  @Produces(MediaType.TEXT_PLAIN)
  public long sends() {
    return sends.sends();
  }

  /**
   * {@code PUT /cluster/api/events/send-delay?ms=n}: each send of this server's relay is slower.
   */
  @PUT
  @Path("send-delay")
  public void delaySends(@QueryParam("ms") long millis) {
    sends.delayEachSend(millis);
  }

  /** This server's node id: the test waits for it before it starts. */
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String node() {
    return node;
  }
}
