package dev.txoutbox.it.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server that a test starts, kills and stops itself, in a directory of its own: an Open Liberty
 * server ({@link LibertyNode}) or a WildFly ({@link WildFlyNode}). The crash suite runs its steps
 * on either through this.
 */
public interface Node {
  /** Starts the server and waits until its application answers; kills it if it does not. */
  void start() throws IOException, InterruptedException;

  /**
   * Stops the server if its JVM runs: for a {@code finally}, where a server that a test's failure
   * left dead must not hide that failure behind a failed stop.
   */
  void stopIfRunning() throws IOException, InterruptedException;

  /** The process id of the server's JVM: none when it does not run. */
  List<Long> pids();

  /** The ids of the processes of this machine whose command line {@code arguments} accepts. */
  static List<Long> processes(Predicate<String[]> arguments) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(arguments::test).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  /** Sends {@code signal} ({@code KILL}, {@code TERM}, {@code STOP}, …) to the server's JVM. */
  default void signal(String signal) throws IOException, InterruptedException {
    for (long pid : pids()) {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }
  }

  /** SIGKILL ({@code kill -9}) of the server's JVM; returns when it is gone. */
  default void kill() throws IOException, InterruptedException {
    signal("KILL");
    awaitDeath(Duration.ofSeconds(30));
  }

  /** Waits until the server's JVM has died, as after a halt; false if it still runs. */
  default boolean awaitDeath(Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!pids().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /**
   * Waits, at most three minutes, until {@code GET path} answers 200 with {@code body}, as a
   * started server's application does. A server that does not come up is killed, so that it holds
   * no port for the next run, and the failure names its log.
   */
  default void awaitAnswer(String path, String body) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().equals(body)) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    kill();
    throw new IllegalStateException(body + " did not start (killed); see " + log());
  }

  /** An address of the server's HTTP port, such as {@code /crash/api}. */
  URI uri(String path);

  /** The server's log. */
  Path log();

  /**
   * The transactions that the server's transaction manager found in its log at its starts, and so
   * had to complete (or roll back) after a crash.
   */
  int recoveredTransactions() throws IOException;
}
