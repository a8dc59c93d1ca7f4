package dev.txoutbox.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txoutbox.admin.EventSummary;
import dev.txoutbox.admin.api.Answers.ErrorMessage;
import dev.txoutbox.admin.api.Answers.Event;
import dev.txoutbox.admin.api.Answers.EventPage;
import dev.txoutbox.admin.api.Answers.Replayed;
import dev.txoutbox.admin.api.Answers.SkipRequest;
import dev.txoutbox.admin.api.Answers.Skipped;
import dev.txoutbox.admin.api.Answers.Summary;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The answers as JSON-B writes them are byte for byte what the API answered when it built them with
 * JSON-P: the same property order, absent values as null, no white space.
 */
class AnswersTest {
  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  @Test
  void eventKeepsItsOrderAndItsNulls() {
    EventSummary dead =
        new EventSummary(
            ID,
            "Doomed",
            null,
            null,
            "k-1",
            "full",
            "DEAD",
            2,
            "queue \"full\" é",
            null,
            Instant.parse("2025-01-31T12:00:00.123456Z"));

    assertThat(JSONB.toJson(Event.of(dead)))
        .isEqualTo(
            "{\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"eventType\":\"Doomed\","
                + "\"aggregateType\":null,\"aggregateId\":null,\"orderingKey\":\"k-1\","
                + "\"destination\":\"full\",\"status\":\"DEAD\",\"attempts\":2,"
                + "\"lastError\":\"queue \\\"full\\\" é\",\"skipReason\":null,"
                + "\"createdAt\":\"2025-01-31T12:00:00.123456Z\"}");
  }

  @Test
  void pageListsEventsThenOffsetAndLimit() {
    EventSummary skipped =
        new EventSummary(
            ID, "T", "Order", "7", null, "q", "SKIPPED", 0, null, "why", Instant.EPOCH);

    assertThat(JSONB.toJson(new EventPage(List.of(Event.of(skipped)), 3, 50)))
        .isEqualTo(
            "{\"events\":[{\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"eventType\":\"T\","
                + "\"aggregateType\":\"Order\",\"aggregateId\":\"7\",\"orderingKey\":null,"
                + "\"destination\":\"q\",\"status\":\"SKIPPED\",\"attempts\":0,"
                + "\"lastError\":null,\"skipReason\":\"why\",\"createdAt\":\"1970-01-01T00:00:00Z\"}],"
                + "\"offset\":3,\"limit\":50}");
    assertThat(JSONB.toJson(new EventPage(List.of(), 0, 1)))
        .isEqualTo("{\"events\":[],\"offset\":0,\"limit\":1}");
  }

  @Test
  void summaryKeepsTheStatusesInOrderAndANullAge() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("PENDING", 2L);
    counts.put("SENT", 10_000_000_000L);
    counts.put("DEAD", 1L);
    counts.put("SKIPPED", 0L);

    assertThat(JSONB.toJson(new Summary(counts, 42L)))
        .isEqualTo(
            "{\"counts\":{\"PENDING\":2,\"SENT\":10000000000,\"DEAD\":1,\"SKIPPED\":0},"
                + "\"oldestPendingAgeSeconds\":42}");
    assertThat(JSONB.toJson(new Summary(counts, null)))
        .endsWith(",\"oldestPendingAgeSeconds\":null}");
  }

  @Test
  void countsAndErrorsAreOneProperty() {
    assertThat(JSONB.toJson(new Replayed(3))).isEqualTo("{\"replayed\":3}");
    assertThat(JSONB.toJson(new Skipped(1))).isEqualTo("{\"skipped\":1}");
    assertThat(JSONB.toJson(new ErrorMessage("send {\"reason\": \"why\"}")))
        .isEqualTo("{\"message\":\"send {\\\"reason\\\": \\\"why\\\"}\"}");
  }

  @Test
  void skipNeedsAReasonThatIsNotBlank() {
    assertThat(SkipRequest.parse("{\"reason\": \"customer left\"}").reason())
        .isEqualTo("customer left");
    for (String body : new String[] {null, "", " ", "{\"reason\": \"  \"}", "{\"why\": \"x\"}"}) {
      assertThatThrownBy(() -> SkipRequest.parse(body))
          .as(String.valueOf(body))
          .isInstanceOf(InvalidParameter.class)
          .hasMessageStartingWith("reason is required");
    }
    assertThatThrownBy(() -> SkipRequest.parse("not json"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageStartingWith("the body is not JSON; reason is required");
    assertThatThrownBy(() -> SkipRequest.parse("[\"why\"]"))
        .isInstanceOf(InvalidParameter.class)
        .hasMessageStartingWith("reason is required");
  }
}
