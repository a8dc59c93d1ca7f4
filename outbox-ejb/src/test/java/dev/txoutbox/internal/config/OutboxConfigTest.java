package dev.txoutbox.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboxConfigTest {

  /** The shipped defaults plus the one mapping a server must add, then the given overrides. */
  private static OutboxConfig parse(Map<String, String> overrides) throws IOException {
    Map<String, String> values = new HashMap<>();
    Properties defaults = new Properties();
    try (InputStream in =
        OutboxConfigTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    }
    defaults.forEach((k, v) -> values.put((String) k, (String) v));
    values.put("outbox.destination.events", "jms/events");
    values.putAll(overrides);
    return OutboxConfig.from(key -> Optional.ofNullable(values.get(key)), values.keySet());
  }

  @Test
  void shippedDefaultsGiveWayToAUsersFileWithoutAnOrdinal() throws IOException {
    Properties defaults = new Properties();
    try (InputStream in =
        OutboxConfigTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    }

    assertThat(Integer.parseInt(defaults.getProperty("config_ordinal")))
        .isEqualTo(ConfigReport.DEFAULTS_ORDINAL)
        .isLessThan(100);
  }

  @Test
  void shippedDefaultsAreValid() throws IOException {
    OutboxConfig config = parse(Map.of());

    assertThat(config.deliveryMode()).isEqualTo(OutboxConfig.DeliveryMode.AT_LEAST_ONCE);
    assertThat(config.relayEnabled()).isTrue();
    assertThat(config.wakeUp()).isTrue();
    assertThat(config.relayInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.batchSize()).isEqualTo(100);
    assertThat(config.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retry().multiplier()).isEqualTo(2.0);
    assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.retry().maxAttempts()).isEqualTo(10);
    assertThat(config.deadHead()).isEqualTo(OutboxConfig.DeadHead.BLOCK);
    assertThat(config.retention().sent()).isZero();
    assertThat(config.retention().inbox()).isEqualTo(Duration.ofDays(7));
    assertThat(config.retention().idempotency()).isEqualTo(Duration.ofDays(7));
    assertThat(config.retention().keys()).isEqualTo(Duration.ofDays(7));
    assertThat(config.defaultDestination()).isEqualTo("events");
    assertThat(config.connectionFactory()).isEqualTo("java:comp/DefaultJMSConnectionFactory");
    assertThat(config.initializeSchema()).isFalse();
    assertThat(config.schema()).isEmpty();
    assertThat(config.nodeId()).isNotBlank();
    assertThat(config.health().relaySilence()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.health().maxPendingAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.health().maxDead()).isEqualTo(100);
  }

  @Test
  void durationsAcceptShortForms() throws IOException {
    OutboxConfig config =
        parse(Map.of("outbox.relay.interval", "500ms", "outbox.relay.lease", "2m"));

    assertThat(config.relayInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.lease()).isEqualTo(Duration.ofMinutes(2));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "outbox.relay.batch-size | 0 | out of range",
        "outbox.relay.batch-size | many | not a whole number",
        "outbox.relay.drains | 0 | out of range",
        "outbox.relay.drains | 9 | out of range",
        "outbox.relay.interval | soon | not a duration",
        "outbox.relay.interval | 10ms | too short",
        "outbox.relay.enabled | yes | not true or false",
        "outbox.relay.wake-up | sometimes | not true or false",
        "outbox.retry.multiplier | 0.5 | out of range",
        "outbox.retry.jitter | 2 | out of range",
        "outbox.retry.max-delay | PT0.5S | shorter than outbox.retry.initial-delay",
        "outbox.publish.max-payload-length | -1 | out of range",
        "outbox.jms.connection-factory | ' ' | no value is set",
        "outbox.retry.max-attempts | 0 | out of range",
        "outbox.relay.node-id | a-node-name-that-is-far-too-long-to-fit-in-a-claim-token-column | longer than 60",
        "outbox.ordering.dead-head | drop | not one of [block, skip]",
        "outbox.delivery.mode | twice | not one of [at-least-once, exactly-once]",
        "outbox.retention.sent | forever | not a duration",
        "outbox.retention.inbox | PT0S | too short",
        "outbox.retention.idempotency | 10s | too short",
        "outbox.retention.keys | 30s | too short: use at least PT1M",
        "outbox.retention.keys | never | not a duration",
        "outbox.retry.type.Payment.max-attempts | x | not a whole number",
        "outbox.health.relay-silence | 9s | shorter than twice outbox.relay.interval (PT10S)",
        "outbox.health.relay-silence | quiet | not a duration",
        "outbox.health.max-pending-age | 500ms | too short",
        "outbox.health.max-dead | -1 | out of range",
        "outbox.health.max-dead | none | not a whole number",
        "outbox.store.schema | my-schema | not a plain SQL name",
        "outbox.store.schema | 1st | not a plain SQL name",
        "outbox.store.schema | '\"messaging\"' | not a plain SQL name",
        "outbox.store.schema | messaging.outbox | not a plain SQL name",
        "outbox.store.schema | messaging; DROP TABLE x | not a plain SQL name",
        "outbox.store.schema | a_schema_name_that_is_far_too_long_for_postgresql_to_keep_in_full | at most 63"
      })
  void badValueNamesItsKey(String key, String value, String problem) {
    assertThatThrownBy(() -> parse(Map.of(key, value)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining(problem);
  }

  @Test
  void relaySilenceIsCheckedAgainstTheConfiguredInterval() throws IOException {
    assertThat(
            parse(Map.of("outbox.relay.interval", "1s", "outbox.health.relay-silence", "2s"))
                .health()
                .relaySilence())
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(
            () -> parse(Map.of("outbox.relay.interval", "2m", "outbox.health.relay-silence", "3m")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'outbox.health.relay-silence'")
        .hasMessageContaining("shorter than twice outbox.relay.interval (PT4M)");
  }

  @Test
  void schemaIsAPlainName() throws IOException {
    assertThat(parse(Map.of("outbox.store.schema", " messaging ")).schema()).contains("messaging");
    assertThat(parse(Map.of("outbox.store.schema", "Outbox_2")).schema()).contains("Outbox_2");
    assertThat(parse(Map.of("outbox.store.schema", " ")).schema()).isEmpty();
  }

  @Test
  void schemaIsReadAloneForTheJpaProviders() {
    assertThat(OutboxConfig.schema(key -> Optional.of("messaging"))).contains("messaging");
    assertThat(OutboxConfig.schema(key -> Optional.empty())).isEmpty();
    assertThatThrownBy(() -> OutboxConfig.schema(key -> Optional.of("a b")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'outbox.store.schema'");
  }

  @Test
  void maxDeadZeroIsAllowed() throws IOException {
    assertThat(parse(Map.of("outbox.health.max-dead", "0")).health().maxDead()).isZero();
  }

  @Test
  void retryPolicyCanBeSetPerEventType() throws IOException {
    OutboxConfig config =
        parse(
            Map.of(
                "outbox.retry.type.Payment.max-attempts", "3",
                "outbox.retry.type.Payment.initial-delay", "10s"));

    assertThat(config.retryFor("Payment").maxAttempts()).isEqualTo(3);
    assertThat(config.retryFor("Payment").initialDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.retryFor("Payment").multiplier()).isEqualTo(2.0); // the general one
    assertThat(config.retryFor("Other")).isEqualTo(config.retry());
  }

  @Test
  void deliveryModeAcceptsExactlyOnce() throws IOException {
    assertThat(parse(Map.of("outbox.delivery.mode", "exactly-once")).deliveryMode())
        .isEqualTo(OutboxConfig.DeliveryMode.EXACTLY_ONCE);
  }

  @Test
  void deadHeadAcceptsSkip() throws IOException {
    assertThat(parse(Map.of("outbox.ordering.dead-head", "skip")).deadHead())
        .isEqualTo(OutboxConfig.DeadHead.SKIP);
  }

  @Test
  void defaultDestinationMustBeMapped() {
    assertThatThrownBy(() -> parse(Map.of("outbox.publish.default-destination", "orders")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'outbox.destination.orders'")
        .hasMessageContaining("JNDI name of a queue or topic")
        .hasMessageContaining("outbox.publish.default-destination names 'orders'");
  }
}
