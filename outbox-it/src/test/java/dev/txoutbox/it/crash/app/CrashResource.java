package dev.txoutbox.it.crash.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The crash test's endpoints under /crash/api: {@code POST orders?id=} places an order (200 once
 * committed, 409 when rolled back on purpose), {@code PUT halts/...} arms a halt, {@code GET state}
 * is what the checker reads, {@code GET} answers this server's node id once it is up.
 */
@Path("")
@RequestScoped
public class CrashResource {
  @Inject Orders orders;
  @Inject Halts halts;
  @Inject CrashTables tables;

  @Inject
  @ConfigProperty(name = "outbox.relay.node-id")
  String node;

  @POST
  @Path("orders")
  @Produces(MediaType.TEXT_PLAIN) // the 409's reason
  public Response place(
      @QueryParam("id") String id,
      @QueryParam("rollback") boolean rollBack,
      @QueryParam("halt") String halt) {
    try {
      orders.place(id, rollBack, "after-commit".equals(halt));
      return Response.ok().build();
    } catch (Orders.RolledBack e) {
      return Response.status(Response.Status.CONFLICT).entity(e.getMessage()).build();
    }
  }

  @PUT
  @Path("halts/handoff")
  public void haltAtNextHandoff() {
    halts.haltAtNextHandoff();
  }

  @PUT
  @Path("halts/xa-commit")
  public void haltInNextXaCommit() {
    halts.haltInNextXaCommit();
  }

  @GET
  @Path("state")
  @Produces(MediaType.TEXT_PLAIN)
  public String state() throws SQLException {
    return tables.state();
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String node() {
    return node;
  }
}
