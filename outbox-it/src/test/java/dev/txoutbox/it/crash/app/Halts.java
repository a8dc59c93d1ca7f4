package dev.txoutbox.it.crash.app;

import dev.txoutbox.internal.relay.Handoff;
import dev.txoutbox.internal.store.Pending;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Test-only: halts this server's JVM ({@code Runtime.halt}, like {@code kill -9}: no shutdown
 * hooks, nothing flushed) at a chosen point of the flow. An EAR library, so that the component's
 * module sees its observers.
 *
 * <ul>
 *   <li>after a business commit, before the relay is woken: its {@code Pending} observer runs
 *       before the component's own wake-up observer;
 *   <li>at the relay's next hand-off: after the send, before it is recorded on the rows;
 *   <li>in the database's phase-two commit of the relay's transaction, once every resource has
 *       prepared: see {@link HaltingXADataSources}, which reads the system property this class
 *       sets.
 * </ul>
 */
@ApplicationScoped
public class Halts {
  private static final Logger LOG = Logger.getLogger(Halts.class.getName());

  private final Set<String> afterCommitOf = ConcurrentHashMap.newKeySet();
  private volatile boolean atHandoff;
  private volatile boolean inXaCommit;

  /** Halts once the transaction that published {@code eventId} has committed. */
  public void haltAfterCommitOf(String eventId) {
    afterCommitOf.add(eventId);
  }

  /** Halts at the relay's next hand-off. */
  public void haltAtNextHandoff() {
    atHandoff = true;
  }

  /**
   * Halts in the database's phase-two commit of the relay's next transaction (exactly-once mode:
   * the hand-off happens inside it).
   */
  public void haltInNextXaCommit() {
    inXaCommit = true;
  }

  void committed(
      @Observes(during = TransactionPhase.AFTER_SUCCESS)
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          Pending pending) {
    for (String eventId : pending.eventIds()) {
      if (afterCommitOf.remove(eventId)) {
        halt("after the commit of event " + eventId + ", before the wake-up");
      }
    }
  }

  void handedOff(@Observes Handoff handoff) {
    if (atHandoff) {
      halt("at the hand-off of " + handoff.eventIds().size() + " events: " + handoff.eventIds());
    }
    if (inXaCommit) {
      // the commit runs on this thread; the constant is inlined: the datasources' class is in the
      // server's JDBC library, not in this application
      System.setProperty(HaltingXADataSources.HALT_PROPERTY, Thread.currentThread().getName());
    }
  }

  private static void halt(String where) {
    LOG.severe("crash test: halting " + where);
    Runtime.getRuntime().halt(137);
  }
}
