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

  /** Asks the component's liveness observer, which sets the answer's status and data. */
  @Inject @Liveness Event<HealthCheckResponseBuilder> answer;

  @Override
  public HealthCheckResponse call() {
    return answered("txoutbox-relay", answer);
  }

  /**
   * A check's answer, down unless an observer of the component's sets it up.
   *
   * @param name the check's name
   * @param answer the event that reaches the component's observer
   * @return the answer
   */
  static HealthCheckResponse answered(String name, Event<HealthCheckResponseBuilder> answer) {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(name).down();
    answer.fire(response);
    return response.build();
  }
}
