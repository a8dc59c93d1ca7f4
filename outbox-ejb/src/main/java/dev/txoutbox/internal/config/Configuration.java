package dev.txoutbox.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the parsed {@link OutboxConfig}, read once from MicroProfile Config through the
 * component's own class loader.
 */
@ApplicationScoped
public class Configuration {
  private volatile OutboxConfig parsed;

  @Produces
  @Dependent
  OutboxConfig outboxConfig() {
    OutboxConfig current = parsed;
    if (current == null) {
      current = read(config());
      parsed = current;
    }
    return current;
  }

  /**
   * The configured schema of the outbox tables ({@link OutboxConfig#schema}), for code that runs
   * before CDI does (the JPA providers' hooks); throws {@link InvalidConfigException} when it is
   * not a plain SQL name.
   */
  public static Optional<String> schema() {
    Config config = config();
    return OutboxConfig.schema(key -> config.getOptionalValue(key, String.class));
  }

  static OutboxConfig read(Config config) {
    return OutboxConfig.from(
        key -> config.getOptionalValue(key, String.class), config.getPropertyNames());
  }

  // The component's own class loader, not the caller's: publish (called from a web module) and the
  // relay (an EJB timer) must see the same configuration.
  static Config config() {
    return ConfigProvider.getConfig(Configuration.class.getClassLoader());
  }
}
