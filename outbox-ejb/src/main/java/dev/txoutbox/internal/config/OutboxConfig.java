package dev.txoutbox.internal.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of the component, parsed and checked. Built from raw configuration values by {@link
 * #from(Function, Iterable)}, which throws {@link InvalidConfigException} naming the first bad key.
 */
public record OutboxConfig(
    DeliveryMode deliveryMode,
    boolean relayEnabled,
    boolean wakeUp,
    Duration relayInterval,
    int batchSize,
    int claimSize,
    int drains,
    Duration lease,
    String nodeId,
    RetryPolicy retry,
    Map<String, RetryPolicy> retryByType,
    DeadHead deadHead,
    Retention retention,
    String defaultDestination,
    Destinations destinations,
    int maxPayloadLength,
    String connectionFactory,
    boolean initializeSchema,
    Optional<String> schema,
    Health health) {

  /**
   * Attempts and the delays between them: {@code initialDelay * multiplier^(failures-1)}, capped at
   * {@code maxDelay}, spread by {@code ±jitter}; after {@code maxAttempts} failures the event is
   * DEAD.
   */
  public record RetryPolicy(
      Duration initialDelay,
      double multiplier,
      Duration maxDelay,
      double jitter,
      int maxAttempts) {}

  /** What the relay promises about the hand-off of each event to the broker. */
  public enum DeliveryMode {
    /**
     * Send, then record the row as sent, in two transactions: a crash in between sends the event
     * again, with the same event id, for the consumer (the inbox) to drop.
     */
    AT_LEAST_ONCE,
    /**
     * Record the rows as sent and send them in one XA transaction: the broker gets each event once.
     * Needs an XA datasource and an XA connection factory.
     */
    EXACTLY_ONCE
  }

  /** What a DEAD event does to the later events of its ordering key. */
  public enum DeadHead {
    /** They wait until an operator replays or skips the dead one (order is kept). */
    BLOCK,
    /** They go on (order around the dead one is given up). */
    SKIP
  }

  /**
   * How long rows are kept, and how the purge runs. {@code sent} zero: deleted once sent; a sent
   * row with an idempotency key is kept for {@code idempotency} (or {@code sent}, if longer), so
   * that a repeat of its key is recognised. An ordering key unused for {@code keys} with no PENDING
   * or DEAD event loses its row: its seq starts again at 1.
   */
  public record Retention(
      Duration sent,
      Duration idempotency,
      Duration inbox,
      Duration keys,
      Duration purgeInterval,
      int purgeBatchSize) {}

  /**
   * The thresholds of the health checks: the relay is not live when it has not run for {@code
   * relaySilence}; the outbox is not ready when its oldest pending event is older than {@code
   * maxPendingAge} or when it holds more than {@code maxDead} DEAD events (0: any).
   */
  public record Health(Duration relaySilence, Duration maxPendingAge, int maxDead) {}

  static final String DESTINATION_PREFIX = "outbox.destination.";
  static final String SCHEMA = "outbox.store.schema";
  static final String RETRY_TYPE_PREFIX = "outbox.retry.type.";

  private static String nodeId(Function<String, Optional<String>> raw) {
    String id = raw.apply("outbox.relay.node-id").map(String::trim).orElse("");
    if (id.length() > Node.MAX_LENGTH) {
      throw new InvalidConfigException(
          "outbox.relay.node-id",
          "'" + id + "' is longer than " + Node.MAX_LENGTH + " characters (claims store it)");
    }
    return id.isEmpty() ? Node.defaultId() : id;
  }

  /**
   * The schema of the outbox tables, {@code outbox.store.schema}, read and checked alone: the JPA
   * providers' hooks need it before the rest of the configuration is read. Empty: the connection's
   * default schema.
   */
  public static Optional<String> schema(Function<String, Optional<String>> raw) {
    return new Values(raw).identifier(SCHEMA);
  }

  /** The retry policy of an event type: its own keys where set, the general ones otherwise. */
  public RetryPolicy retryFor(String eventType) {
    return retryByType.getOrDefault(eventType, retry);
  }

  /**
   * Reads and checks every key; {@code raw} returns the configured text of a key, if any, and
   * {@code names} lists the configured key names (to find the per-event-type retry keys).
   */
  public static OutboxConfig from(Function<String, Optional<String>> raw, Iterable<String> names) {
    Values v = new Values(raw);
    RetryPolicy retry = Values.retry(v, "outbox.retry.", null);
    Map<String, RetryPolicy> byType = Values.retryByType(v, names, RETRY_TYPE_PREFIX, retry);
    String defaultDestination = v.text("outbox.publish.default-destination");
    v.text(
        DESTINATION_PREFIX + defaultDestination,
        "no value is set, and outbox.publish.default-destination names '"
            + defaultDestination
            + "': set it to the JNDI name of a queue or topic, or set"
            + " outbox.publish.default-destination to a destination that is mapped");
    Duration interval = v.durationAtLeast("outbox.relay.interval", Duration.ofMillis(100));
    int batchSize = v.integer("outbox.relay.batch-size", 1, 1000);
    return new OutboxConfig(
        v.choice("outbox.delivery.mode", DeliveryMode.class),
        v.bool("outbox.relay.enabled"),
        v.bool("outbox.relay.wake-up"),
        interval,
        batchSize,
        // a claim smaller than a batch would make the batch smaller: it means the batch's size
        Math.max(batchSize, v.integer("outbox.relay.claim-size", 1, 10_000)),
        v.integer("outbox.relay.drains", 1, 8),
        v.durationAtLeast("outbox.relay.lease", Duration.ofSeconds(1)),
        nodeId(raw),
        retry,
        byType,
        v.choice("outbox.ordering.dead-head", DeadHead.class),
        new Retention(
            v.durationAtLeast("outbox.retention.sent", Duration.ZERO),
            v.durationAtLeast("outbox.retention.idempotency", Duration.ofMinutes(1)),
            v.durationAtLeast("outbox.retention.inbox", Duration.ofMinutes(1)),
            v.durationAtLeast("outbox.retention.keys", Duration.ofMinutes(1)),
            v.durationAtLeast("outbox.retention.purge-interval", Duration.ofSeconds(1)),
            v.integer("outbox.retention.purge-batch-size", 1, 100_000)),
        defaultDestination,
        new Destinations(raw),
        v.integer("outbox.publish.max-payload-length", 1, Integer.MAX_VALUE),
        v.text("outbox.jms.connection-factory"),
        v.bool("outbox.store.initialize-schema"),
        v.identifier(SCHEMA),
        new Health(
            // a pass may start up to one interval late; two intervals of silence are no accident
            v.durationAtLeast(
                "outbox.health.relay-silence",
                interval.multipliedBy(2),
                "twice outbox.relay.interval"),
            v.durationAtLeast("outbox.health.max-pending-age", Duration.ofSeconds(1)),
            v.integer("outbox.health.max-dead", 0, Integer.MAX_VALUE)));
  }
}
