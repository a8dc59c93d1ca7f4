package dev.txoutbox.internal.metrics;

import dev.txoutbox.internal.config.OpenTelemetryApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Decides once which {@link Meters} the outbox uses: OpenTelemetry where the application sees its
 * API ({@link OpenTelemetryApi}), else none.
 */
@ApplicationScoped
class MetricsSetup {

  @Produces
  @ApplicationScoped
  Meters meters(BeanManager beans, BacklogGauges gauges) {
    return OpenTelemetryApi.ifVisible(
        "metrics", () -> OpenTelemetryMeters.create(beans, gauges), Unmetered.INSTANCE);
  }

  void close(@Disposes Meters meters) {
    meters.close();
  }
}
