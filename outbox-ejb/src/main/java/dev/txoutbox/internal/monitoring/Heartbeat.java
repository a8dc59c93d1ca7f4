package dev.txoutbox.internal.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * When the relay of this server last ran: it beats at the start of each pass and after each batch.
 */
@ApplicationScoped
public class Heartbeat {
  private volatile long lastNanos = System.nanoTime();
  private volatile Instant last = Instant.now();

  /** Records that the relay is running now. */
  public void beat() {
    lastNanos = System.nanoTime();
    last = Instant.now();
  }

  public Instant last() {
    return last;
  }

  /** Time since the last beat (or since this bean was created, before the first one). */
  public Duration silence() {
    return Duration.ofNanos(System.nanoTime() - lastNanos);
  }
}
