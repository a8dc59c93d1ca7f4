package dev.txoutbox.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The readiness check {@code txoutbox-backlog}, as the component hands it over. */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {
  private final Delegate delegate = new Delegate("txoutbox-backlog");

  void handOver(@Observes @Readiness HealthCheck check) {
    delegate.set(check);
  }

  @Override
  public HealthCheckResponse call() {
    return delegate.call();
  }
}
