package dev.txoutbox.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.txoutbox.internal.metrics.Meters.Counter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics as a Prometheus server scrapes them from OpenTelemetry's own Prometheus exporter,
 * which names them by the OpenTelemetry specification's rules (as the OpenTelemetry Collector's
 * Prometheus exporter does): dots become underscores, the unit {@code s} adds {@code _seconds}, a
 * counter {@code _total}, and the unit {@code {event}} nothing.
 */
class OpenTelemetryMetersTest {
  private static final Map<String, String> ORDERS =
      Map.of("destination", "orders", "type", "OrderPlaced", "otel_scope_name", "dev.txoutbox");

  private final PrometheusMetricReader prometheus = new PrometheusMetricReader(true, null);
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(prometheus).build();
  private final List<BacklogGauges.Reading> backlog = new CopyOnWriteArrayList<>();
  private final OpenTelemetryMeters meters =
      new OpenTelemetryMeters(provider.get(OpenTelemetryMeters.SCOPE), () -> backlog);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void countersAreTotalsPerDestinationAndType() throws IOException {
    for (int i = 0; i < 3; i++) {
      meters.count(Counter.SENT, "orders", "OrderPlaced");
    }
    meters.count(Counter.FAILED, "orders", "OrderPlaced");
    meters.count(Counter.DEAD, "orders", "OrderPlaced");
    meters.count(Counter.REPLAYED, "orders", "OrderPlaced");
    meters.count(Counter.SKIPPED, "orders", "OrderPlaced");
    meters.count(Counter.SENT, "orders", "OrderCancelled");

    String scrape = scrape();
    assertThat(sample(scrape, "txoutbox_sent_total", ORDERS)).hasValue(3);
    assertThat(sample(scrape, "txoutbox_failed_total", ORDERS)).hasValue(1);
    assertThat(sample(scrape, "txoutbox_dead_total", ORDERS)).hasValue(1);
    assertThat(sample(scrape, "txoutbox_replayed_total", ORDERS)).hasValue(1);
    assertThat(sample(scrape, "txoutbox_skipped_total", ORDERS)).hasValue(1);
    assertThat(sample(scrape, "txoutbox_sent_total", Map.of("type", "OrderCancelled"))).hasValue(1);
  }

  @Test
  void commitToSendIsAHistogramInSecondsWithTheComponentsBuckets() throws IOException {
    meters.commitToSend("orders", "OrderPlaced", Duration.ofMillis(200));
    meters.commitToSend("orders", "OrderPlaced", Duration.ofSeconds(3));

    String scrape = scrape();
    assertThat(sample(scrape, "txoutbox_commit_to_send_seconds_count", ORDERS)).hasValue(2);
    assertThat(sample(scrape, "txoutbox_commit_to_send_seconds_sum", ORDERS).getAsDouble())
        .isCloseTo(3.2, offset(1e-9));
    assertThat(bucket(scrape, "0.1")).hasValue(0);
    assertThat(bucket(scrape, "0.25")).hasValue(1);
    assertThat(bucket(scrape, "2.5")).hasValue(1);
    assertThat(bucket(scrape, "5.0")).hasValue(2);
    assertThat(bucket(scrape, "300.0")).hasValue(2);
    assertThat(bucket(scrape, "+Inf")).hasValue(2);
    assertThat(
            scrape
                .lines()
                .filter(l -> l.startsWith("txoutbox_commit_to_send_seconds_bucket{"))
                .count())
        .isEqualTo(OpenTelemetryMeters.COMMIT_TO_SEND_BUCKETS.size() + 1);
  }

  @Test
  void backlogGaugesReportEachReadingUntilClosed() throws IOException {
    backlog.add(new BacklogGauges.Reading("orders", "OrderPlaced", 2, 4.5, 1));

    String scrape = scrape();
    assertThat(sample(scrape, "txoutbox_pending", ORDERS)).hasValue(2);
    assertThat(sample(scrape, "txoutbox_oldest_pending_age_seconds", ORDERS)).hasValue(4.5);
    assertThat(sample(scrape, "txoutbox_dead_letters", ORDERS)).hasValue(1);

    meters.close();
    assertThat(scrape()).doesNotContain("txoutbox_pending");
  }

  private OptionalDouble bucket(String scrape, String le) {
    Map<String, String> labels = new HashMap<>(ORDERS);
    labels.put("le", le);
    return sample(scrape, "txoutbox_commit_to_send_seconds_bucket", labels);
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, prometheus.collect());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of the sample {@code name} whose labels include {@code labels}. */
  private static OptionalDouble sample(String scrape, String name, Map<String, String> labels) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(
            line ->
                labels.entrySet().stream()
                    .allMatch(
                        l ->
                            Pattern.compile(
                                    "[{,]"
                                        + Pattern.quote(l.getKey() + "=\"" + l.getValue() + "\"")
                                        + "[,}]")
                                .matcher(line)
                                .find()))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
