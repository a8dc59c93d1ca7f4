package dev.txoutbox.testlab.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One WildFly that a test starts, kills and stops itself: a base directory of its own, copied from
 * the {@code standalone} directory of the WildFly that the build installed and configured with
 * server-config's CLI scripts, its ports shifted by an offset, an EAR in its deployments folder.
 * Configured offline by jboss-cli ({@code embed-server} on that directory) and at run time over its
 * management port. Started with {@code standalone.sh -c standalone-full.xml}; stopped with SIGTERM
 * (WildFly's orderly shutdown), then SIGKILL; killed with SIGKILL of its JVM, not of the script.
 */
public final class WildFlyNode implements Node {
  private static final String CONFIG = "standalone-full.xml";
  private static final int HTTP_PORT = 8080;
  private static final int MANAGEMENT_PORT = 9990;

  private final String name;
  private final Path home;
  private final Path dir;
  private final int portOffset;
  private final String readyPath;
  private final Set<Path> loggedAtStarts = new HashSet<>();

  /**
   * A server {@code name} of the installation {@code home}, in the base directory {@code dir},
   * every port shifted by {@code portOffset}; it is up once {@code GET readyPath} answers its name.
   */
  public WildFlyNode(Path home, Path dir, String name, int portOffset, String readyPath) {
    this.home = home;
    this.dir = dir;
    this.name = name;
    this.portOffset = portOffset;
    this.readyPath = readyPath;
    Node.killAtExit(this);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * A fresh base directory: the installation's configuration, no data, no log, {@code ear} in its
   * deployments folder (deployed by the deployment scanner at every start). A JVM that an
   * interrupted run left on this directory is killed first.
   */
  public void create(Path ear) throws IOException, InterruptedException {
    kill();
    Trees.delete(dir);
    Trees.copy(home.resolve("standalone/configuration"), dir.resolve("configuration"));
    Files.createDirectories(dir.resolve("deployments"));
    Files.copy(ear, dir.resolve("deployments").resolve(ear.getFileName()));
  }

  /**
   * Runs a CLI script offline on this server's configuration: {@code script}'s commands, which
   * start with {@code embed-server --server-config=standalone-full.xml}, as server-config's do.
   */
  public void configure(String script) throws IOException, InterruptedException {
    cli(script, "-Djboss.server.base.dir=" + dir);
  }

  /** Runs CLI commands on the running server, over its management port; answers their output. */
  public String manage(String... commands) throws IOException, InterruptedException {
    return cli(
        String.join("\n", commands) + "\n",
        "--connect",
        "--controller=localhost:" + (MANAGEMENT_PORT + portOffset));
  }

  /**
   * Starts the server and waits until its application answers with this node's name. A server that
   * does not come up is killed, so that it holds no port for the next run. Counts the transactions
   * in its transaction log first: those the start recovers.
   */
  @Override
  public void start() throws IOException, InterruptedException {
    loggedAtStarts.addAll(loggedTransactions());
    Files.createDirectories(dir.resolve("log"));
    new ProcessBuilder(
            home.resolve("bin/standalone.sh").toString(),
            "-c",
            CONFIG,
            "-Djboss.server.base.dir=" + dir,
            "-Djboss.socket.binding.port-offset=" + portOffset)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/console.log").toFile()))
        .start();
    awaitAnswer(readyPath, name);
  }

  /** SIGTERM, WildFly's orderly shutdown; SIGKILL if it still runs a minute later. */
  @Override
  public void stop() throws IOException, InterruptedException {
    signal("TERM");
    if (!awaitDeath(Duration.ofSeconds(60))) {
      kill();
    }
  }

  @Override
  public URI uri(String path) {
    return URI.create("http://localhost:" + (HTTP_PORT + portOffset) + path);
  }

  @Override
  public Path log() {
    return dir.resolve("log/server.log");
  }

  /**
   * The transactions that Narayana's object store held at this server's starts and no longer holds:
   * each one's commit was decided and logged, and not finished when the JVM died, and the recovery
   * manager finished it after a start. A transaction with a heuristic outcome stays in the store
   * (and in no count) until an operator removes it.
   */
  @Override
  public int recoveredTransactions() throws IOException {
    Set<Path> now = loggedTransactions();
    return (int) loggedAtStarts.stream().filter(t -> !now.contains(t)).count();
  }

  private Set<Path> loggedTransactions() throws IOException {
    Path store = dir.resolve("data/tx-object-store");
    if (!Files.isDirectory(store)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(store)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("/AtomicAction/"))
          .map(store::relativize)
          .collect(Collectors.toSet());
    }
  }

  /** The server's JVM: the one running jboss-modules with this base directory. */
  @Override
  public List<Long> pids() {
    String baseDir = "-Djboss.server.base.dir=" + dir;
    return Node.processes(
        args ->
            String.join(" ", args).contains(baseDir)
                && String.join(" ", args).contains("jboss-modules.jar"));
  }

  /** Runs jboss-cli with {@code arguments} on a script file of {@code commands}. */
  private String cli(String commands, String... arguments)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile(name, ".cli");
    try {
      Files.writeString(script, commands);
      List<String> command =
          Stream.of(
                  Stream.of(home.resolve("bin/jboss-cli.sh").toString()),
                  Stream.of(arguments),
                  Stream.of("--file=" + script))
              .flatMap(s -> s)
              .toList();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jboss-cli failed on\n" + commands + "\n" + output);
      }
      return output;
    } finally {
      Files.delete(script);
    }
  }
}
