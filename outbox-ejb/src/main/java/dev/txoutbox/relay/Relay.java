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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs on every server. The drains run on one relay thread of the server's managed thread factory,
 * which waits for work: the ids of events a transaction in this JVM has just committed (handed over
 * by {@link WakeUp}, claimed by id at once, with no executor in between), or a tick of the relay's
 * timer. The timer (non-persistent: a persistent one would fail over in minutes, and
 * {@code @Schedule} cannot read MicroProfile Config) is the backstop: it polls for events committed
 * on other servers or due for a retry, and starts the relay thread again should it have ended. Its
 * callbacks never throw: a failure is logged and the timer goes on.
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
  @Resource ManagedThreadFactory threads;
  @Inject OutboxConfig config;
  @Inject Deliveries deliveries;
  @Inject Heartbeat heartbeat;

  private final Semaphore work = new Semaphore(0);
  private final Queue<String> handedOff = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean pollDue = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile Thread relayThread;

  @PostConstruct
  void start() {
    if (!config.relayEnabled()) {
      LOG.info("txoutbox: relay disabled (outbox.relay.enabled=false) on " + config.nodeId());
      return;
    }
    long interval = config.relayInterval().toMillis();
    timerService.createIntervalTimer(interval, interval, new TimerConfig("txoutbox-relay", false));
    startRelayThread();
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
    stopped = true;
    work.release();
    Thread thread = relayThread;
    if (thread == null) {
      return;
    }
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warning(
          "txoutbox: the relay's batch did not end within "
              + STOP_WAIT
              + " of the application's stop; its rows are sent again after their lease");
    }
  }

  @Timeout
  void tick() {
    if (stopped) {
      return;
    }
    Thread thread = relayThread;
    if (thread == null || !thread.isAlive()) {
      LOG.warning("txoutbox: the relay thread had ended; starting it again");
      startRelayThread();
    }
    pollDue.set(true);
    work.release();
  }

  /** Hands the ids of events just committed in this JVM to the relay, which claims them at once. */
  public void wake(Collection<String> eventIds) {
    if (!config.relayEnabled() || !config.wakeUp() || stopped) {
      return;
    }
    handedOff.addAll(eventIds);
    work.release();
  }

  private synchronized void startRelayThread() {
    Thread thread = threads.newThread(this::relay);
    thread.setName("txoutbox-relay");
    relayThread = thread;
    thread.start();
  }

  /** The relay thread: a drain for each wake-up or tick, wake-ups during a drain joined in. */
  private void relay() {
    while (!stopped) {
      try {
        work.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      work.drainPermits();
      if (stopped) {
        return;
      }
      try {
        heartbeat.beat(); // liveness: only a drain that runs beats, so a hung one lets it fail
        deliveries.drain(
            this::handedOff, () -> pollDue.getAndSet(false), () -> stopped, heartbeat::beat);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "txoutbox: relay pass failed; the next pass retries", e);
      }
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
      pollDue.set(true);
      return List.of();
    }
    List<String> ids = new ArrayList<>(batch);
    for (String id; ids.size() < batch && (id = handedOff.poll()) != null; ) {
      ids.add(id);
    }
    return ids;
  }
}
