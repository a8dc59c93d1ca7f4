package dev.txoutbox.it.config;

import jakarta.ejb.Stateless;

/** An EJB of the user's own module, which {@link ConfigPlacesIT} gives a configuration file. */
@Stateless
public class ConfigPlacesBean {
  public String name() {
    return "user";
  }
}
