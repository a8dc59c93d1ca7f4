package dev.txoutbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainableTest {
  private final List<Double> tried = new ArrayList<>();

  private Sustainable.Block upTo(double limit) {
    return rate -> {
      tried.add(rate);
      return rate <= limit;
    };
  }

  @Test
  void lowEstimateDoublesThenBisects() throws Exception {
    Sustainable.Found found = Sustainable.find(300, 6, upTo(437));

    assertThat(tried).containsExactly(300.0, 600.0, 450.0, 375.0, 412.5, 431.25);
    assertThat(found.held()).isTrue();
    assertThat(found.rate()).isEqualTo(431.25);
    assertThat(found.failed()).isEqualTo(450.0);
  }

  @Test
  void highEstimateBisectsDownToWithinAFewPercent() throws Exception {
    Sustainable.Found found = Sustainable.find(1_000, 8, upTo(437));

    assertThat(tried.get(0)).isEqualTo(1_000.0);
    assertThat(tried).hasSize(8);
    assertThat(found.rate()).isLessThanOrEqualTo(437).isCloseTo(437, within(437 * 0.03));
    assertThat(found.failed()).isGreaterThan(437);
  }

  @Test
  void nothingHeldGivesHalfTheLowestFailedRate() throws Exception {
    Sustainable.Found found = Sustainable.find(100, 3, upTo(1));

    assertThat(tried).containsExactly(100.0, 50.0, 25.0);
    assertThat(found.held()).isFalse();
    assertThat(found.rate()).isEqualTo(12.5);
  }

  @Test
  void everyBlockHeldKeepsDoubling() throws Exception {
    Sustainable.Found found = Sustainable.find(100, 3, upTo(Double.MAX_VALUE));

    assertThat(tried).containsExactly(100.0, 200.0, 400.0);
    assertThat(found.rate()).isEqualTo(400.0);
    assertThat(found.failed()).isInfinite();
  }

  @Test
  void refusesAnEstimateOfZero() {
    assertThatThrownBy(() -> Sustainable.find(0, 3, upTo(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive estimate");
  }
}
