package dev.txoutbox.relay;

import dev.txoutbox.config.OutboxConfig;
import dev.txoutbox.config.OutboxConfig.DeliveryMode;
import dev.txoutbox.lifecycle.LifecycleEvents;
import dev.txoutbox.store.OutboxMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The relay's core ({@link Drain}) on the container's parts: the outbox table, the JMS sender of
 * the configured delivery mode, the server's managed executor for claiming ahead, and the lifecycle
 * events. It only adapts; every decision is the core's.
 */
@ApplicationScoped
class Deliveries {
  @Inject TableRows rows;
  @Inject Sender sender;
  @Inject OutboxConfig config;
  @Inject LifecycleEvents lifecycle;
  @Resource ManagedExecutorService executor;

  private Drain drain;

  @PostConstruct
  void assemble() {
    boolean keepAll = !config.retention().sent().isZero();
    // a row with an idempotency key is kept as SENT, so that a repeat of its key is recognised
    Predicate<OutboxMessage> keep = keepAll ? m -> true : m -> m.idempotencyKey() != null;
    Delivery delivery =
        config.deliveryMode() == DeliveryMode.EXACTLY_ONCE
            ? new Delivery.ExactlyOnce(sender, rows, keep)
            : new Delivery.AtLeastOnce(sender, keep);
    drain =
        new Drain(
            rows,
            delivery,
            Clock.systemUTC(),
            new Drain.Setup(
                config.batchSize(), config::retryFor, new Backoff(), config.nodeId(), executor),
            lifecycle::fire);
  }

  /** See {@link Drain#run}; one at a time. */
  int drain(
      Supplier<List<String>> handoffs,
      BooleanSupplier poll,
      BooleanSupplier stopping,
      Runnable beat) {
    return drain.run(handoffs, poll, stopping, beat);
  }
}
