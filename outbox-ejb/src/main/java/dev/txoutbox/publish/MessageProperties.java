package dev.txoutbox.publish;

import java.util.Set;

/**
 * The JMS message properties the relay sets on every message, besides {@code JMSType} (the event
 * type) and {@code JMSXGroupID} (the ordering key). Consumers de-duplicate by {@link #EVENT_ID}:
 * {@code JMSMessageID} changes when a message is sent again.
 */
public final class MessageProperties {
  /** The event id (a UUID string), stable across re-sends. */
  public static final String EVENT_ID = "eventId";

  /** The aggregate type, when the event names one. */
  public static final String AGGREGATE_TYPE = "aggregateType";

  /** The aggregate id, when the event names one. */
  public static final String AGGREGATE_ID = "aggregateId";

  /** The ordering key, when the event has one (also in {@code JMSXGroupID}). */
  public static final String ORDERING_KEY = "orderingKey";

  /**
   * The event's number within its ordering key (long): 1, 2, 3... in commit order, so a consumer
   * can spot a gap or a repeat; 0 for an event without a key.
   */
  public static final String SEQUENCE = "sequence";

  /** Which attempt this send is (int), 1 for the first. */
  public static final String ATTEMPT = "attempt";

  /** When the event was published (long, epoch milliseconds). */
  public static final String CREATED_AT = "createdAt";

  /**
   * The W3C trace context of the span that published the event (String, {@code
   * 00-<trace-id>-<span-id>-<flags>}); absent when no span was active.
   */
  public static final String TRACEPARENT = "traceparent";

  static final Set<String> RESERVED =
      Set.of(
          EVENT_ID,
          AGGREGATE_TYPE,
          AGGREGATE_ID,
          ORDERING_KEY,
          SEQUENCE,
          ATTEMPT,
          CREATED_AT,
          TRACEPARENT);

  private MessageProperties() {}
}
