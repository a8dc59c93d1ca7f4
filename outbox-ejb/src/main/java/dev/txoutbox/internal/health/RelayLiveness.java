package dev.txoutbox.internal.health;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.monitoring.Heartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the relay's timer keeps it running: DOWN when it has not run a pass or a batch for
 * {@code outbox.health.relay-silence}. A restart is what helps a relay whose timer died or whose
 * batch hangs. UP, saying so, where the relay is disabled. Answers the {@code txoutbox-relay} check
 * of outbox-health (see {@code dev.txoutbox.health.checks}).
 */
@ApplicationScoped
class RelayLiveness {

  @Inject OutboxConfig config;
  @Inject Heartbeat heartbeat;

  void answer(@Observes @Liveness HealthCheckResponseBuilder response) {
    if (!config.relayEnabled()) {
      response.up().withData("relay", "disabled");
      return;
    }
    Duration silence = heartbeat.silence();
    Duration limit = config.health().relaySilence();
    response
        .status(silence.compareTo(limit) <= 0)
        .withData("relay", "enabled")
        .withData("lastRun", heartbeat.last().toString())
        .withData("silenceSeconds", silence.toSeconds())
        .withData("maxSilenceSeconds", limit.toSeconds());
  }
}
