package dev.txoutbox.internal.tracing;

import dev.txoutbox.internal.config.OpenTelemetryApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Decides once which {@link Tracing} the outbox uses: OpenTelemetry where the application sees its
 * API ({@link OpenTelemetryApi}), else none: events then carry no trace context.
 */
@ApplicationScoped
class TracingSetup {

  @Produces
  @ApplicationScoped
  Tracing tracing(BeanManager beans) {
    return OpenTelemetryApi.ifVisible(
        "tracing", () -> OpenTelemetryTracing.create(beans), Untraced.INSTANCE);
  }
}
