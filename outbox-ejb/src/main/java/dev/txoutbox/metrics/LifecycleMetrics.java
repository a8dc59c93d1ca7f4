package dev.txoutbox.metrics;

import dev.txoutbox.lifecycle.OutboxLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Feeds the metrics from the lifecycle events; each destination and type it sees gets its backlog
 * gauges too. Created when the application starts, so that the gauges are there from the start.
 */
@ApplicationScoped
class LifecycleMetrics {
  @Inject Metrics metrics;
  @Inject BacklogGauges gauges;

  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    metrics.start();
  }

  void changed(@Observes OutboxLifecycle change) {
    metrics.record(change);
    gauges.track(change.destination(), change.eventType());
  }
}
