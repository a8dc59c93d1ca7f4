package dev.txoutbox.internal.tracing;

import java.util.Optional;

/** Tracing where the OpenTelemetry API is missing: nothing is stored, sends have no span. */
enum Untraced implements Tracing, Tracing.SendSpan {
  INSTANCE;

  @Override
  public Optional<String> traceparent() {
    return Optional.empty();
  }

  @Override
  public SendSpan sending(String eventId, String destination, String traceparent) {
    return this;
  }

  @Override
  public void failed(Throwable error) {
    // no span to mark
  }

  @Override
  public void close() {
    // no span to end
  }
}
