package dev.txoutbox.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.internal.store.Status;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EventRulesTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final Map<String, String> QUEUES =
      Map.of("events", "jms/events", "orders", "jms/orders");
  private final EventRules rules =
      new EventRules("events", 100, name -> Optional.ofNullable(QUEUES.get(name)), JSONB);

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  @Test
  void validEventBecomesPendingRowDueNow() {
    OutboxMessage row =
        rules.toMessage(
            OutboxEvent.of("UserRegistered", "{\"id\":1}")
                .aggregate("User", 7)
                .orderingKey(7)
                .header("tenant", "acme")
                .idempotencyKey("register-7")
                .build(),
            NOW,
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    assertThat(row.id()).hasSize(36);
    assertThat(row.eventType()).isEqualTo("UserRegistered");
    assertThat(row.payload()).isEqualTo("{\"id\":1}");
    assertThat(row.aggregateType()).isEqualTo("User");
    assertThat(row.aggregateId()).isEqualTo("7");
    assertThat(row.traceparent())
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(row.orderingKey()).isEqualTo("7");
    assertThat(row.destination()).isEqualTo("events");
    assertThat(row.headers()).isEqualTo("{\"tenant\":\"acme\"}");
    assertThat(row.idempotencyKey()).isEqualTo("register-7");
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.attempts()).isZero();
    assertThat(row.createdAt()).isEqualTo(NOW);
  }

  @Test
  void objectPayloadIsSerializedWithJsonb() {
    OutboxMessage row = rules.toMessage(OutboxEvent.of("T", new Point(1, 2)).build(), NOW, null);

    assertThat(row.payload()).isEqualTo("{\"x\":1,\"y\":2}");
  }

  @Test
  void namedDestinationIsKept() {
    assertThat(
            rules
                .toMessage(OutboxEvent.of("T", "{}").destination("orders").build(), NOW, null)
                .destination())
        .isEqualTo("orders");
  }

  @Test
  void missingTypeIsRejected() {
    assertRejected(OutboxEvent.of(" ", "{}").build(), "type is missing");
  }

  @Test
  void missingPayloadIsRejected() {
    assertRejected(OutboxEvent.of("T", null).build(), "payload of event type T is missing");
  }

  @Test
  void stringThatIsNotJsonIsRejected() {
    assertRejected(OutboxEvent.of("T", "{not json").build(), "not JSON text");
  }

  @Test
  void unknownDestinationIsRejectedNamingTheKey() {
    assertRejected(
        OutboxEvent.of("T", "{}").destination("billing").build(),
        "outbox.destination.billing=<JNDI name of the queue or topic>");
  }

  @Test
  void oversizedPayloadIsRejectedNamingTheLimit() {
    String big = "\"" + "x".repeat(200) + "\"";
    assertRejected(OutboxEvent.of("T", big).build(), "outbox.publish.max-payload-length (100)");
  }

  @Test
  void objectJsonbCannotSerializeIsRejected() {
    assertRejected(
        OutboxEvent.of("T", new Exploding()).build(), "cannot be serialized with JSON-B");
  }

  @Test
  void headerThatIsNoJmsPropertyNameIsRejected() {
    assertRejected(OutboxEvent.of("T", "{}").header("not valid", "x").build(), "not usable");
    assertRejected(OutboxEvent.of("T", "{}").header("JMSPriority", "x").build(), "not usable");
  }

  @Test
  void headerUsingAReservedNameIsRejected() {
    assertRejected(OutboxEvent.of("T", "{}").header("eventId", "x").build(), "reserved");
    assertRejected(OutboxEvent.of("T", "{}").header("traceparent", "x").build(), "reserved");
  }

  @Test
  void overlongAggregateIdIsRejected() {
    assertRejected(
        OutboxEvent.of("T", "{}").aggregate("User", "x".repeat(201)).build(),
        "aggregateId has more than 200");
  }

  private void assertRejected(OutboxEvent event, String message) {
    assertThatThrownBy(() -> rules.toMessage(event, NOW, null))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(message);
  }

  /** A JSON-B payload. */
  public record Point(int x, int y) {}

  /** A payload whose serialization fails. */
  public static class Exploding {
    public String getValue() {
      throw new IllegalStateException("boom");
    }
  }
}
