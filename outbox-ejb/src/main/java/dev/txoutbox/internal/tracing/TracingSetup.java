package dev.txoutbox.internal.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides once which {@link Tracing} the outbox uses: OpenTelemetry where the application sees its
 * API, else none. Names no OpenTelemetry type itself, so that the container inspects it without
 * error where the API is missing (on Open Liberty, without {@code third-party} in the application's
 * {@code apiTypeVisibility}, or without mpTelemetry).
 */
@ApplicationScoped
class TracingSetup {
  private static final Logger LOG = Logger.getLogger(TracingSetup.class.getName());
  private static final String API = "io.opentelemetry.api.OpenTelemetry";

  @Produces
  @ApplicationScoped
  Tracing tracing(BeanManager beans) {
    try {
      Class.forName(API, false, TracingSetup.class.getClassLoader());
      Tracing tracing = OpenTelemetryTracing.create(beans);
      LOG.fine("txoutbox: the OpenTelemetry API is visible: events carry their trace context");
      return tracing;
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(
          Level.FINE,
          "txoutbox: no OpenTelemetry API visible to the application: events are not traced",
          e);
      return Untraced.INSTANCE;
    }
  }
}
