package dev.txoutbox.relay;

import dev.txoutbox.config.OutboxConfig;
import dev.txoutbox.health.Heartbeat;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs on every server: a non-persistent interval timer (a persistent one would fail over in
 * minutes, and {@code @Schedule} cannot read MicroProfile Config) and a wake-up after each commit
 * both drain the outbox, one drain at a time in this JVM. Its callbacks never throw: a failure is
 * logged and the timer goes on.
 */
@Singleton
@Startup
@DependsOn("Schema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Relay {
  private static final Logger LOG = Logger.getLogger(Relay.class.getName());
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  @Resource TimerService timerService;
  @Resource ManagedExecutorService executor;
  @Inject OutboxConfig config;
  @Inject Deliveries deliveries;
  @Inject Heartbeat heartbeat;

  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final Queue<String> handedOff = new ConcurrentLinkedQueue<>();

  @PostConstruct
  void start() {
    if (!config.relayEnabled()) {
      LOG.info("txoutbox: relay disabled (outbox.relay.enabled=false) on " + config.nodeId());
      return;
    }
    long interval = config.relayInterval().toMillis();
    timerService.createIntervalTimer(interval, interval, new TimerConfig("txoutbox-relay", false));
    LOG.info(
        () ->
            "txoutbox: relay started on "
                + config.nodeId()
                + ", every "
                + config.relayInterval()
                + ", batches of "
                + config.batchSize()
                + (config.wakeUp() ? ", and after each commit" : ", not woken by commits")
                + "; delivery "
                + config.deliveryMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /**
   * The application is stopping: no drain starts any more, and one under way is awaited (it ends
   * after its batch), so that no relay transaction outlives the persistence unit and the
   * transaction services it runs on. A drain that takes longer is left to its lease.
   */
  @PreDestroy
  void stop() {
    stopped.set(true);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (!draining.compareAndSet(false, true)) { // taken for good: no drain after this
      if (System.nanoTime() > deadline) {
        LOG.warning(
            "txoutbox: the relay's batch did not end within "
                + STOP_WAIT
                + " of the application's stop; its rows are sent again after their lease");
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Timeout
  void tick() {
    drain();
  }

  /**
   * Hands the ids of events just committed to the relay and asks for a drain soon, on another
   * thread; the drain claims them by id first.
   */
  public void wake(Collection<String> eventIds) {
    if (!config.relayEnabled() || !config.wakeUp() || stopped.get()) {
      return;
    }
    handedOff.addAll(eventIds);
    requested.set(true);
    if (!draining.get() && wakeQueued.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            wakeQueued.set(false);
            drain();
          });
    }
  }

  /**
   * Up to a batch of the ids handed over; none when so many wait that a claim of whatever is due
   * serves them better (the relay is behind: it drains in full batches anyway).
   */
  private List<String> handedOff() {
    int batch = config.batchSize();
    if (handedOff.size() > 4 * batch) {
      handedOff.clear();
      return List.of();
    }
    List<String> ids = new ArrayList<>(batch);
    for (String id; ids.size() < batch && (id = handedOff.poll()) != null; ) {
      ids.add(id);
    }
    return ids;
  }

  private void drain() {
    while (!stopped.get() && draining.compareAndSet(false, true)) {
      try {
        requested.set(false);
        heartbeat.beat(); // liveness: only a pass that runs beats, so a hung one lets it fail
        deliveries.drain(this::handedOff, stopped::get, heartbeat::beat);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "txoutbox: relay pass failed; the next pass retries", e);
      } finally {
        draining.set(false);
      }
      if (!requested.get()) {
        return;
      }
    }
  }
}
