package dev.txoutbox.it.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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

  /** SIGKILL ({@code kill -9}) of the server's JVM; returns when it is gone. */
  void kill() throws IOException, InterruptedException;

  /** Waits until the server's JVM has died, as after a halt; false if it still runs. */
  boolean awaitDeath(Duration atMost) throws InterruptedException;

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
