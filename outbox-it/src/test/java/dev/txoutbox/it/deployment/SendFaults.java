package dev.txoutbox.it.deployment;

import dev.txoutbox.internal.relay.Delivering;
import dev.txoutbox.internal.relay.Sending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault injection: observes the relay's {@link Sending} event and fails chosen sends. It
 * is packaged as an EAR library so that the component's module sees the observer.
 */
@ApplicationScoped
public class SendFaults {
  private volatile String eventType;
  private volatile double rate;
  private volatile String failingKey;
  private volatile String heldType;
  private volatile CountDownLatch held = new CountDownLatch(0);
  private final AtomicInteger injected = new AtomicInteger();

  void onDelivering(@Observes Delivering batch) {
    String held = heldType;
    if (held != null && batch.eventTypes().contains(held)) {
      hang();
    }
  }

  void onSending(@Observes Sending sending) {
    if (sending.eventType().equals(heldType)) {
      hang();
    }
    if (sending.orderingKey() != null && sending.orderingKey().equals(failingKey)) {
      injected.incrementAndGet();
      throw new IllegalStateException("injected fault: key " + failingKey + " always fails");
    }
    if (sending.eventType().equals(eventType) && ThreadLocalRandom.current().nextDouble() < rate) {
      injected.incrementAndGet();
      throw new IllegalStateException("injected fault: random failure");
    }
  }

  /** Fails sends of one event type at random, with the given probability. */
  public void failRandomly(String eventType, double rate) {
    this.eventType = eventType;
    this.rate = rate;
  }

  /** Fails every send of one ordering key. */
  public void failKey(String orderingKey) {
    this.failingKey = orderingKey;
  }

  /**
   * Makes every batch with an event of one type hang before its transaction begins (and every send
   * of that type, should one start), holding up the relay, until {@link #release}.
   */
  public void hold(String eventType) {
    held = new CountDownLatch(1);
    heldType = eventType;
  }

  public void release() {
    heldType = null;
    held.countDown();
  }

  private void hang() {
    try {
      if (!held.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("injected hang: the test never released it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("injected hang interrupted", e);
    }
  }

  public void clear() {
    eventType = null;
    rate = 0;
    failingKey = null;
    release();
  }

  public int injected() {
    return injected.get();
  }
}
