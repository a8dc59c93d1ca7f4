package dev.txoutbox.admin.api;

import dev.txoutbox.admin.api.Answers.ErrorMessage;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin REST API, under /outbox-admin/api, for users in the role outbox-admin: the web module's
 * context root and this path, or, with the admin jar in a user's WAR, the mapping of its
 * web-fragment.xml. The server answers 401 and 403 before any resource runs, with a body of its own
 * (not an {@link Answers.ErrorMessage}): the document describes them once, as responses that every
 * operation refers to.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "txoutbox admin",
            version = "1",
            description =
                "Counts, dead letters, replay and skip. BASIC authentication, role outbox-admin.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    security = @SecurityRequirement(name = "basic"),
    tags = @Tag(name = AdminApi.TAG, description = "The outbox's events (never their payload)"),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = AdminApi.UNAUTHENTICATED,
                  description = "No credentials, or wrong ones (the server's answer, not JSON)",
                  headers =
                      @Header(
                          name = "WWW-Authenticate",
                          description = "The BASIC challenge",
                          schema = @Schema(type = SchemaType.STRING))),
              @APIResponse(
                  name = AdminApi.FORBIDDEN,
                  description =
                      "The user is not in the role outbox-admin (the server's answer, not JSON)"),
              @APIResponse(
                  name = AdminApi.ERROR,
                  description =
                      "Refused, and the message says why: 400 names the invalid parameter or body,"
                          + " 404 the unknown event id, 409 the event's status that forbids it",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorMessage.class)))
            }))
@SecurityScheme(
    securitySchemeName = "basic",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "A user in the role outbox-admin")
public class AdminApi extends Application {
  /** A property of this application alone (see {@link AdminApiOnly}). */
  static final String MARKER = "dev.txoutbox.admin.api";

  /** The 401 of every operation (components/responses). */
  static final String UNAUTHENTICATED = "unauthenticated";

  /** The 403 of every operation (components/responses). */
  static final String FORBIDDEN = "forbidden";

  /** The 400, 404 and 409 that the resources answer themselves (components/responses). */
  static final String ERROR = "error";

  /** The one tag of every operation. */
  static final String TAG = "outbox";

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(AdminResource.class, InvalidParameterMapper.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(MARKER, true);
  }
}
