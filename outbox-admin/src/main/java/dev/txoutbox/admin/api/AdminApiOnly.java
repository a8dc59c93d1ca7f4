package dev.txoutbox.admin.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps the admin resources out of other Jakarta REST applications of the same WAR. With the admin
 * jar in a user's WEB-INF/lib, an application of the user's that lists no classes is given every
 * resource of the WAR, the admin's too, under its own path and outside the role's security
 * constraint. Such an application finds this filter the same way, and it answers 404 for them
 * there; {@link AdminApi} lists its classes, so it never runs this filter.
 */
@Provider
public class AdminApiOnly implements ContainerRequestFilter {
  @Context ResourceInfo resource;
  @Context Configuration configuration;

  @Override
  public void filter(ContainerRequestContext request) {
    Class<?> type = resource.getResourceClass();
    if (type != null
        // by name: a container may hand over its subclass (a CDI proxy) of a resource
        && type.getName().startsWith(AdminApiOnly.class.getPackageName() + ".")
        && configuration.getProperty(AdminApi.MARKER) == null) {
      throw new NotFoundException();
    }
  }
}
