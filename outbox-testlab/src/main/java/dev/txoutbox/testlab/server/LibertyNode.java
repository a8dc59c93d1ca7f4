package dev.txoutbox.testlab.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Open Liberty server that a test runs itself (the many-servers and crash tests, the
 * benchmarks): a server directory of its own in the Liberty installation the build made,
 * server-config's server.xml, the test EAR in dropins, its ports and node id in
 * bootstrap.properties. Started and stopped with Liberty's {@code server} script; frozen and
 * resumed with SIGSTOP and SIGCONT, killed with SIGKILL. Its JVM is the one that runs this
 * installation's launcher for this name: the same name in another checkout's installation is
 * another server.
 */
public final class LibertyNode implements Node {

  private final String name;
  private final int httpPort;
  private final Path wlp;
  private final Path dir;
  private final String readyPath;

  /**
   * A server {@code name} in the installation {@code wlp}; it is up once {@code GET readyPath}
   * answers the server's name.
   */
  public LibertyNode(Path wlp, String name, int httpPort, String readyPath) {
    this.wlp = wlp.toAbsolutePath().normalize();
    this.name = name;
    this.httpPort = httpPort;
    this.readyPath = readyPath;
    this.dir = this.wlp.resolve("usr/servers").resolve(name);
    Node.killAtExit(this);
  }

  @Override
  public String name() {
    return name;
  }

  /** A fresh server directory: the shared configuration, the node's additions, the EAR. */
  public void create(Path serverConfig, Map<String, String> bootstrap, String overrides, Path ear)
      throws IOException {
    Trees.delete(dir);
    Trees.copy(serverConfig, dir);
    // server.xml's include of messaging/${txoutbox.broker}.xml is resolved before the variable's
    // defaultValue applies: the broker has to be a bootstrap property
    Map<String, String> properties = new LinkedHashMap<>(Map.of("txoutbox.broker", "embedded"));
    properties.putAll(bootstrap);
    Files.writeString(
        dir.resolve("bootstrap.properties"),
        properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    Files.createDirectories(dir.resolve("configDropins/overrides"));
    Files.writeString(dir.resolve("configDropins/overrides/node.xml"), overrides);
    Files.createDirectories(dir.resolve("dropins"));
    Files.copy(ear, dir.resolve("dropins").resolve(ear.getFileName()));
  }

  /**
   * Starts the server and waits until its application answers with this node's name. A server that
   * does not come up, or whose start the script reports failed, is killed, so that it holds no port
   * for the next run.
   */
  @Override
  public void start() throws IOException, InterruptedException {
    try {
      run("start");
    } catch (IllegalStateException failed) {
      kill();
      throw failed;
    }
    awaitAnswer(readyPath, name);
  }

  @Override
  public void stop() throws IOException, InterruptedException {
    resume(); // a frozen JVM cannot stop
    run("stop");
  }

  /** A file of this server's directory, such as {@code configDropins/overrides/x.xml}. */
  public Path file(String relative) {
    return dir.resolve(relative);
  }

  /** SIGSTOP: the JVM stops dead, holding whatever claims and connections it has. */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  @Override
  public URI uri(String path) {
    return URI.create("http://localhost:" + httpPort + path);
  }

  @Override
  public Path log() {
    return dir.resolve("logs/messages.log");
  }

  /**
   * Writes a configuration file of this server, such as {@code configDropins/overrides/x.xml}, and
   * waits until the server reports the change applied (CWWKG0017I), at most 30 s.
   */
  public void reconfigure(String relative, String xml) throws IOException, InterruptedException {
    long before = updates();
    Files.writeString(file(relative), xml);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (updates() == before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not apply " + relative + "; see " + log());
      }
      Thread.sleep(100);
    }
  }

  /**
   * As Liberty's transaction service reports them at its starts ({@code WTRN0027I} for one, {@code
   * WTRN0028I} for more), in every {@code messages*.log} of the server.
   */
  @Override
  public int recoveredTransactions() throws IOException {
    Pattern recovering = Pattern.compile("WTRN002[78]I: Transaction service recovering (\\d+)");
    int recovered = 0;
    try (Stream<Path> logs = Files.list(file("logs"))) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().startsWith("messages")).toList()) {
        Matcher m = recovering.matcher(Files.readString(log));
        while (m.find()) {
          recovered += Integer.parseInt(m.group(1));
        }
      }
    }
    return recovered;
  }

  private long updates() throws IOException {
    return logText().lines().filter(line -> line.contains("CWWKG0017I")).count();
  }

  public String logText() throws IOException {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  /** The server's JVM: the one running this installation's launcher for this server name. */
  @Override
  public List<Long> pids() {
    String launcher = wlp.resolve("bin/tools/ws-server.jar").toString();
    return Node.processes(
        args ->
            args.length > 0
                && args[args.length - 1].equals(name)
                && Arrays.asList(args).contains(launcher));
  }

  private void run(String action) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server " + action + " " + name + " hung; see " + log());
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("server " + action + " " + name + " failed; see " + log());
    }
  }
}
