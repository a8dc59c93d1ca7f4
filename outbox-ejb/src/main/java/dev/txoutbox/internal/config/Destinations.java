package dev.txoutbox.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The logical destinations: each name maps to the JNDI name of a queue or topic by the key {@code
 * outbox.destination.<name>}. A name is looked up when first used, not listed at start, so that a
 * mapping set only as an environment variable ({@code OUTBOX_DESTINATION_ORDERS}) counts too.
 */
public final class Destinations {
  private final Function<String, Optional<String>> raw;
  private final Map<String, String> known = new ConcurrentHashMap<>();

  Destinations(Function<String, Optional<String>> raw) {
    this.raw = raw;
  }

  /** The JNDI name of a logical destination; empty when the name is not mapped. */
  public Optional<String> jndiName(String logicalName) {
    String jndi = known.get(logicalName);
    if (jndi != null) {
      return Optional.of(jndi);
    }
    Optional<String> configured =
        raw.apply(OutboxConfig.DESTINATION_PREFIX + logicalName)
            .map(String::trim)
            .filter(s -> !s.isEmpty());
    configured.ifPresent(name -> known.put(logicalName, name));
    return configured;
  }
}
