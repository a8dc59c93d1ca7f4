package dev.txoutbox.it.cluster;

import dev.txoutbox.internal.relay.Sending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: counts the sends of this server's relay, and on demand makes each one take longer,
 * like a slow broker, so that the relay holds a claim most of the time. An EAR library, so that the
 * component's module sees the observer.
 */
@ApplicationScoped
public class SlowSends {
  private volatile long delay;

  private final AtomicLong sends = new AtomicLong();

  void onSending(@Observes Sending sending) {
    sends.incrementAndGet();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** From now on, each send takes {@code millis} longer. */
  public void delayEachSend(long millis) {
    delay = millis;
  }

  /** Sends this server's relay has begun. */
  public long sends() {
    return sends.get();
  }
}
