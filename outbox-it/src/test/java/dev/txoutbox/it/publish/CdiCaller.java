package dev.txoutbox.it.publish;

import dev.txoutbox.it.deployment.Ledger;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A user's CDI bean for {@link ExceptionsIT}: the same as {@link EjbCaller},
 * {@code @Transactional}.
 */
@ApplicationScoped
public class CdiCaller {
  @Inject Ledger ledger;
  @Inject OutboxService outbox;

  @Transactional
  public void addAndPublish(String id, OutboxEvent event) {
    ledger.add(id);
    outbox.publish(event);
  }

  public void publishWithoutTransaction(OutboxEvent event) {
    outbox.publish(event);
  }
}
