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
                  name = AdminApi.BAD_REQUEST,
                  description = "A parameter or the body is invalid; the message names it",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorMessage.class))),
              @APIResponse(
                  name = AdminApi.NOT_FOUND,
                  description = "No event has this id",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorMessage.class))),
              @APIResponse(
                  name = AdminApi.CONFLICT,
                  description = "The event's status does not allow it; the message says why",
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

  /** The 400 of the operations that take parameters or a body (components/responses). */
  static final String BAD_REQUEST = "badRequest";

  /** The 404 of the operations on one event (components/responses). */
  static final String NOT_FOUND = "noSuchEvent";

  /** The 409 of a replay or skip the event's status refuses (components/responses). */
  static final String CONFLICT = "conflict";

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(SummaryResource.class, EventsResource.class, InvalidParameterMapper.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(MARKER, true);
  }
}
