package dev.txoutbox.internal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tracing with the OpenTelemetry API and the application's {@link OpenTelemetry} bean (MicroProfile
 * Telemetry provides it; without one, spans are not recorded, but a trace context that another
 * instrumentation made current is still stored and sent). Not a bean: {@link TracingSetup} creates
 * it once it has seen the API, so that no class the container inspects names an OpenTelemetry type.
 *
 * <p>The send's span has no parent: it runs later, on the relay's thread, and may carry events of
 * many traces; it is linked to the publishing span instead. The relay's wake-up may run on a thread
 * that inherited the publisher's context, which must not make the send its child.
 */
final class OpenTelemetryTracing implements Tracing {
  static final String TRACEPARENT = "traceparent";
  private static final String SCOPE = "dev.txoutbox";
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<Map<String, String>> FROM_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;

  OpenTelemetryTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Tracing with the application's OpenTelemetry bean, or with none (no spans recorded). */
  static Tracing create(BeanManager beans) {
    Instance<OpenTelemetry> telemetry = beans.createInstance().select(OpenTelemetry.class);
    OpenTelemetry openTelemetry = telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop();
    return new OpenTelemetryTracing(openTelemetry.getTracer(SCOPE));
  }

  @Override
  public Optional<String> traceparent() {
    if (!Span.current().getSpanContext().isValid()) {
      return Optional.empty();
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.current(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(TRACEPARENT));
  }

  @Override
  public SendSpan sending(String eventId, String destination, String traceparent) {
    SpanBuilder span =
        tracer
            .spanBuilder("send " + destination)
            .setSpanKind(SpanKind.PRODUCER)
            .setNoParent()
            .setAttribute("messaging.system", "jms")
            .setAttribute("messaging.operation", "publish")
            .setAttribute("messaging.destination.name", destination)
            .setAttribute("messaging.message.id", eventId);
    SpanContext publisher = publisher(traceparent);
    if (publisher.isValid()) {
      span.addLink(publisher);
    }
    return new Send(span.startSpan());
  }

  /** The publishing span's context from a stored traceparent; invalid when there is none. */
  static SpanContext publisher(String traceparent) {
    if (traceparent == null) {
      return SpanContext.getInvalid();
    }
    Context extracted = W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
    return Span.fromContext(extracted).getSpanContext();
  }

  private record Send(Span span) implements SendSpan {
    @Override
    public void failed(Throwable error) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
    }

    @Override
    public void close() {
      span.end();
    }
  }
}
