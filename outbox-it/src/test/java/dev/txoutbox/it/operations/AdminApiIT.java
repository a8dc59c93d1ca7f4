package dev.txoutbox.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.testlab.client.AdminClient;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import dev.txoutbox.testlab.fixture.DeadEvents;
import dev.txoutbox.testlab.fixture.DeadEventsApplication;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API over HTTP, as an operator's client calls it: the component, the admin module
 * as the EAR ships it (or, with -Pwar, its jar in the test's WAR), and the lab's fixture that makes
 * DEAD events through the real path (see {@link DeadEvents}), at /outbox-test/fixtures.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {
  /** What an event answers (never its payload), in the API's answers and in its schema. */
  private static final List<String> EVENT_FIELDS =
      List.of(
          ("id eventType aggregateType aggregateId orderingKey destination status attempts"
                  + " lastError skipReason createdAt")
              .split(" "));

  private static final URI SERVER =
      URI.create("http://localhost:" + System.getProperty("it.http.port", "9180") + "/");

  /** The admin module: /outbox-admin/ in an EAR, /outbox-test/outbox-admin/ in the test's WAR. */
  private static final String ADMIN = Deployments.adminPath();

  private static final String OPERATOR = "operator";
  private static final String VIEWER = "viewer";
  private static final Http HTTP = Http.to(SERVER);
  private static final AdminClient OPERATORS_API = AdminClient.of(SERVER.resolve(ADMIN), OPERATOR);

  /** The events this test made, blocked ones first. */
  private final List<String> toSetAside = new ArrayList<>();

  @Deployment(testable = false)
  static Archive<?> deployment() {
    return Deployments.componentWithAdmin(DeadEvents.class, DeadEventsApplication.class);
  }

  /**
   * Skips what this test left DEAD or PENDING, so that dead letters do not pile up in the test
   * database over runs (the others answer 404 or 409 here).
   */
  @AfterEach
  void setAside() throws Exception {
    for (String id : toSetAside) {
      OPERATORS_API.skip(id, "AdminApiIT is done with it");
    }
  }

  @Test
  void withoutCredentialsAnswers401() throws Exception {
    for (String path : List.of(ADMIN + "api/summary", ADMIN, ADMIN + "x")) {
      HttpResponse<String> response = send("GET", path, null, null);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
    }
    assertThat(send("POST", ADMIN + "api/events/replay?type=Doomed", null, null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", ADMIN + "api/summary", "operator:wrong", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void userWithoutTheRoleAnswers403() throws Exception {
    String api = ADMIN + "api/";
    assertThat(send("GET", api + "summary", VIEWER, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", api + "events?status=DEAD", VIEWER, null).statusCode()).isEqualTo(403);
    String replay = api + "events/" + UUID.randomUUID() + "/replay";
    assertThat(send("POST", replay, VIEWER, null).statusCode())
        .as("403 before the lookup's 404")
        .isEqualTo(403);
  }

  @Test
  void consoleIsServedToTheOperator() throws Exception {
    HttpResponse<String> page = send("GET", ADMIN, OPERATOR, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>txoutbox console</title>");
    assertThat(send("GET", ADMIN + "console.js", OPERATOR, null).body()).contains("api/");
  }

  /**
   * The deployment's other Jakarta REST application (the fixtures', which lists no classes, so it
   * is given every resource it finds) does not serve the admin resources outside the role's
   * constraint. In a WAR it finds them in the admin jar; in an EAR they are in another module.
   */
  @Test
  void otherApplicationsDoNotServeTheAdminResources() throws Exception {
    assertThat(send("GET", "outbox-test/fixtures/summary", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "outbox-test/fixtures/events?status=DEAD", null, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send("POST", "outbox-test/fixtures/events/replay?type=Doomed", null, null).statusCode())
        .isEqualTo(404);
    // nor one event's: the locator finds it, and the filter stops the change
    String dead = deadEvents(1, 0).getJsonArray("dead").getJsonObject(0).getString("id");
    String one = "outbox-test/fixtures/events/" + dead;
    assertThat(send("GET", one, null, null).statusCode()).isEqualTo(404);
    assertThat(send("POST", one + "/replay", null, null).statusCode()).isEqualTo(404);
    assertThat(event(dead).getString("status")).isEqualTo("DEAD");
  }

  @Test
  void summaryCountsEveryStatusAndTellsTheOldestPendingAge() throws Exception {
    JsonObject before = ok("GET", "summary").asJsonObject();
    deadEvents(2, 1);

    JsonObject after = ok("GET", "summary").asJsonObject();

    JsonObject counts = after.getJsonObject("counts");
    assertThat(counts.keySet()).containsExactlyInAnyOrder("PENDING", "SENT", "DEAD", "SKIPPED");
    assertThat(count(after, "DEAD")).isEqualTo(count(before, "DEAD") + 2);
    // the two blocked events at least (an earlier test's blocked events may leave meanwhile)
    assertThat(count(after, "PENDING")).isGreaterThanOrEqualTo(2);
    assertThat(after.getJsonNumber("oldestPendingAgeSeconds").longValue()).isNotNegative();
  }

  @Test
  void listFiltersByStatusTypeKeyAndAge() throws Exception {
    JsonObject made = deadEvents(2, 1);
    String key = made.getJsonArray("dead").getJsonObject(0).getString("key");
    String dead = made.getJsonArray("dead").getJsonObject(0).getString("id");
    String blocked = made.getJsonArray("blocked").getJsonObject(0).getString("id");

    JsonObject page = ok("GET", "events?key=" + key).asJsonObject();
    assertThat(ids(page)).containsExactly(dead, blocked); // oldest first
    assertThat(page.getInt("offset")).isZero();
    assertThat(page.getInt("limit")).isEqualTo(50);
    JsonObject first = page.getJsonArray("events").getJsonObject(0);
    assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(EVENT_FIELDS);
    assertThat(ids(list("key=" + key + "&status=DEAD"))).containsExactly(dead);
    assertThat(ids(list("key=" + key + "&status=pending"))).containsExactly(blocked);
    assertThat(ids(list("key=" + key + "&status=SENT"))).isEmpty();
    assertThat(ids(list("key=" + key + "&type=Doomed"))).containsExactly(dead);
    assertThat(ids(list("key=" + key + "&type=Blocked"))).containsExactly(blocked);
    assertThat(ids(list("key=" + key + "&olderThan=PT10M"))).isEmpty();
    assertThat(ids(list("key=" + key + "&olderThan=PT0S"))).containsExactly(dead, blocked);
    assertThat(ids(list("key=" + key + "&status=dead&type=Doomed&olderThan=PT0S")))
        .containsExactly(dead);
    assertThat(ids(list("key=" + key + "&status=DEAD&type=Blocked"))).isEmpty();
  }

  @Test
  void listPagesOldestFirst() throws Exception {
    JsonObject made = deadEvents(1, 3);
    String key = made.getJsonArray("dead").getJsonObject(0).getString("key");
    List<String> all = new ArrayList<>();
    all.add(made.getJsonArray("dead").getJsonObject(0).getString("id"));
    made.getJsonArray("blocked").forEach(e -> all.add(e.asJsonObject().getString("id")));

    assertThat(ids(list("key=" + key))).containsExactlyElementsOf(all);
    JsonObject first = list("key=" + key + "&limit=3");
    JsonObject second = list("key=" + key + "&limit=3&offset=3");
    assertThat(first.getInt("offset")).isZero();
    assertThat(first.getInt("limit")).isEqualTo(3);
    assertThat(second.getInt("offset")).isEqualTo(3);
    assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 3));
    assertThat(ids(second)).containsExactly(all.get(3));
    assertThat(ids(list("key=" + key + "&limit=2&offset=1")))
        .containsExactly(all.get(1), all.get(2));
    assertThat(ids(list("key=" + key + "&offset=4"))).isEmpty();
  }

  @Test
  void oneEventAnswers200Or400Or404() throws Exception {
    JsonObject made = deadEvents(1, 0).getJsonArray("dead").getJsonObject(0);
    String id = made.getString("id");

    JsonObject event = event(id);
    assertThat(event.getString("id")).isEqualTo(id);
    assertThat(event.getString("eventType")).isEqualTo("Doomed");
    assertThat(event.getString("orderingKey")).isEqualTo(made.getString("key"));
    assertThat(event.getString("destination")).isEqualTo("full");
    assertThat(event.getString("status")).isEqualTo("DEAD");
    assertThat(event.getInt("attempts")).isEqualTo(2);
    assertThat(event.getString("lastError")).isNotBlank();
    assertThat(event.isNull("skipReason")).isTrue();
    assertThat(event.isNull("aggregateType")).isTrue();
    assertThat(Instant.parse(event.getString("createdAt"))).isBefore(Instant.now().plusSeconds(5));
    assertThat(event.keySet()).doesNotContain("payload");

    assertError(send("GET", ADMIN + "api/events/not-a-uuid", OPERATOR, null), 400, "id");
    assertError(
        send("GET", ADMIN + "api/events/" + UUID.randomUUID(), OPERATOR, null), 404, "no event");
  }

  @Test
  void replayOneSendsItAgainOnlyIfDead() throws Exception {
    JsonObject made = deadEvents(1, 1);
    String dead = made.getJsonArray("dead").getJsonObject(0).getString("id");
    String blocked = made.getJsonArray("blocked").getJsonObject(0).getString("id");

    // while its DEAD head holds it back, the blocked event stays PENDING
    assertError(post("events/" + blocked + "/replay", null), 409, "PENDING");

    JsonObject replayed = ok("POST", "events/" + dead + "/replay").asJsonObject();

    assertThat(replayed.getInt("replayed")).isEqualTo(1);
    HttpResponse<String> sent = HTTP.get("outbox-test/fixtures/dead-events/sent/" + dead);
    assertThat(sent.statusCode()).as("the relay sent the replayed event").isEqualTo(200);
    assertThat(JsonText.object(sent.body()).getString("attempt")).isEqualTo("1");
    assertError(post("events/" + UUID.randomUUID() + "/replay", null), 404, "no event");
    assertError(post("events/nope/replay", null), 400, "id");
  }

  @Test
  void replayByTypeAndTimeRangeCountsWhatItReplayed() throws Exception {
    List<String> made = new ArrayList<>();
    deadEvents(2, 0).getJsonArray("dead").forEach(e -> made.add(e.asJsonObject().getString("id")));
    Instant from = Instant.parse(event(made.get(0)).getString("createdAt"));
    Instant last = Instant.parse(event(made.get(1)).getString("createdAt"));

    String range = "type=Doomed&from=" + from + "&to=" + last.plusMillis(1);
    JsonObject replayed = ok("POST", "events/replay?" + range).asJsonObject();

    assertThat(replayed.getInt("replayed")).isEqualTo(2);
    for (String id : toSetAside) {
      assertThat(HTTP.get("outbox-test/fixtures/dead-events/sent/" + id).statusCode())
          .as("the relay sent " + id)
          .isEqualTo(200);
    }
    assertThat(ok("POST", "events/replay?" + range).asJsonObject().getInt("replayed")).isZero();
    assertError(post("events/replay?from=" + from + "&to=" + last, null), 400, "type");
    assertError(post("events/replay?type=Doomed&from=yesterday&to=" + last, null), 400, "from");
    assertError(post("events/replay?type=Doomed&from=" + from, null), 400, "to");
    assertError(
        post("events/replay?type=Doomed&from=" + last + "&to=" + from, null), 400, "before");
  }

  @Test
  void skipRecordsTheReasonAndNeedsOne() throws Exception {
    JsonObject made = deadEvents(1, 1);
    String dead = made.getJsonArray("dead").getJsonObject(0).getString("id");
    String blocked = made.getJsonArray("blocked").getJsonObject(0).getString("id");

    // skip the PENDING one first: once its head is skipped, the relay sends it
    HttpResponse<String> pending =
        post("events/" + blocked + "/skip", "{\"reason\": \"not needed\"}");
    assertThat(pending.statusCode()).as("a PENDING event can be skipped too").isEqualTo(200);
    assertThat(event(blocked).getString("status")).isEqualTo("SKIPPED");
    assertThat(event(blocked).getString("skipReason")).isEqualTo("not needed");

    assertError(post("events/" + dead + "/skip", null), 400, "reason");
    assertError(post("events/" + dead + "/skip", "{\"reason\": \"  \"}"), 400, "reason");
    assertError(post("events/" + dead + "/skip", "{\"why\": \"x\"}"), 400, "reason");
    assertError(post("events/" + dead + "/skip", "not json"), 400, "reason");
    assertThat(event(dead).getString("status")).isEqualTo("DEAD");

    HttpResponse<String> skipped =
        post("events/" + dead + "/skip", "{\"reason\": \"customer left\"}");

    assertThat(skipped.statusCode()).isEqualTo(200);
    assertThat(JsonText.object(skipped.body()).getInt("skipped")).isEqualTo(1);
    JsonObject event = event(dead);
    assertThat(event.getString("status")).isEqualTo("SKIPPED");
    assertThat(event.getString("skipReason")).isEqualTo("customer left");
    assertError(post("events/" + dead + "/skip", "{\"reason\": \"again\"}"), 409, "SKIPPED");
    assertError(post("events/" + dead + "/replay", null), 409, "SKIPPED");
    assertError(
        post("events/" + UUID.randomUUID() + "/skip", "{\"reason\": \"x\"}"), 404, "no event");
  }

  @Test
  void badParametersAnswer400NamingTheParameter() throws Exception {
    assertError(get("events?status=LOST"), 400, "status", "PENDING, SENT, DEAD, SKIPPED");
    assertError(get("events?olderThan=10m"), 400, "olderThan", "ISO-8601");
    assertError(get("events?olderThan=-PT1M"), 400, "olderThan");
    assertError(get("events?offset=-1"), 400, "offset");
    assertError(get("events?offset=x"), 400, "offset");
    assertError(get("events?limit=0"), 400, "limit", "1 to 500");
    assertError(get("events?limit=501"), 400, "limit", "1 to 500");
    assertError(get("events?limit=ten"), 400, "limit");
    assertThat(list("limit=500").getInt("limit")).isEqualTo(500);
  }

  /**
   * The bytes, not only the values: the console and other clients read the answers as the API wrote
   * them before its records (property order, nulls, no white space).
   */
  @Test
  void answersKeepTheirLayout() throws Exception {
    JsonObject made = deadEvents(2, 0);
    String id = made.getJsonArray("dead").getJsonObject(0).getString("id");
    String key = made.getJsonArray("dead").getJsonObject(0).getString("key");
    String other = made.getJsonArray("dead").getJsonObject(1).getString("id");
    String text = "\"(?:[^\"\\\\]|\\\\.)*\"";
    String event =
        "\\{\"id\":\""
            + id
            + "\",\"eventType\":\"Doomed\",\"aggregateType\":null,\"aggregateId\":null,"
            + "\"orderingKey\":\""
            + Pattern.quote(key)
            + "\",\"destination\":\"full\",\"status\":\"DEAD\",\"attempts\":2,\"lastError\":"
            + text
            + ",\"skipReason\":null,\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\"\\}";

    assertThat(body("GET", "summary", null))
        .matches(
            "\\{\"counts\":\\{\"PENDING\":\\d+,\"SENT\":\\d+,\"DEAD\":\\d+,\"SKIPPED\":\\d+\\},"
                + "\"oldestPendingAgeSeconds\":(\\d+|null)\\}");
    assertThat(body("GET", "events/" + id, null)).matches(event);
    assertThat(body("GET", "events?status=DEAD&key=" + key, null))
        .matches("\\{\"events\":\\[" + event + "\\],\"offset\":0,\"limit\":50\\}");
    UUID missing = UUID.randomUUID();
    assertThat(body("GET", "events/" + missing, null))
        .isEqualTo("{\"message\":\"no event has the id " + missing + "\"}");
    assertThat(body("POST", "events/" + id + "/replay", null)).isEqualTo("{\"replayed\":1}");
    assertThat(body("POST", "events/" + other + "/skip", "{\"reason\": \"layout\"}"))
        .isEqualTo("{\"skipped\":1}");
  }

  /**
   * The document a client is generated from: every admin operation named, every answer a schema of
   * components/schemas (the 401 and 403, the server's, of components/responses). Written to
   * target/openapi/openapi.json, which the CI linter checks (.ci/run).
   */
  @Test
  void openApiDocumentNamesTheOperationsAndTypesTheirAnswers() throws Exception {
    HttpResponse<String> response =
        HTTP.with("Accept", "application/json").get("openapi?format=JSON");
    assertThat(response.statusCode()).isEqualTo(200);
    Path file = Path.of(System.getProperty("it.build.dir", "target"), "openapi", "openapi.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, response.body());

    JsonObject document = JsonText.object(response.body());
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    // WildFly merges the documents of an EAR's web modules and prefixes their components' names
    // with the module's ("outbox-adminSummary"); Liberty keeps them as they are
    String prefix =
        schemas.keySet().stream()
            .filter(name -> name.endsWith("ErrorMessage"))
            .map(name -> name.substring(0, name.length() - "ErrorMessage".length()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ErrorMessage schema: " + schemas.keySet()));
    // by the operations' own paths: in a WAR whose other application (the fixtures') lists no
    // classes, WildFly's document may show them under that application's path instead of
    // /outbox-admin/api (where they answer 404: otherApplicationsDoNotServeTheAdminResources)
    operation(document, prefix, "/summary", "get", "getSummary", "200:Summary");
    operation(
        document, prefix, "/events", "get", "listEvents", "200:EventPage", "400:ErrorMessage");
    operation(
        document,
        prefix,
        "/events/{id}",
        "get",
        "getEvent",
        "200:Event",
        "400:ErrorMessage",
        "404:ErrorMessage");
    operation(
        document,
        prefix,
        "/events/{id}/replay",
        "post",
        "replayEvent",
        "200:Replayed",
        "400:ErrorMessage",
        "404:ErrorMessage",
        "409:ErrorMessage");
    operation(
        document,
        prefix,
        "/events/replay",
        "post",
        "replayEvents",
        "200:Replayed",
        "400:ErrorMessage");
    JsonObject skip =
        operation(
            document,
            prefix,
            "/events/{id}/skip",
            "post",
            "skipEvent",
            "200:Skipped",
            "400:ErrorMessage",
            "404:ErrorMessage",
            "409:ErrorMessage");
    assertThat(skip.getString("summary")).contains("reason");
    assertThat(schemaRef(skip.getJsonObject("requestBody")))
        .isEqualTo("#/components/schemas/" + prefix + "SkipRequest");

    for (String name :
        List.of(
            "Summary",
            "Event",
            "EventPage",
            "Replayed",
            "Skipped",
            "SkipRequest",
            "ErrorMessage")) {
      JsonObject schema = schemas.getJsonObject(prefix + name);
      assertThat(schema).as(name).isNotNull();
      assertThat(schema.getString("type")).as(name).isEqualTo("object");
      assertThat(schema.getJsonObject("properties").keySet()).as(name).isNotEmpty();
    }
    assertThat(schemas.getJsonObject(prefix + "Event").getJsonObject("properties").keySet())
        .containsExactlyInAnyOrderElementsOf(EVENT_FIELDS);
    assertThat(schemas.getJsonObject(prefix + "ErrorMessage").getJsonObject("properties").keySet())
        .containsExactly("message");
  }

  /**
   * Asserts the operation at the path ending so: its operationId, and each "code:Schema" answer a
   * $ref to that schema (its name after {@code prefix}), in place or through components/responses;
   * 401 and 403 refer to components/responses. Answers the operation.
   */
  private static JsonObject operation(
      JsonObject document,
      String prefix,
      String suffix,
      String method,
      String operationId,
      String... answers) {
    JsonObject paths = document.getJsonObject("paths");
    String path =
        paths.keySet().stream()
            .filter(p -> p.endsWith(suffix) && paths.getJsonObject(p).containsKey(method))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + method + " ..." + suffix));
    JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
    assertThat(operation.getString("operationId", null)).as(path).isEqualTo(operationId);
    JsonObject responses = operation.getJsonObject("responses");
    List<String> codes = new ArrayList<>();
    for (String answer : answers) {
      String code = answer.substring(0, answer.indexOf(':'));
      String schema = answer.substring(answer.indexOf(':') + 1);
      codes.add(code);
      assertThat(schemaRef(answer(document, prefix, responses.getJsonObject(code))))
          .as(method + " " + path + " " + code)
          .isEqualTo("#/components/schemas/" + prefix + schema);
    }
    assertThat(responses.getJsonObject("401").getString("$ref"))
        .isEqualTo("#/components/responses/" + prefix + "unauthenticated");
    assertThat(responses.getJsonObject("403").getString("$ref"))
        .isEqualTo("#/components/responses/" + prefix + "forbidden");
    codes.addAll(List.of("401", "403"));
    assertThat(responses.keySet())
        .as(method + " " + path)
        .containsExactlyInAnyOrderElementsOf(codes);
    return operation;
  }

  /** The response itself, or the one of components/responses it refers to. */
  private static JsonObject answer(JsonObject document, String prefix, JsonObject response) {
    String ref = response.getString("$ref", null);
    if (ref == null) {
      return response;
    }
    String shared = "#/components/responses/" + prefix;
    assertThat(ref).startsWith(shared);
    return document
        .getJsonObject("components")
        .getJsonObject("responses")
        .getJsonObject(ref.substring("#/components/responses/".length()));
  }

  /** The $ref of a response's or request body's application/json schema. */
  private static String schemaRef(JsonObject bodyOrResponse) {
    JsonObject schema =
        bodyOrResponse
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("schema");
    return schema.getString("$ref", "an inline schema: " + schema);
  }

  /**
   * Makes {@code count} DEAD events in the server, each with {@code blocked} PENDING events of its
   * key behind it (see the fixture), and remembers them for {@link #setAside}.
   */
  private JsonObject deadEvents(int count, int blocked) throws Exception {
    HttpResponse<String> response =
        HTTP.post("outbox-test/fixtures/dead-events?count=" + count + "&blocked=" + blocked);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject made = JsonText.object(response.body());
    made.getJsonArray("blocked").forEach(e -> toSetAside.add(e.asJsonObject().getString("id")));
    made.getJsonArray("dead").forEach(e -> toSetAside.add(e.asJsonObject().getString("id")));
    return made;
  }

  private static JsonObject event(String id) throws Exception {
    return ok("GET", "events/" + id).asJsonObject();
  }

  private static JsonObject list(String query) throws Exception {
    return ok("GET", "events?" + query).asJsonObject();
  }

  private static long count(JsonObject summary, String status) {
    return summary.getJsonObject("counts").getJsonNumber(status).longValue();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("events").stream().map(e -> e.asJsonObject().getString("id")).toList();
  }

  /** An admin API call (below api/) as the operator that must answer 200; its body. */
  private static JsonValue ok(String method, String apiPath) throws Exception {
    HttpResponse<String> response = OPERATORS_API.send(method, apiPath, null);
    assertThat(response.statusCode())
        .as(method + " " + apiPath + ": " + response.body())
        .isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .contains("application/json");
    return JsonText.value(response.body());
  }

  /** An admin API call as the operator that must answer 2xx or 4xx; its body as it came. */
  private static String body(String method, String apiPath, String body) throws Exception {
    HttpResponse<String> response = OPERATORS_API.send(method, apiPath, body);
    assertThat(response.statusCode()).as(method + " " + apiPath).isBetween(200, 499);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .contains("application/json");
    return response.body();
  }

  private static HttpResponse<String> get(String apiPath) throws Exception {
    return OPERATORS_API.send("GET", apiPath, null);
  }

  private static HttpResponse<String> post(String apiPath, String body) throws Exception {
    return OPERATORS_API.send("POST", apiPath, body);
  }

  private static void assertError(HttpResponse<String> response, int status, String... mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JsonText.object(response.body()).getString("message")).contains(mentions);
  }

  /** A call with the user's credentials (password = user name), or none; "user:password" too. */
  private static HttpResponse<String> send(String method, String path, String user, String body) {
    if (user == null) {
      return HTTP.send(method, path, body);
    }
    String[] credentials = (user.contains(":") ? user : user + ":" + user).split(":", 2);
    return HTTP.as(credentials[0], credentials[1]).send(method, path, body);
  }
}
