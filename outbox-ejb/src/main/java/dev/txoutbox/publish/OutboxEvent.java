package dev.txoutbox.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event to publish. Only {@code type} and {@code payload} are required.
 *
 * @param type the event type, sent as {@code JMSType}, for example {@code UserRegistered}
 * @param payload a {@code String} is taken as JSON text as it is; any other object is serialized
 *     with JSON-B when it is published
 * @param aggregateType the kind of entity the event is about, for example {@code User}
 * @param aggregateId the id of that entity
 * @param orderingKey events with the same key reach the queue in commit order; sent as {@code
 *     JMSXGroupID}
 * @param destination a logical destination name, mapped to a queue by {@code
 *     outbox.destination.<name>}; null for {@code outbox.publish.default-destination}
 * @param headers extra string properties of the JMS message
 * @param idempotencyKey optional: a second publish with the same key stores nothing and returns the
 *     first event's id (see {@link OutboxService#publish})
 */
public record OutboxEvent(
    String type,
    Object payload,
    String aggregateType,
    String aggregateId,
    String orderingKey,
    String destination,
    Map<String, String> headers,
    String idempotencyKey) {

  public OutboxEvent {
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Starts an event with its type and payload. */
  public static Builder of(String type, Object payload) {
    return new Builder(type, payload);
  }

  /** Builds an {@link OutboxEvent}; nothing is checked until it is published. */
  public static final class Builder {
    private final String type;
    private final Object payload;
    private String aggregateType;
    private String aggregateId;
    private String orderingKey;
    private String destination;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String idempotencyKey;

    private Builder(String type, Object payload) {
      this.type = type;
      this.payload = payload;
    }

    public Builder aggregate(String aggregateType, Object aggregateId) {
      this.aggregateType = aggregateType;
      this.aggregateId = aggregateId == null ? null : aggregateId.toString();
      return this;
    }

    public Builder orderingKey(Object orderingKey) {
      this.orderingKey = orderingKey == null ? null : orderingKey.toString();
      return this;
    }

    public Builder destination(String destination) {
      this.destination = destination;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public OutboxEvent build() {
      return new OutboxEvent(
          type,
          payload,
          aggregateType,
          aggregateId,
          orderingKey,
          destination,
          headers,
          idempotencyKey);
    }
  }
}
