package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.Pending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Hands the events of a committed transaction to the relay in this JVM, once per transaction, so
 * delivery does not wait for the next timer tick. (No database NOTIFY: it would serialize commits.)
 */
@ApplicationScoped
class WakeUp {
  @Inject Relay relay;

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Pending pending) {
    relay.wake(pending.eventIds());
  }
}
