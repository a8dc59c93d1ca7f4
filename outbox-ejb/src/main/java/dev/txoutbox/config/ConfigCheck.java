package dev.txoutbox.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Stops the deployment when a configuration value is bad, naming the key, instead of failing later;
 * logs the configuration the component reads otherwise.
 */
public class ConfigCheck implements Extension {

  void check(@Observes AfterDeploymentValidation validation) {
    try {
      Configuration.read(Configuration.config());
      ConfigReport.log(Configuration.config());
    } catch (InvalidConfigException e) {
      validation.addDeploymentProblem(e);
    }
  }
}
