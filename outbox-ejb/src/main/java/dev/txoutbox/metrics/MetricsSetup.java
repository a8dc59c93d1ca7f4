package dev.txoutbox.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides once which {@link Metrics} the outbox uses: OpenTelemetry where the application sees its
 * API, else none. Names no OpenTelemetry type itself, so that the container inspects it without
 * error where the API is missing (on Open Liberty, without {@code third-party} in the application's
 * {@code apiTypeVisibility}, or without mpTelemetry).
 */
@ApplicationScoped
class MetricsSetup {
  private static final Logger LOG = Logger.getLogger(MetricsSetup.class.getName());
  private static final String API = "io.opentelemetry.api.OpenTelemetry";

  @Produces
  @ApplicationScoped
  Metrics metrics(BeanManager beans, BacklogGauges gauges) {
    try {
      Class.forName(API, false, MetricsSetup.class.getClassLoader());
      return OpenTelemetryMetrics.create(beans, gauges);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(
          Level.FINE,
          "txoutbox: no OpenTelemetry API visible to the application: no metrics recorded",
          e);
      return Metrics.NONE;
    }
  }
}
