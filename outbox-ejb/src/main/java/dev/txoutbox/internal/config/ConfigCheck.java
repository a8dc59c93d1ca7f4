package dev.txoutbox.internal.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;

/**
 * Stops the deployment when a configuration value is bad, naming the key, instead of failing later;
 * logs the configuration the component reads otherwise.
 *
 * <p>First of the deployment validation's observers, and by an exception rather than an added
 * deployment problem, so that the observers after it do not run: WildFly 39 registers the
 * deployment's health checks in one of them and never removes those of a deployment that then
 * fails, which would leave the server's readiness DOWN until a restart. Earlier, after bean
 * discovery, the deployment would fail too soon for Open Liberty 26, which then found none of the
 * component's CDI beans when an application of the same name was deployed again.
 */
public class ConfigCheck implements Extension {

  void check(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          AfterDeploymentValidation validation) {
    Configuration.read(Configuration.config());
    ConfigReport.log(Configuration.config());
  }
}
