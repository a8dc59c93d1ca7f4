package dev.txoutbox.internal.metrics;

import java.time.Duration;

/** Metrics where the OpenTelemetry API is missing: nothing is recorded. */
enum Unmetered implements Meters {
  INSTANCE;

  @Override
  public void count(Counter counter, String destination, String eventType) {
    // no meter to count with
  }

  @Override
  public void commitToSend(String destination, String eventType, Duration latency) {
    // no meter to record with
  }

  @Override
  public void close() {
    // nothing registered
  }
}
