package dev.txoutbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.console.DeadLetterResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's chromium and chromium-driver), against
 * the sample EAR as shipped: dead letters made the real way show up in its table, Replay sends one
 * into its queue, Skip sets one aside with the reason typed in its row. Runs with -Pconsole only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {
  private static final String PORT = System.getProperty("it.http.port", "9180");
  private static final String OPERATOR = "operator";
  private static final URI API = URI.create("http://localhost:" + PORT + "/outbox-admin/api/");
  private static final URI FIXTURES =
      URI.create("http://localhost:" + PORT + "/sample/api/console-it/");
  // the credentials in the address are the operator's answer to the BASIC challenge; the page's
  // own requests to the API reuse them
  private static final String CONSOLE =
      "http://" + OPERATOR + ":" + OPERATOR + "@localhost:" + PORT + "/outbox-admin/";
  private static final Path BUILD_DIR = Path.of(System.getProperty("it.build.dir", "target"));
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.sampleEarWith(DeadLetterResource.class, Transactions.class);
  }

  private final UUID filler = UUID.randomUUID();
  private Path profile;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void fillTheQueueAndOpenTheConsole() throws Exception {
    fixture("PUT", "full/" + filler);
    profile = Files.createTempDirectory(BUILD_DIR, "chromium-profile");
    browser = chromium(profile);
    wait = new WebDriverWait(browser, PATIENCE);
    wait.withMessage(() -> "the console's status line says: " + statusLine());
    browser.get(CONSOLE);
    // the page has loaded the outbox's state through the API: the credentials were reused
    wait.until(b -> count("DEAD") >= 0);
  }

  @AfterEach
  void closeTheConsoleAndFreeTheQueue() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      fixture("DELETE", "full/" + filler);
      deleteRecursively(profile);
    }
  }

  @Test
  void replayedDeadLetterArrivesInItsQueue() throws Exception {
    List<UUID> dead = Stream.generate(ConsoleIT::orderKey).limit(4).map(ConsoleIT::doomed).toList();
    dead.forEach(this::awaitRow);
    wait.until(b -> count("DEAD") == apiCount("DEAD"));
    int deadBefore = count("DEAD");
    UUID replayed = dead.get(0);

    fixture("DELETE", "full/" + filler); // the destination takes messages again
    row(replayed).findElement(By.cssSelector("button.replay")).click();

    HttpResponse<String> arrived = fixture("GET", "full/events/" + replayed);
    assertThat(arrived.statusCode()).as("the replayed event reached its queue").isEqualTo(200);
    assertThat(json(arrived.body()).getString("attempt")).isEqualTo("1");
    wait.until(b -> statusLine().contains("Replayed event " + replayed.toString().substring(0, 8)));
    wait.until(b -> rows(replayed).isEmpty());
    wait.until(b -> count("DEAD") == deadBefore - 1);
    wait.until(b -> oldestPendingMatchesTheApi());
    assertThat(dead.subList(1, dead.size())).allSatisfy(id -> assertThat(rows(id)).hasSize(1));
    screenshot();
  }

  @Test
  void skipWithAReasonSetsTheDeadLetterAside() throws Exception {
    UUID id = doomed(orderKey());
    WebElement row = awaitRow(id);
    int skippedBefore = count("SKIPPED");

    row.findElement(By.cssSelector("input.skip-reason")).sendKeys("customer account was deleted");
    row.findElement(By.cssSelector("button.skip")).click();

    wait.until(b -> rows(id).isEmpty());
    assertThat(statusLine()).contains("Skipped event " + id.toString().substring(0, 8));
    JsonObject event = json(api("GET", "events/" + id, null).body());
    assertThat(event.getString("status")).isEqualTo("SKIPPED");
    assertThat(event.getString("skipReason")).isEqualTo("customer account was deleted");
    wait.until(b -> count("SKIPPED") == skippedBefore + 1);
  }

  @Test
  void skipWithoutAReasonShowsTheApiMessage() throws Exception {
    UUID id = doomed(orderKey());
    WebElement row = awaitRow(id);
    HttpResponse<String> refused = api("POST", "events/" + id + "/skip", "{\"reason\":\" \"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    String message = json(refused.body()).getString("message");

    row.findElement(By.cssSelector("button.skip")).click();

    wait.until(b -> statusLine().contains(message));
    assertThat(browser.findElement(By.id("status")).getAttribute("data-kind")).isEqualTo("error");
    assertThat(rows(id)).hasSize(1);
    assertThat(json(api("GET", "events/" + id, null).body()).getString("status")).isEqualTo("DEAD");
  }

  @Test
  void eventValuesAreShownAsTextNotMarkup() {
    String key = "<b class=\"injected\">" + orderKey() + "</b>";
    UUID id = doomed(key);
    WebElement row = awaitRow(id);

    assertThat(row.findElement(By.cssSelector("td.key")).getText()).isEqualTo(key);
    assertThat(browser.findElements(By.cssSelector(".injected"))).isEmpty();
    // out of the table again, which docs/operations.md's picture shows
    assertThat(api("POST", "events/" + id + "/skip", "{\"reason\":\"test event\"}").statusCode())
        .isEqualTo(200);
  }

  private static WebDriver chromium(Path profile) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .withLogFile(BUILD_DIR.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }

  /** Waits for the event to die (through the API), then for the console to show its row. */
  private WebElement awaitRow(UUID id) {
    await("event " + id + " is DEAD")
        .atMost(PATIENCE)
        .until(
            () -> json(api("GET", "events/" + id, null).body()).getString("status"),
            "DEAD"::equals);
    return wait.until(b -> rows(id).stream().findFirst().orElse(null));
  }

  private WebElement row(UUID id) {
    return browser.findElement(rowOf(id));
  }

  private List<WebElement> rows(UUID id) {
    return browser.findElements(rowOf(id));
  }

  private static By rowOf(UUID id) {
    return By.cssSelector("#dead-rows tr[data-event-id='" + id + "']");
  }

  /** The count the console shows for a status; -1 before it has shown one. */
  private int count(String status) {
    String text = browser.findElement(By.id("count-" + status)).getText().trim();
    return text.matches("\\d+") ? Integer.parseInt(text) : -1;
  }

  /**
   * "none" when the API knows no pending event, else an age such as "3 m 12 s" (events that an
   * earlier run on the same database left pending behind a dead head of their key count too).
   */
  private boolean oldestPendingMatchesTheApi() {
    String shown = browser.findElement(By.id("oldest-pending")).getText().trim();
    JsonObject summary = json(api("GET", "summary", null).body());
    return summary.isNull("oldestPendingAgeSeconds")
        ? shown.equals("none")
        : shown.matches("\\d+ [dhms]( \\d+ [hms])?");
  }

  private String statusLine() {
    return browser.findElements(By.id("status")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("(no status line: the page did not load)");
  }

  /** Saves the console's page to target/console.png (docs/operations.md's picture is it). */
  private void screenshot() throws IOException {
    byte[] png = browser.findElement(By.tagName("body")).getScreenshotAs(OutputType.BYTES);
    Files.write(BUILD_DIR.resolve("console.png"), png);
  }

  /**
   * An ordering key of its own: a DEAD head holds back the later events of its key, also those of a
   * later run on the same database.
   */
  private static String orderKey() {
    return "order-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static UUID doomed(String key) {
    HttpResponse<String> response =
        send(
            "POST",
            FIXTURES.resolve("doomed?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)),
            null,
            false);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return UUID.fromString(response.body().trim());
  }

  private static HttpResponse<String> fixture(String method, String path) {
    HttpResponse<String> response = send(method, FIXTURES.resolve(path), null, false);
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 404);
    return response;
  }

  private static int apiCount(String status) {
    HttpResponse<String> response = api("GET", "summary", null);
    return json(response.body()).getJsonObject("counts").getInt(status, 0);
  }

  private static HttpResponse<String> api(String method, String path, String json) {
    return send(method, API.resolve(path), json, true);
  }

  private static HttpResponse<String> send(
      String method, URI uri, String json, boolean asOperator) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(40))
            .header("Accept", "application/json, text/plain")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (asOperator) {
      String credentials = OPERATOR + ":" + OPERATOR;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + uri + " was interrupted", e);
    }
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
