package dev.txoutbox.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Stops the deployment when a configuration value is bad, naming the key, instead of failing later;
 * logs the configuration the component reads otherwise. It checks after bean discovery, before
 * deployment validation: WildFly 39 registers a deployment's health checks while validating it, and
 * when that deployment then fails it never removes them, so the server's readiness would stay DOWN
 * until a restart.
 */
public class ConfigCheck implements Extension {

  void check(@Observes AfterBeanDiscovery discovery) {
    try {
      Configuration.read(Configuration.config());
      ConfigReport.log(Configuration.config());
    } catch (InvalidConfigException e) {
      discovery.addDefinitionError(e);
    }
  }
}
