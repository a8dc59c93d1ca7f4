package dev.txoutbox.internal.monitoring;

import dev.txoutbox.lifecycle.OutboxLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires {@link OutboxLifecycle} events for the relay and the operator's API. An observer's failure
 * is logged with the event id and goes no further: the change it reports is already committed.
 */
@ApplicationScoped
public class LifecycleEvents {
  private static final Logger LOG = Logger.getLogger(LifecycleEvents.class.getName());

  @Inject Event<OutboxLifecycle> events;

  /** Tells the application's observers, if any. */
  public void fire(OutboxLifecycle change) {
    try {
      events.fire(change);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          e,
          () ->
              "txoutbox: an observer of "
                  + change.getClass().getSimpleName()
                  + " for event "
                  + change.eventId()
                  + " failed; the event is not affected");
    }
  }
}
