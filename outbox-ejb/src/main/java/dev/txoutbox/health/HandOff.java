package dev.txoutbox.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Hands the two checks to outbox-health's beans, which the server registers, as CDI events: those
 * beans sit in a library, which sees no bean of this module but whose observers this module sees.
 * The checks here carry no {@code @Liveness} or {@code @Readiness}, so that no server lists them a
 * second time. Fired when the application starts, once per module on some servers: the receiving
 * end keeps the last one, the same beans each time.
 */
@ApplicationScoped
class HandOff {
  @Inject @Liveness Event<HealthCheck> liveness;
  @Inject @Readiness Event<HealthCheck> readiness;
  @Inject RelayLiveness relay;
  @Inject BacklogReadiness backlog;

  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    liveness.fire(relay);
    readiness.fire(backlog);
  }
}
