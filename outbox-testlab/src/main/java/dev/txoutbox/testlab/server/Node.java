package dev.txoutbox.testlab.server;

import dev.txoutbox.testlab.client.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server that a test starts, kills and stops itself, in a directory of its own: an Open Liberty
 * server ({@link LibertyNode}) or a WildFly ({@link WildFlyNode}). The crash suite runs its steps
 * on either through this. Closing it stops its server, and kills it if it will not stop: a test
 * holds it in try-with-resources or closes it in {@code @AfterAll}, so that no server outlives its
 * test, failed or not; and a server still running when the JVM exits (a run interrupted) is killed
 * then.
 */
public interface Node extends AutoCloseable {
  /** The server's name: its directory's, and the node id of its relay where the test sets one. */
  String name();

  /** Starts the server and waits until its application answers; kills it if it does not. */
  void start() throws IOException, InterruptedException;

  /** Stops the server in order; fails if it does not stop. */
  void stop() throws IOException, InterruptedException;

  /** The process id of the server's JVM: none when it does not run. */
  List<Long> pids();

  /**
   * Stops the server if its JVM runs, and kills it if the orderly stop fails or the JVM outlives
   * it. A failed stop is reported, not thrown: the kill did its job, and a test's own failure must
   * not hide behind a failed stop.
   */
  @Override
  default void close() throws IOException, InterruptedException {
    if (pids().isEmpty()) {
      return;
    }
    try {
      stop();
    } catch (IOException | RuntimeException e) {
      System.err.println("stopping " + name() + " failed (" + e.getMessage() + "): killing it");
    }
    if (!awaitDeath(Duration.ofSeconds(30))) {
      kill();
    }
  }

  /** The ids of the processes of this machine whose command line {@code arguments} accepts. */
  static List<Long> processes(Predicate<String[]> arguments) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(arguments::test).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  /**
   * Kills {@code node}'s server when this JVM exits with it still running: a run interrupted, or a
   * test JVM ended before its tests closed their nodes.
   */
  static void killAtExit(Node node) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    node.pids()
                        .forEach(
                            pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)),
                "kill " + node.name() + " at exit"));
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
    Http http = Http.to(uri("/")).within(Duration.ofSeconds(30));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer = http.get(path);
        if (answer.statusCode() == 200 && answer.body().equals(body)) {
          return;
        }
      } catch (UncheckedIOException notYet) {
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
