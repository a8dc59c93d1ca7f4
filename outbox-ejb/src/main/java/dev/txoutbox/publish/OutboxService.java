package dev.txoutbox.publish;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.internal.store.OutboxMessages;
import dev.txoutbox.internal.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes events through the outbox. {@link #publish} stores the event in the caller's JTA
 * transaction, so it is sent if and only if that transaction commits.
 */
@ApplicationScoped
public class OutboxService {
  private static final Logger LOG = Logger.getLogger(OutboxService.class.getName());

  @Inject OutboxMessages messages;
  @Inject OutboxConfig config;
  @Inject Tracing tracing;

  @Resource TransactionSynchronizationRegistry transactions;

  private Jsonb jsonb;
  private EventRules rules;

  @PostConstruct
  void init() {
    jsonb = JsonbBuilder.create();
    rules =
        new EventRules(
            config.defaultDestination(),
            config.maxPayloadLength(),
            config.destinations()::jndiName,
            jsonb);
  }

  @PreDestroy
  void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "txoutbox: closing JSON-B failed", e);
    }
  }

  /**
   * Stores the event in the caller's JTA transaction and returns its id. The relay sends it after
   * the transaction commits; a rollback discards it. The trace context active here, if any, is
   * stored with the event and sent as its {@code traceparent}.
   *
   * @param event the event
   * @return the event's id: its consumers' de-duplication key
   * @throws NoTransactionException if no JTA transaction is active (nothing is written)
   * @throws InvalidEventException if the event cannot be published as it is (nothing is written)
   * @throws DuplicateEventException if another transaction, still running, published the same
   *     idempotency key (this transaction is marked for rollback). A key that a committed event
   *     already uses is no error: nothing is stored, and the stored event's id is returned. Keys
   *     are remembered for {@code outbox.retention.idempotency} after the event was sent.
   */
  public UUID publish(OutboxEvent event) {
    if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
      throw new NoTransactionException();
    }
    OutboxMessage message =
        rules.toMessage(event, Instant.now(), tracing.traceparent().orElse(null));
    String idempotencyKey = message.idempotencyKey();
    if (idempotencyKey != null) {
      Optional<String> stored = messages.idOfIdempotencyKey(idempotencyKey);
      if (stored.isPresent()) {
        LOG.fine(() -> "txoutbox: idempotency key already used by event " + stored.get());
        return UUID.fromString(stored.get());
      }
    }
    try {
      messages.add(message);
    } catch (PersistenceException e) {
      if (idempotencyKey != null && DuplicateEventException.isConstraintViolation(e)) {
        throw new DuplicateEventException(idempotencyKey, e);
      }
      throw e;
    }
    LOG.fine(() -> "txoutbox: stored event " + message.id() + " of type " + message.eventType());
    return UUID.fromString(message.id());
  }

  /**
   * Stores the event in a transaction of its own, committed before this method returns, whatever
   * transaction the caller has. For events that belong to no business transaction.
   *
   * @param event the event
   * @return the event's id
   * @throws InvalidEventException if the event cannot be published as it is (nothing is written)
   */
  @Transactional(TxType.REQUIRES_NEW)
  public UUID publishInOwnTransaction(OutboxEvent event) {
    return publish(event);
  }
}
