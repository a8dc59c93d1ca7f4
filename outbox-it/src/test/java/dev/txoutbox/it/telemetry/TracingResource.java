package dev.txoutbox.it.telemetry;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.testlab.fixture.Queues;
import dev.txoutbox.testlab.fixture.Transactions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;

/** TracingIT's side in the server: publishes inside a span or outside any, and reads the queue. */
@Path("tracing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TracingResource {
  @Inject Tracer tracer;
  @Inject Transactions transactions;
  @Inject Queues queues;

  /** Publishes in a transaction inside a span of its own; answers the event id and that span. */
  @POST
  @Path("traced")
  public JsonObject publishTraced() {
    Span span = tracer.spanBuilder("register user").startSpan();
    try (Scope scope = span.makeCurrent()) {
      UUID id = transactions.publish(event());
      return Json.createObjectBuilder()
          .add("eventId", id.toString())
          .add("traceId", span.getSpanContext().getTraceId())
          .add("spanId", span.getSpanContext().getSpanId())
          .build();
    } finally {
      span.end();
    }
  }

  /** Publishes with no span active (not even this request's server span). */
  @POST
  @Path("untraced")
  public JsonObject publishUntraced() {
    try (Scope scope = Context.root().makeCurrent()) {
      UUID id = transactions.publish(event());
      return Json.createObjectBuilder().add("eventId", id.toString()).build();
    }
  }

  /** The event's message from the queue, with its traceparent property (null when absent). */
  @GET
  @Path("received/{eventId}")
  public Response received(@PathParam("eventId") String eventId) {
    return queues
        .receive("events", "eventId = '" + eventId + "'", Duration.ofSeconds(20))
        .map(
            message -> {
              JsonObjectBuilder json = Json.createObjectBuilder().add("eventId", eventId);
              Object traceparent = message.property("traceparent");
              if (traceparent == null) {
                json.addNull("traceparent");
              } else {
                json.add("traceparent", traceparent.toString());
              }
              return Response.ok(json.build()).build();
            })
        .orElse(Response.status(Response.Status.NOT_FOUND).build());
  }

  private static OutboxEvent event() {
    return OutboxEvent.of("UserRegistered", "{\"user\":\"" + UUID.randomUUID() + "\"}").build();
  }
}
