package dev.txoutbox.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txoutbox.admin.EventStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void statusIsAnyCaseAndOptional() {
    assertThat(Parameters.status("dead")).isEqualTo(EventStatus.DEAD);
    assertThat(Parameters.status(" Pending ")).isEqualTo(EventStatus.PENDING);
    assertThat(Parameters.status(null)).isNull();
    assertThat(Parameters.status("")).isNull();
  }

  @Test
  void unknownStatusNamesTheParameterAndTheStatuses() {
    assertThatThrownBy(() -> Parameters.status("LOST"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageContaining("status")
        .hasMessageContaining("PENDING, SENT, DEAD, SKIPPED")
        .hasMessageContaining("LOST");
  }

  @Test
  void durationIsIso8601AndNotNegative() {
    assertThat(Parameters.duration("olderThan", "PT10M")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Parameters.duration("olderThan", "PT0S")).isZero();
    assertThat(Parameters.duration("olderThan", null)).isNull();
    assertThatThrownBy(() -> Parameters.duration("olderThan", "10m"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageContaining("olderThan");
    assertThatThrownBy(() -> Parameters.duration("olderThan", "-PT1M"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageContaining("olderThan");
  }

  @Test
  void instantIsRequiredAndIso8601() {
    assertThat(Parameters.instant("from", "2025-01-31T12:00:00Z"))
        .isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
    assertThatThrownBy(() -> Parameters.instant("from", null))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageContaining("from is required");
    assertThatThrownBy(() -> Parameters.instant("to", "yesterday"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageContaining("to must be");
  }

  @Test
  void integerIsAWholeNumberOrTheDefault() {
    assertThat(Parameters.integer("limit", null, 50)).isEqualTo(50);
    assertThat(Parameters.integer("limit", " 500 ", 50)).isEqualTo(500);
    assertThat(Parameters.integer("offset", "-1", 0)).isEqualTo(-1); // OutboxAdmin's to refuse
    for (String bad : new String[] {"ten", "1.5"}) {
      assertThatThrownBy(() -> Parameters.integer("limit", bad, 50))
          .isInstanceOf(InvalidParameter.class)
          .hasMessageContaining("limit must be a whole number");
    }
  }

  @Test
  void idMustBeACanonicalUuid() {
    UUID id = UUID.randomUUID();
    assertThat(Parameters.id(id.toString())).isEqualTo(id);
    assertThat(Parameters.id(id.toString().toUpperCase())).isEqualTo(id);
    for (String bad : new String[] {"not-a-uuid", "1-1-1-1-1", ""}) {
      assertThatThrownBy(() -> Parameters.id(bad))
          .isInstanceOf(InvalidParameter.class)
          .hasMessageContaining("id must be a UUID");
    }
  }
}
