package dev.txoutbox.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The liveness check {@code txoutbox-relay}, as the component hands it over. */
@Liveness
@ApplicationScoped
public class OutboxLiveness implements HealthCheck {
  private final Delegate delegate = new Delegate("txoutbox-relay");

  void handOver(@Observes @Liveness HealthCheck check) {
    delegate.set(check);
  }

  @Override
  public HealthCheckResponse call() {
    return delegate.call();
  }
}
