package dev.txoutbox.internal.health;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.monitoring.Backlog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the outbox table can be read, its oldest pending event is no older than {@code
 * outbox.health.max-pending-age} and it holds no more DEAD events than {@code
 * outbox.health.max-dead}. Answers the {@code txoutbox-backlog} check of outbox-health (see {@code
 * dev.txoutbox.health.checks}).
 */
@ApplicationScoped
class BacklogReadiness {

  @Inject OutboxConfig config;
  @Inject Backlog backlog;

  void answer(@Observes @Readiness HealthCheckResponseBuilder response) {
    OutboxConfig.Health limits = config.health();
    response
        .withData("maxPendingAgeSeconds", limits.maxPendingAge().toSeconds())
        .withData("maxDead", limits.maxDead());
    Backlog.Snapshot snapshot;
    try {
      snapshot = backlog.read();
    } catch (IllegalStateException e) { // logged by Backlog, once per outage
      response.down().withData("database", "unreachable").withData("error", e.getMessage());
      return;
    }
    Duration age = snapshot.oldestPendingAge(Instant.now());
    List<String> problems = new ArrayList<>();
    if (age.compareTo(limits.maxPendingAge()) > 0) {
      problems.add("the oldest pending event waits for longer than " + limits.maxPendingAge());
    }
    if (snapshot.dead() > limits.maxDead()) {
      problems.add("more than " + limits.maxDead() + " events are DEAD");
    }
    response
        .status(problems.isEmpty())
        .withData("database", "reachable")
        .withData("pendingCount", snapshot.pending())
        .withData("oldestPendingAgeSeconds", age.toSeconds())
        .withData("deadCount", snapshot.dead());
    if (!problems.isEmpty()) {
      response.withData("problem", String.join("; ", problems));
    }
  }
}
