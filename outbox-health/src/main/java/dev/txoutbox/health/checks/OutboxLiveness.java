package dev.txoutbox.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/** {@code txoutbox-relay}: whether this server's relay keeps running (the component decides). */
@Liveness
@ApplicationScoped
class OutboxLiveness implements HealthCheck {

  @Inject @Liveness Event<HealthCheckResponseBuilder> answer;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("txoutbox-relay").down();
    answer.fire(response);
    return response.build();
  }
}
