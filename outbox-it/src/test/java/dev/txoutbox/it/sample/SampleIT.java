package dev.txoutbox.it.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample EAR as shipped, through its REST API: registration to the two subscribers of
 * user-events, the welcome email and the audit log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SampleIT {
  private static final Http HTTP =
      Http.to(
          URI.create(
              "http://localhost:" + System.getProperty("it.http.port", "9180") + "/sample/api/"));

  @Deployment(testable = false)
  static Archive<?> deployment() {
    return Deployments.sample();
  }

  /**
   * A durable subscription exists from its MDB's first activation, which Artemis's resource adapter
   * completes after the deployment: on a new broker the first events may find no subscription. Once
   * a registration reached both subscribers, every later one does.
   */
  @BeforeAll
  static void bothSubscriptionsExist() throws Exception {
    for (int attempt = 1; ; attempt++) {
      String userId = JsonText.object(register("Probe", unique("probe")).body()).getString("id");
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> emailsFor(userId).size() == 1 && auditFor(userId).size() == 1);
        return;
      } catch (ConditionTimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Test
  void registrationAnswers201AndReachesEachSubscriberOnce() throws Exception {
    String email = unique("ada");
    HttpResponse<String> response = register("Ada", email);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject user = JsonText.object(response.body());
    assertThat(user.getString("email")).isEqualTo(email);
    String userId = user.getString("id");
    HttpResponse<String> found = HTTP.get(response.headers().firstValue("Location").orElseThrow());
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(JsonText.object(found.body()).getString("id")).isEqualTo(userId);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(emailsFor(userId)).hasSize(1));
    JsonObject sent = emailsFor(userId).get(0);
    assertThat(sent.getString("email")).isEqualTo(email);
    assertThat(sent.getString("eventId")).isNotBlank();
    // the same event, in the audit log once
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(auditFor(userId)).hasSize(1));
    JsonObject audited = auditFor(userId).get(0);
    assertThat(audited.getString("eventId")).isEqualTo(sent.getString("eventId"));
    assertThat(audited.getString("type")).isEqualTo("UserRegistered");
    assertThat(emailsFor(userId)).hasSize(1);
  }

  @Test
  void malformedEmailAnswers400AndSendsNothing() throws Exception {
    String bad = "not-an-email-" + UUID.randomUUID();
    HttpResponse<String> response = register("Bob", bad);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonText.object(response.body()).getString("message")).contains("email");

    // one consumer reads the subscription in order: once a later registration's email is there, an
    // email for the rejected one would be there too
    String userId = JsonText.object(register("Carol", unique("carol")).body()).getString("id");
    await().atMost(Duration.ofSeconds(10)).until(() -> emailsFor(userId).size() == 1);
    assertThat(allEmails()).noneMatch(e -> e.asJsonObject().getString("email").equals(bad));
  }

  @Test
  void missingNameAnswers400() throws Exception {
    HttpResponse<String> response = register("  ", unique("nameless"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonText.object(response.body()).getString("message")).contains("name");
  }

  @Test
  void emailAlreadyRegisteredAnswers400() throws Exception {
    String email = unique("twice");
    assertThat(register("First", email).statusCode()).isEqualTo(201);

    HttpResponse<String> second = register("Second", email);

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(JsonText.object(second.body()).getString("message")).contains("already registered");
  }

  @Test
  void malformedOrWronglyTypedBodyAnswers400WithAMessageAndNoInternals() throws Exception {
    List<String> bodies =
        List.of(
            "{\"name\":",
            "not json",
            "[\"Ada\", \"ada@example.com\"]",
            "{\"name\": 5, \"email\": \"five@example.com\"}",
            "{\"name\": \"Ada\", \"email\": [\"ada@example.com\"]}",
            "");
    for (String body : bodies) {
      HttpResponse<String> response = post(body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      String message = JsonText.object(response.body()).getString("message");
      assertThat(message)
          .as(body)
          .contains("{\"name\": \"Ada\", \"email\": \"ada@example.com\"}")
          .doesNotContainIgnoringCase("exception")
          .doesNotContain("org.", " at ");
    }
    assertThat(allEmails()).noneMatch(e -> e.asJsonObject().getString("email").startsWith("five@"));
  }

  @Test
  void overlongNameAnswers400NamingTheLimitNotADuplicate() throws Exception {
    String email = unique("long");
    HttpResponse<String> response = register("n".repeat(300), email);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonText.object(response.body()).getString("message"))
        .isEqualTo("name is longer than 200 characters");
    // nothing was stored: the same email registers now, and gets the one welcome email
    HttpResponse<String> retry = register("Short", email);
    assertThat(retry.statusCode()).isEqualTo(201);
    String userId = JsonText.object(retry.body()).getString("id");
    await().atMost(Duration.ofSeconds(10)).until(() -> emailsFor(userId).size() == 1);
    assertThat(allEmails())
        .filteredOn(e -> e.asJsonObject().getString("email").equals(email))
        .hasSize(1);
  }

  @Test
  void overlongEmailAnswers400NamingTheLimit() throws Exception {
    HttpResponse<String> response = register("Long", "e".repeat(320) + "@example.com");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonText.object(response.body()).getString("message"))
        .isEqualTo("email is longer than 320 characters");
  }

  @Test
  void wrongContentTypeAnswers415WithAMessage() throws Exception {
    HttpResponse<String> response =
        HTTP.with("Content-Type", "text/plain").send("POST", "users", "Ada");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(JsonText.object(response.body()).getString("message")).isNotBlank();
  }

  /** The server's OpenAPI document says what a registration answers: 201 and its Location. */
  @Test
  void openApiDocumentDescribesRegistrationAs201WithItsLocation() throws Exception {
    HttpResponse<String> response =
        HTTP.with("Accept", "application/json").get("/openapi?format=JSON");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject paths = JsonText.object(response.body()).getJsonObject("paths");
    // the path's prefix is the server's to choose when it merges the EAR's web modules
    String users =
        paths.keySet().stream().filter(p -> p.endsWith("/users")).findFirst().orElseThrow();
    JsonObject register = paths.getJsonObject(users).getJsonObject("post");
    assertThat(register.getString("operationId")).isEqualTo("registerUser");
    JsonObject responses = register.getJsonObject("responses");
    assertThat(responses.keySet()).contains("201", "400").doesNotContain("200");
    assertThat(responses.getJsonObject("201").getJsonObject("headers").keySet())
        .containsExactly("Location");
  }

  @Test
  void parallelRegistrationsGetOneWelcomeEmailAndOneAuditEntryEach() {
    List<CompletableFuture<HttpResponse<String>>> calls =
        IntStream.range(0, 30)
            .mapToObj(i -> registerAsync("User " + i, unique("parallel" + i)))
            .toList();
    List<String> userIds =
        calls.stream()
            .map(CompletableFuture::join)
            .peek(r -> assertThat(r.statusCode()).isEqualTo(201))
            .map(r -> JsonText.object(r.body()).getString("id"))
            .toList();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonArray emails = allEmails();
              JsonArray audit = auditLog();
              for (String userId : userIds) {
                assertThat(emails)
                    .filteredOn(e -> e.asJsonObject().getString("userId").equals(userId))
                    .hasSize(1);
                assertThat(audit)
                    .filteredOn(e -> e.asJsonObject().getString("userId", "").equals(userId))
                    .hasSize(1);
              }
            });
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID() + "@example.com";
  }

  private static HttpResponse<String> register(String name, String email) throws Exception {
    return registerAsync(name, email).get();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return postAsync(body).get();
  }

  private static CompletableFuture<HttpResponse<String>> registerAsync(String name, String email) {
    return postAsync(
        Json.createObjectBuilder().add("name", name).add("email", email).build().toString());
  }

  private static CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return HTTP.sendAsync("POST", "users", body);
  }

  private static JsonArray allEmails() throws Exception {
    HttpResponse<String> response = HTTP.get("welcome-emails");
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonText.array(response.body());
  }

  /** The audit log; an entry of an event without an aggregate has no userId. */
  private static JsonArray auditLog() throws Exception {
    HttpResponse<String> response = HTTP.get("audit-log");
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonText.array(response.body());
  }

  private static List<JsonObject> auditFor(String userId) throws Exception {
    return auditLog().stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> e.getString("userId", "").equals(userId))
        .toList();
  }

  private static List<JsonObject> emailsFor(String userId) throws Exception {
    return allEmails().stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> e.getString("userId").equals(userId))
        .toList();
  }
}
