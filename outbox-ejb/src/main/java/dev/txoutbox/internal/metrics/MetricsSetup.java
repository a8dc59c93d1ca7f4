package dev.txoutbox.internal.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides once which {@link Meters} the outbox uses: OpenTelemetry where the application sees its
 * API, else none. Names no OpenTelemetry type itself, so that the container inspects it without
 * error where the API is missing (on Open Liberty, without {@code third-party} in the application's
 * {@code apiTypeVisibility}, or without mpTelemetry; on WildFly, without its telemetry subsystems).
 */
@ApplicationScoped
class MetricsSetup {
  private static final Logger LOG = Logger.getLogger(MetricsSetup.class.getName());
  private static final String API = "io.opentelemetry.api.OpenTelemetry";

  @Produces
  @ApplicationScoped
  Meters meters(BeanManager beans, BacklogGauges gauges) {
    try {
      Class.forName(API, false, MetricsSetup.class.getClassLoader());
      Meters meters = OpenTelemetryMeters.create(beans, gauges);
      LOG.fine("txoutbox: the OpenTelemetry API is visible: metrics are recorded");
      return meters;
    } catch (ClassNotFoundException | LinkageError e) {
      // LinkageError also where the API is older than MicroProfile Telemetry 2.0's
      LOG.log(
          Level.FINE,
          "txoutbox: no OpenTelemetry metrics API visible to the application: no metrics",
          e);
      return Unmetered.INSTANCE;
    }
  }

  void close(@Disposes Meters meters) {
    meters.close();
  }
}
