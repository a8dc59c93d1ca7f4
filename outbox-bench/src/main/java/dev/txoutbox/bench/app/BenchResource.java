package dev.txoutbox.bench.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the benchmark driver calls. Every call blocks until its work is done; answers are JSON but
 * for the two plain values.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class BenchResource {
  @Inject Loads loads;
  @Inject HeldEvents held;
  @Inject RawSender raw;
  @Inject Tally tally;
  @Inject Orders orders;
  @Inject SentCounter sends;

  /** This server's node id; the driver waits for it after a start. */
  @GET
  @Path("node")
  @Produces(MediaType.TEXT_PLAIN)
  public String node() {
    orders.createCustomers();
    return ConfigProvider.getConfig().getValue("outbox.relay.node-id", String.class);
  }

  /**
   * B1: {@code clients} closed-loop clients for {@code ms}, with or without the publish; with
   * {@code row}, the publish's row written by plain SQL instead ({@link Orders#placeWithRow}).
   */
  @POST
  @Path("closed-loop")
  public JsonObject closedLoop(
      @QueryParam("clients") int clients,
      @QueryParam("ms") long millis,
      @QueryParam("publish") boolean publish,
      @QueryParam("row") boolean row)
      throws Exception {
    return loads.closedLoop(clients, millis, publish, row);
  }

  /** B3: an open-loop producer at {@code rate} per second for {@code ms}; outbox or raw sends. */
  @POST
  @Path("open-loop")
  public JsonObject openLoop(
      @QueryParam("rate") double rate,
      @QueryParam("ms") long millis,
      @QueryParam("outbox") boolean outbox)
      throws Exception {
    return loads.openLoop(rate, millis, outbox);
  }

  /** B2/B4: publishes {@code count} held-back events of {@code type}, 500 per transaction. */
  @POST
  @Path("backlog")
  public void stage(
      @QueryParam("type") String type,
      @QueryParam("count") int count,
      @QueryParam("keys") int keys) {
    for (int from = 0; from < count; from += 500) {
      held.stage(type, from, Math.min(500, count - from), keys);
    }
  }

  /**
   * Makes the held-back events of {@code type} due at once and waits until the relays have sent
   * them all (this server's relay announced each as sent, or no row is PENDING); answers how many
   * and how long that took, from the release's commit, and how many this server announced.
   */
  @POST
  @Path("backlog/drain")
  public JsonObject drain(@QueryParam("type") String type) throws InterruptedException {
    sends.watch(type);
    try {
      int events = held.release(type);
      long start = System.nanoTime();
      // this server's relay announces each event it sent: the last one ends the wait at once;
      // other servers' sends (B4) it cannot hear, so the table is asked too, every 20 ms
      long heard;
      while ((heard = sends.await(type, events, 20)) < events && held.anyPending()) {
        // not all sent yet
      }
      return Json.createObjectBuilder()
          .add("events", events)
          .add("nanos", System.nanoTime() - start)
          .add("heard", heard)
          .build();
    } finally {
      sends.forget(type);
    }
  }

  /** Deletes every outbox row (after B1 with the relay off, which leaves them all). */
  @POST
  @Path("outbox/clear")
  public void clear() {
    held.clear();
  }

  @GET
  @Path("pending")
  @Produces(MediaType.TEXT_PLAIN)
  public long pending() {
    return held.pending();
  }

  /**
   * B2's baseline: {@code count} messages, {@code batch} per transaction, no database; answers how
   * long the sending took.
   */
  @POST
  @Path("raw")
  public JsonObject rawSend(@QueryParam("count") int count, @QueryParam("batch") int batch)
      throws Exception {
    long start = System.nanoTime();
    raw.send(count, batch);
    return Json.createObjectBuilder().add("nanos", System.nanoTime() - start).build();
  }

  @POST
  @Path("tally/reset")
  public void reset(@QueryParam("check") boolean check, @QueryParam("time") boolean time) {
    tally.reset(check, time);
  }

  @GET
  @Path("tally")
  public JsonObject tally() {
    return tally.figures();
  }
}
