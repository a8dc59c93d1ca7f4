package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.config.OutboxConfig.DeliveryMode;
import dev.txoutbox.internal.monitoring.LifecycleEvents;
import dev.txoutbox.internal.store.OutboxMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The relay's core ({@link Drain}) on the container's parts: the outbox table, the JMS sender of
 * the configured delivery mode, the server's managed executor for claiming ahead, and the lifecycle
 * events. It only adapts; every decision is the core's. It holds one drain per relay thread: {@code
 * outbox.relay.drains} where claims of several relays skip each other's rows, else one.
 */
@ApplicationScoped
class Deliveries {
  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

  @Inject TableRows rows;
  @Inject Sender sender;
  @Inject OutboxConfig config;
  @Inject LifecycleEvents lifecycle;
  @Resource ManagedExecutorService executor;

  private List<Drain> drains;

  @PostConstruct
  void assemble() {
    boolean keepAll = !config.retention().sent().isZero();
    // a row with an idempotency key is kept as SENT, so that a repeat of its key is recognised
    Predicate<OutboxMessage> keep = keepAll ? m -> true : m -> m.idempotencyKey() != null;
    Delivery delivery =
        config.deliveryMode() == DeliveryMode.EXACTLY_ONCE
            ? new Delivery.ExactlyOnce(sender, rows, keep)
            : new Delivery.AtLeastOnce(sender, keep);
    int count = config.drains();
    if (count > 1 && !rows.concurrent()) {
      LOG.info(
          "txoutbox: one drain, not outbox.relay.drains="
              + count
              + ": this database's claims cannot skip each other's rows (no SKIP LOCKED)");
      count = 1;
    }
    // one drain claims its next batch ahead while it sends; several overlap each other instead
    Drain.Setup setup =
        new Drain.Setup(
            config.batchSize(),
            config.claimSize(),
            config.lease(),
            config::retryFor,
            new Backoff(),
            config.nodeId(),
            count == 1 ? executor : null);
    List<Drain> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(new Drain(rows, delivery, Clock.systemUTC(), setup, lifecycle::fire));
    }
    drains = List.copyOf(all);
  }

  /** How many drains may run at once, each on a relay thread of its own. */
  int count() {
    return drains.size();
  }

  /** See {@link Drain#run}; one at a time per {@code drain}, numbered from 0. */
  int drain(
      int drain,
      Supplier<List<String>> handoffs,
      BooleanSupplier poll,
      BooleanSupplier stopping,
      Runnable beat,
      Runnable behind) {
    return drains.get(drain).run(handoffs, poll, stopping, beat, behind);
  }
}
