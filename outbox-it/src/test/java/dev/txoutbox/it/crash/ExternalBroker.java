package dev.txoutbox.it.crash;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The external ActiveMQ Artemis broker of {@code -Partemis}, as the build created and started it
 * (server-config's broker.sh): the crash suite kills it with SIGKILL, stops it, and starts it again
 * through its instance's own {@code bin/artemis-service}, which keeps its journal.
 */
final class ExternalBroker {
  private final Path instance;
  private final URI url;

  private ExternalBroker(Path instance, URI url) {
    this.instance = instance;
    this.url = url;
  }

  /** The broker of this run, or null when the servers use their own (no -Partemis). */
  static ExternalBroker ofThisRun() {
    if (!"artemis".equals(System.getProperty("it.broker"))) {
      return null;
    }
    return new ExternalBroker(
        Path.of(System.getProperty("it.artemis.instance")),
        URI.create(System.getProperty("it.artemis.url")));
  }

  /** A Liberty node's bootstrap properties that point server.xml at this broker. */
  Map<String, String> bootstrap() {
    return Map.of(
        "txoutbox.broker", "artemis",
        "artemis.host", url.getHost(),
        "artemis.port", Integer.toString(url.getPort()));
  }

  /** SIGKILL of the broker's JVM; returns once it is gone. */
  void kill() throws IOException, InterruptedException {
    String pid = Files.readString(instance.resolve("data/artemis.pid")).trim();
    run("kill", "-9", pid);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the broker (pid " + pid + ") outlived kill -9");
      }
      Thread.sleep(100);
    }
  }

  /** An orderly stop, as an operator's maintenance would do it. */
  void stop() throws IOException, InterruptedException {
    run("bash", instance.resolve("bin/artemis-service").toString(), "stop");
  }

  /** Starts the broker again and waits until it takes connections. */
  void start() throws IOException, InterruptedException {
    run("bash", instance.resolve("bin/artemis-service").toString(), "start");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the broker did not come back; see " + instance.resolve("log/artemis.log"));
      }
      Thread.sleep(200);
    }
  }

  /**
   * How many messages the broker refused as duplicates since it was created ({@code AMQ222059} in
   * its log): re-sends of an event whose {@code _AMQ_DUPL_ID} it still held.
   */
  long droppedDuplicates() throws IOException {
    try (var lines = Files.lines(instance.resolve("log/artemis.log"))) {
      return lines.filter(line -> line.contains("AMQ222059")).count();
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  @Override
  public String toString() {
    return "external Artemis at " + url + " (" + instance + ")";
  }
}
