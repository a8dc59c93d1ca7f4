package dev.txoutbox.internal.config;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the application sees the OpenTelemetry API, which metrics and tracing use where it is
 * there and do without where it is not. Names no OpenTelemetry type itself, and neither may its
 * callers outside the {@code present} branch, so that the container inspects them without error
 * where the API is missing (on Open Liberty, without {@code third-party} in the application's
 * {@code apiTypeVisibility}, or without mpTelemetry; on WildFly, without its telemetry subsystems).
 */
public final class OpenTelemetryApi {
  private static final Logger LOG = Logger.getLogger(OpenTelemetryApi.class.getName());
  private static final String API = "io.opentelemetry.api.OpenTelemetry";

  private OpenTelemetryApi() {}

  /**
   * What {@code present} makes where the application sees the API, else {@code absent}; logs which
   * (at FINE), naming the {@code feature} decided so.
   */
  public static <T> T ifVisible(String feature, Supplier<T> present, T absent) {
    try {
      Class.forName(API, false, OpenTelemetryApi.class.getClassLoader());
      T made = present.get();
      LOG.fine(() -> "txoutbox: the OpenTelemetry API is visible: " + feature + " on");
      return made;
    } catch (ClassNotFoundException | LinkageError e) {
      // LinkageError also where the API is older than MicroProfile Telemetry 2.0's
      LOG.log(
          Level.FINE,
          e,
          () -> "txoutbox: no OpenTelemetry API visible to the application: " + feature + " off");
      return absent;
    }
  }
}
