package dev.txoutbox.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.crash.Load.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash suite's checker counts what it should: it is what makes the suite able to fail. */
class CrashCheckTest {

  @Test
  void aCleanRunCountsNothingBad() {
    CrashCheck check =
        CrashCheck.of(
            Map.of("o1", Outcome.COMMITTED, "o2", Outcome.ROLLED_BACK, "o3", Outcome.UNKNOWN),
            Map.of("o1", "e1", "o3", "e3"),
            List.of("e1", "e3"),
            List.of("e1", "e3"));

    assertThat(check).isEqualTo(new CrashCheck(2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void countsLostPhantomAndDuplicateEvents() {
    CrashCheck check =
        CrashCheck.of(
            Map.of("o1", Outcome.COMMITTED, "o2", Outcome.COMMITTED),
            Map.of("o1", "e1", "o2", "e2"),
            List.of("e1", "e1", "e1", "e9"), // e2 never arrives; e9 was never committed
            List.of("e1", "e1", "e9"));

    assertThat(check.lost()).isEqualTo(1);
    assertThat(check.phantom()).isEqualTo(1);
    assertThat(check.duplicates()).isEqualTo(2);
    assertThat(check.duplicateEffects()).isEqualTo(1);
    assertThat(check.missingEffects()).isZero();
  }

  @Test
  void countsBusinessWritesThatContradictTheClient() {
    CrashCheck check =
        CrashCheck.of(
            Map.of("o1", Outcome.COMMITTED, "o2", Outcome.ROLLED_BACK),
            Map.of("o2", "e2"), // o1 is missing, o2 should not be there
            List.of("e2"),
            List.of());

    assertThat(check.lostWrites()).isEqualTo(1);
    assertThat(check.phantomWrites()).isEqualTo(1);
    assertThat(check.missingEffects()).isEqualTo(1);
  }
}
