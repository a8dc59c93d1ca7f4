package dev.txoutbox.internal.retention;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.store.InboxEntries;
import dev.txoutbox.internal.store.OrderingKeys;
import dev.txoutbox.internal.store.OutboxMessages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the tables from growing for ever: every {@code outbox.retention.purge-interval} it deletes
 * SENT rows older than {@code outbox.retention.sent}, inbox entries older than {@code
 * outbox.retention.inbox} and the rows of ordering keys unused for {@code outbox.retention.keys}
 * that have no PENDING or DEAD event, in batches of {@code outbox.retention.purge-batch-size}, each
 * batch (each key) its own short transaction. PENDING, DEAD and SKIPPED rows are never purged.
 */
@Singleton
@Startup
@DependsOn("Schema")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final int MAX_BATCHES_PER_RUN = 100;

  @Resource TimerService timerService;
  @Inject OutboxConfig config;
  @Inject OutboxMessages messages;
  @Inject InboxEntries inbox;
  @Inject OrderingKeys keys;

  @PostConstruct
  void start() {
    long interval = config.retention().purgeInterval().toMillis();
    timerService.createIntervalTimer(
        interval, interval, new TimerConfig("txoutbox-retention", false));
  }

  @Timeout
  void tick() {
    try {
      purge(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "txoutbox: retention purge failed; the next run retries", e);
    }
  }

  /** Runs one purge as of {@code now}; returns the outbox rows, inbox entries and keys deleted. */
  public int purge(Instant now) {
    OutboxConfig.Retention retention = config.retention();
    int batch = retention.purgeBatchSize();
    int sent = 0;
    int received = 0;
    for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      int deleted =
          messages.purgeSent(
              now.minus(retention.sent()), now.minus(retention.idempotency()), batch);
      sent += deleted;
      if (deleted < batch) {
        break;
      }
    }
    for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      int deleted = inbox.purge(now.minus(retention.inbox()), batch);
      received += deleted;
      if (deleted < batch) {
        break;
      }
    }
    int idle = purgeKeys(now.minus(retention.keys()), batch);
    if (sent + received + idle > 0) {
      int s = sent;
      int r = received;
      LOG.info(
          () ->
              "txoutbox: purged "
                  + s
                  + " sent events, "
                  + r
                  + " inbox entries and "
                  + idle
                  + " idle ordering keys");
    }
    return sent + received + idle;
  }

  private int purgeKeys(Instant unusedSince, int batch) {
    int purged = 0;
    for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      List<OrderingKeys.IdleKey> idle = keys.idle(unusedSince, batch);
      for (OrderingKeys.IdleKey key : idle) {
        // false: published to since it was found idle, so it is kept
        purged += keys.purge(key, unusedSince) ? 1 : 0;
      }
      if (idle.size() < batch) {
        break;
      }
    }
    return purged;
  }
}
