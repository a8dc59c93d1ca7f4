package dev.txoutbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time, from Linux's {@code /proc}: of the server's JVM, of PostgreSQL's processes (its
 * backends are long-lived pool connections, so their sum covers a block), and of the whole machine
 * (busy and in all). Where a block's time goes when relay, broker and database share the cores:
 * elsewhere every figure reads as zero.
 */
record Cpu(double server, double database, double busy, double total) {
  /** The busy share from which a block counts as CPU-bound (its cores had no time to spare). */
  static final double SATURATED = 0.9;

  private static final double TICK = 100.0; // USER_HZ, 100 on every Linux this runs on
  private static final Path PROC = Path.of("/proc");

  static Cpu read(Collection<Long> serverPids) {
    double server =
        serverPids.stream().mapToDouble(pid -> ticks(PROC.resolve(pid + "/stat"))).sum();
    double database = postgresPids().mapToDouble(pid -> ticks(pid.resolve("stat"))).sum();
    List<Long> machine = machine();
    long all = machine.stream().mapToLong(Long::longValue).sum();
    long idle = machine.size() > 4 ? machine.get(3) + machine.get(4) : all; // idle, iowait
    return new Cpu(server / TICK, database / TICK, (all - idle) / TICK, all / TICK);
  }

  Cpu since(Cpu before) {
    return new Cpu(
        server - before.server,
        database - before.database,
        busy - before.busy,
        total - before.total);
  }

  Cpu plus(Cpu other) {
    return new Cpu(
        server + other.server, database + other.database, busy + other.busy, total + other.total);
  }

  @Override
  public String toString() {
    return String.format(
        "server JVM %.2f s, PostgreSQL %.2f s, machine busy %.2f s of %.2f s (%.0f %%)",
        server, database, busy, total, 100 * busyShare());
  }

  /** The share of the machine's cores that were busy, 0 to 1. */
  double busyShare() {
    return total > 0 ? busy / total : 0;
  }

  /**
   * The highest ratio of throughputs that the outbox could reach against its baseline on a machine
   * that both keep busy, if everything it did beyond the baseline cost nothing but its database's
   * CPU: the CPU of the system measured (the server's JVM and PostgreSQL) per unit of the baseline,
   * over the same plus the extra PostgreSQL CPU of the outbox's blocks (both per the same number of
   * units) plus {@code also}, CPU seconds per as many units that any outbox must spend besides
   * (such as sending its events). On a CPU-bound machine, throughput is the cores over the CPU per
   * unit, so no outbox that does this work can do better there.
   */
  static double bound(Cpu baseline, Cpu outbox, double also) {
    double extra = Math.max(0, outbox.database - baseline.database) + also;
    return baseline.measured() / (baseline.measured() + extra);
  }

  /** The CPU of the system measured: the server's JVM and PostgreSQL. */
  double measured() {
    return server + database;
  }

  /** Seconds of CPU per 1,000 events of a block of {@code events}. */
  Cpu perThousand(long events) {
    double f = 1_000.0 / events;
    return new Cpu(server * f, database * f, busy * f, total * f);
  }

  private static Stream<Path> postgresPids() {
    try (Stream<Path> all = Files.list(PROC)) {
      return all
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> "postgres".equals(read(p.resolve("comm")).strip()))
          .toList()
          .stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  /** utime + stime of a process, in ticks; 0 once it is gone. */
  private static double ticks(Path stat) {
    String line = read(stat);
    int end = line.lastIndexOf(')'); // the command, in parentheses, may hold spaces
    if (end < 0) {
      return 0;
    }
    String[] fields = line.substring(end + 2).split(" ");
    // after the command: state is field 3, utime 14 and stime 15 of the whole line
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static List<Long> machine() {
    String first = read(PROC.resolve("stat")).lines().findFirst().orElse("cpu");
    return Stream.of(first.trim().split("\\s+")).skip(1).map(Long::parseLong).toList();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
