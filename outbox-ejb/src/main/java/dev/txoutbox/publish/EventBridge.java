package dev.txoutbox.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Stores every {@link OutboxEvent} fired with CDI's {@code Event.fire}, in the firing transaction,
 * so business code can publish without depending on {@link OutboxService}. The same rules apply: no
 * transaction or an invalid event throws to the code that fired it.
 */
@ApplicationScoped
class EventBridge {
  @Inject OutboxService outbox;

  void store(@Observes OutboxEvent event) {
    outbox.publish(event);
  }
}
