package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.monitoring.Heartbeat;
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
 * Runs on every server. The drains run on relay threads of the server's managed thread factory, one
 * per drain ({@code outbox.relay.drains}), which wait for work: the ids of events a transaction in
 * this JVM has just committed (handed over by {@link WakeUp}, claimed by id at once, with no
 * executor in between, by an idle drain), or a tick of the relay's timer. A drain whose claim came
 * back full calls the idle ones in, and their claims skip its rows; each drain ends when its claim
 * finds less than a batch. The timer (non-persistent: a persistent one would fail over in minutes,
 * and {@code @Schedule} cannot read MicroProfile Config) is the backstop: it polls for events
 * committed on other servers or due for a retry, and starts a relay thread again should it have
 * ended. Its callbacks never throw: a failure is logged and the timer goes on.
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

  private final Queue<String> handedOff = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;
  private volatile List<Lane> lanes = List.of();

  /** A drain's relay thread and what wakes it. */
  private final class Lane {
    final int drain;
    final Semaphore work = new Semaphore(0);
    final AtomicBoolean pollDue = new AtomicBoolean();
    volatile boolean draining;
    volatile Thread thread;

    Lane(int drain) {
      this.drain = drain;
    }

    void poll() {
      pollDue.set(true);
      work.release();
    }
  }

  @PostConstruct
  void start() {
    if (!config.relayEnabled()) {
      LOG.info("txoutbox: relay disabled (outbox.relay.enabled=false) on " + config.nodeId());
      return;
    }
    List<Lane> all = new ArrayList<>();
    for (int drain = 0; drain < deliveries.count(); drain++) {
      all.add(new Lane(drain));
    }
    lanes = List.copyOf(all);
    lanes.forEach(this::startRelayThread);
    // after the lanes: its first tick polls the first one
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
                + ", "
                + lanes.size()
                + (lanes.size() == 1 ? " drain" : " drains")
                + (config.wakeUp() ? ", and after each commit" : ", not woken by commits")
                + "; delivery "
                + config.deliveryMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /**
   * The application is stopping: no drain starts any more, and those under way are awaited (each
   * ends after its batch), so that no relay transaction outlives the persistence unit and the
   * transaction services it runs on. A drain that takes longer is left to its lease.
   */
  @PreDestroy
  void stop() {
    stopped = true;
    lanes.forEach(lane -> lane.work.release());
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Lane lane : lanes) {
      Thread thread = lane.thread;
      if (thread == null) {
        continue;
      }
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
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
  }

  @Timeout
  void tick() {
    if (stopped) {
      return;
    }
    for (Lane lane : lanes) {
      Thread thread = lane.thread;
      if (thread == null || !thread.isAlive()) {
        LOG.warning("txoutbox: a relay thread had ended; starting it again");
        startRelayThread(lane);
      }
    }
    lanes.get(0).poll(); // the first drain polls; it calls the others in when it finds a backlog
  }

  /** Hands the ids of events just committed in this JVM to the relay, which claims them at once. */
  public void wake(Collection<String> eventIds) {
    if (!config.relayEnabled() || !config.wakeUp() || stopped) {
      return;
    }
    handedOff.addAll(eventIds);
    Lane idle = lanes.stream().filter(lane -> !lane.draining).findFirst().orElse(lanes.get(0));
    idle.work.release();
  }

  private synchronized void startRelayThread(Lane lane) {
    Thread thread = threads.newThread(() -> relay(lane));
    thread.setName("txoutbox-relay-" + (lane.drain + 1));
    lane.thread = thread;
    thread.start();
  }

  /** A relay thread: a drain for each wake-up or tick, wake-ups during a drain joined in. */
  private void relay(Lane lane) {
    while (!stopped) {
      try {
        lane.work.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      lane.work.drainPermits();
      if (stopped) {
        return;
      }
      lane.draining = true;
      try {
        heartbeat.beat(); // liveness: only a drain that runs beats, so a hung one lets it fail
        deliveries.drain(
            lane.drain,
            this::handedOff,
            () -> lane.pollDue.getAndSet(false),
            () -> stopped,
            heartbeat::beat,
            () -> callIn(lane));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "txoutbox: relay pass failed; the next pass retries", e);
      } finally {
        lane.draining = false;
      }
    }
  }

  /** A claim of {@code busy} came back full: the idle drains poll too. */
  private void callIn(Lane busy) {
    for (Lane lane : lanes) {
      if (lane != busy && !lane.draining) {
        lane.poll();
      }
    }
  }

  /**
   * Up to a claim of the ids handed over; none when so many wait that a claim of whatever is due
   * serves them better (the relay is behind: it drains in full claims anyway).
   */
  private List<String> handedOff() {
    int batch = config.claimSize();
    if (handedOff.size() > 4 * batch) {
      handedOff.clear();
      lanes.forEach(Lane::poll);
      return List.of();
    }
    List<String> ids = new ArrayList<>(batch);
    for (String id; ids.size() < batch && (id = handedOff.poll()) != null; ) {
      ids.add(id);
    }
    return ids;
  }
}
