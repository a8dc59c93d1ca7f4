package dev.txoutbox.health.checks;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** A check the component handed over, DOWN under its name until it has. */
final class Delegate {
  private final String name;
  private volatile HealthCheck check;

  Delegate(String name) {
    this.name = name;
  }

  void set(HealthCheck check) {
    this.check = check;
  }

  HealthCheckResponse call() {
    HealthCheck current = check;
    if (current == null) {
      return HealthCheckResponse.named(name)
          .down()
          .withData(
              "problem", "the txoutbox component (outbox-ejb) has not started in this application")
          .build();
    }
    return current.call();
  }
}
