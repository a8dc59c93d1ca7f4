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

  /**
   * An event; {@link #of} builds one more readably.
   *
   * @param type the event type
   * @param payload JSON text, or an object to serialize with JSON-B
   * @param aggregateType the kind of entity the event is about, or null
   * @param aggregateId the id of that entity, or null
   * @param orderingKey the ordering key, or null
   * @param destination the logical destination, or null for the default one
   * @param headers extra string properties of the JMS message (copied), or null for none
   * @param idempotencyKey the idempotency key, or null
   */
  public OutboxEvent {
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * Starts an event with its type and payload.
   *
   * @param type the event type
   * @param payload JSON text, or an object to serialize with JSON-B
   * @return a builder of the rest
   */
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

    /**
     * Names the entity the event is about.
     *
     * @param aggregateType its kind, for example {@code User}
     * @param aggregateId its id ({@code toString()} of it)
     * @return this builder
     */
    public Builder aggregate(String aggregateType, Object aggregateId) {
      this.aggregateType = aggregateType;
      this.aggregateId = aggregateId == null ? null : aggregateId.toString();
      return this;
    }

    /**
     * Keeps this event in commit order with the other events of the key.
     *
     * @param orderingKey the key ({@code toString()} of it), at most 200 characters
     * @return this builder
     */
    public Builder orderingKey(Object orderingKey) {
      this.orderingKey = orderingKey == null ? null : orderingKey.toString();
      return this;
    }

    /**
     * Sends the event elsewhere than to the default destination.
     *
     * @param destination a logical destination, mapped by {@code outbox.destination.<name>}
     * @return this builder
     */
    public Builder destination(String destination) {
      this.destination = destination;
      return this;
    }

    /**
     * Adds a string property to the JMS message.
     *
     * @param name the property's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Makes a second publish with the same key store nothing (see {@link OutboxService#publish}).
     *
     * @param idempotencyKey the key
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * The event as built so far.
     *
     * @return the event; it is checked when it is published
     */
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
