package dev.txoutbox.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.testlab.client.AdminClient;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import dev.txoutbox.testlab.fixture.DeadEvents;
import dev.txoutbox.testlab.fixture.Transactions;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
 * into its queue, Skip sets one aside with the reason typed in its row. The lab's fixture ({@link
 * DeadEvents}, in the sample's REST application) fills the queue and reads it back. Runs with
 * -Pconsole only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {
  private static final String PORT = System.getProperty("it.http.port", "9180");
  private static final String OPERATOR = "operator";
  private static final AdminClient API =
      AdminClient.of(URI.create("http://localhost:" + PORT + "/outbox-admin/"), OPERATOR);
  private static final Http FIXTURE =
      Http.to(URI.create("http://localhost:" + PORT + "/sample/api/dead-events/"))
          .within(Duration.ofSeconds(40));
  // the credentials in the address are the operator's answer to the BASIC challenge; the page's
  // own requests to the API reuse them
  private static final String CONSOLE =
      "http://" + OPERATOR + ":" + OPERATOR + "@localhost:" + PORT + "/outbox-admin/";
  private static final Path BUILD_DIR = Path.of(System.getProperty("it.build.dir", "target"));
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.sampleEarWith(DeadEvents.class, Transactions.class);
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
    wait.until(b -> count("DEAD") == API.count("DEAD"));
    int deadBefore = count("DEAD");
    UUID replayed = dead.get(0);

    fixture("DELETE", "full/" + filler); // the destination takes messages again
    row(replayed).findElement(By.cssSelector("button.replay")).click();

    HttpResponse<String> arrived = fixture("GET", "sent/" + replayed);
    assertThat(arrived.statusCode()).as("the replayed event reached its queue").isEqualTo(200);
    assertThat(JsonText.object(arrived.body()).getString("attempt")).isEqualTo("1");
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
    JsonObject event = API.event(id);
    assertThat(event.getString("status")).isEqualTo("SKIPPED");
    assertThat(event.getString("skipReason")).isEqualTo("customer account was deleted");
    wait.until(b -> count("SKIPPED") == skippedBefore + 1);
  }

  @Test
  void skipWithoutAReasonShowsTheApiMessage() throws Exception {
    UUID id = doomed(orderKey());
    WebElement row = awaitRow(id);
    HttpResponse<String> refused = API.skip(id, " ");
    assertThat(refused.statusCode()).isEqualTo(400);
    String message = JsonText.object(refused.body()).getString("message");

    row.findElement(By.cssSelector("button.skip")).click();

    wait.until(b -> statusLine().contains(message));
    assertThat(browser.findElement(By.id("status")).getAttribute("data-kind")).isEqualTo("error");
    assertThat(rows(id)).hasSize(1);
    assertThat(API.event(id).getString("status")).isEqualTo("DEAD");
  }

  @Test
  void eventValuesAreShownAsTextNotMarkup() {
    String key = "<b class=\"injected\">" + orderKey() + "</b>";
    UUID id = doomed(key);
    WebElement row = awaitRow(id);

    assertThat(row.findElement(By.cssSelector("td.key")).getText()).isEqualTo(key);
    assertThat(browser.findElements(By.cssSelector(".injected"))).isEmpty();
    // out of the table again, which docs/operations.md's picture shows
    assertThat(API.skip(id, "test event").statusCode()).isEqualTo(200);
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
        .until(() -> API.event(id).getString("status"), "DEAD"::equals);
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
    JsonObject summary = API.summary();
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
    HttpResponse<String> response = FIXTURE.post("doomed?key=" + key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return UUID.fromString(response.body().trim());
  }

  private static HttpResponse<String> fixture(String method, String path) {
    HttpResponse<String> response = FIXTURE.send(method, path, null);
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 404);
    return response;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
