package dev.txoutbox.it.publish;

import dev.txoutbox.it.deployment.Ledger;
import dev.txoutbox.publish.InvalidEventException;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * A user's EJB for {@link ExceptionsIT}: writes a business row and publishes, in one transaction.
 */
@Stateless
public class EjbCaller {
  @Inject Ledger ledger;
  @Inject OutboxService outbox;

  public void addAndPublish(String id, OutboxEvent event) {
    ledger.add(id);
    outbox.publish(event);
  }

  public void addPublishInvalidAndCatch(String id, OutboxEvent invalid, OutboxEvent valid) {
    ledger.add(id);
    try {
      outbox.publish(invalid);
    } catch (InvalidEventException e) {
      outbox.publish(valid);
    }
  }

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void publishWithoutTransaction(OutboxEvent event) {
    outbox.publish(event);
  }
}
