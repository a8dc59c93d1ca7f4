package dev.txoutbox.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code txoutbox-backlog}: whether the outbox's backlog is within its limits (the component
 * decides).
 */
@Readiness
@ApplicationScoped
class OutboxReadiness implements HealthCheck {

  /** Asks the component's readiness observer, which sets the answer's status and data. */
  @Inject @Readiness Event<HealthCheckResponseBuilder> answer;

  @Override
  public HealthCheckResponse call() {
    return OutboxLiveness.answered("txoutbox-backlog", answer);
  }
}
