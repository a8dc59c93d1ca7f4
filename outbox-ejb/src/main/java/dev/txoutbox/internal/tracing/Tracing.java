package dev.txoutbox.internal.tracing;

import java.util.Optional;

/**
 * What the outbox asks of distributed tracing, in terms free of OpenTelemetry types, so that the
 * publish and relay code load and run where the OpenTelemetry API is missing. Inject it: {@link
 * TracingSetup} produces the OpenTelemetry implementation where the application sees the API, else
 * one that does nothing. Internal to the component: an application has no reason to use it.
 */
public interface Tracing {

  /** The W3C {@code traceparent} of the span active on this thread; empty without a valid one. */
  Optional<String> traceparent();

  /**
   * Starts the producer span of one send of an event, linked to the span that published it.
   *
   * @param traceparent the publisher's {@code traceparent} as stored, or null: then no link
   */
  SendSpan sending(String eventId, String destination, String traceparent);

  /** The span of one send: close it when the send call has returned. */
  interface SendSpan extends AutoCloseable {
    /** The send failed with this error. */
    void failed(Throwable error);

    /** Ends the span. */
    @Override
    void close();
  }
}
