package dev.txoutbox.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The admin REST API, under /outbox-admin/api, for users in the role outbox-admin: the web module's
 * context root and this path, or, with the admin jar in a user's WAR, the mapping of its
 * web-fragment.xml.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "txoutbox admin",
            version = "1",
            description =
                "Counts, dead letters, replay and skip. BASIC authentication, role outbox-admin."),
    security = @SecurityRequirement(name = "basic"))
@SecurityScheme(
    securitySchemeName = "basic",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "A user in the role outbox-admin")
public class AdminApi extends Application {
  /** A property of this application alone (see {@link AdminApiOnly}). */
  static final String MARKER = "dev.txoutbox.admin.api";

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(SummaryResource.class, EventsResource.class, InvalidParameterMapper.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(MARKER, true);
  }
}
