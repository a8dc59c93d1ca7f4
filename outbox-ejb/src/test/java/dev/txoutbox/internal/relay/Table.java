package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.Claims.Claim;
import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.Completion;
import dev.txoutbox.internal.store.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An in-memory outbox table with the claim rules the relay relies on: heads of keys only (with
 * their contiguous runs), leases by the table's clock, every change fenced by the claim token. It
 * counts statements and the batches leased at once.
 */
final class Table implements Rows {
  enum State {
    PENDING,
    SENT,
    DEAD
  }

  static final class Row {
    final String id;
    final String key;
    final long seq;
    final Instant createdAt;

    /** The event as published: a new entity for each claim that hands it out. */
    final Supplier<OutboxMessage> published;

    State state = State.PENDING;
    int attempts;
    Instant nextAttemptAt;
    String claimedBy;
    Instant leaseUntil;
    String lastError;

    Row(String id, String key, long seq, String type, String idempotencyKey, Instant createdAt) {
      this.id = id;
      this.key = key;
      this.seq = seq;
      this.createdAt = createdAt;
      this.published =
          () ->
              new OutboxMessage(
                  id, type, null, null, key, "events", "{}", null, idempotencyKey, null, createdAt);
      this.nextAttemptAt = createdAt;
    }

    OutboxMessage message() {
      return published.get().claimed(seq, attempts);
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, Long> keys = new LinkedHashMap<>();
  private final Supplier<Instant> clock;
  private final int batchSize;
  private final Duration lease;
  private boolean runs = true;
  private int statements;
  private int mostLeasedBatches;
  private long ids;

  Table(Supplier<Instant> clock, int batchSize, Duration lease) {
    this.clock = clock;
    this.batchSize = batchSize;
    this.lease = lease;
  }

  /** Publishes an event (a key gets its next seq); returns its id. */
  synchronized String publish(String key, String type, String idempotencyKey) {
    String id = new java.util.UUID(0, ++ids).toString();
    long seq = key == null ? 0 : keys.merge(key, 1L, Long::sum);
    rows.put(
        id,
        new Row(id, key, seq, type, idempotencyKey, clock.get().minusSeconds(1).plusNanos(ids)));
    return id;
  }

  synchronized String publish(String key) {
    return publish(key, "Tested", null);
  }

  /** Claims heads only, as a claim does whose runs are cut short (a full batch, a locked row). */
  synchronized Table headsOnly() {
    runs = false;
    return this;
  }

  synchronized Row row(String id) {
    return rows.get(id);
  }

  synchronized List<Row> rows() {
    return List.copyOf(rows.values());
  }

  synchronized int statements() {
    return statements;
  }

  synchronized int mostLeasedBatches() {
    return mostLeasedBatches;
  }

  @Override
  public synchronized Claim claim(Completion done, String token, Collection<String> among) {
    statements++;
    Instant now = clock.get();
    int completed = completeFenced(done);
    Set<String> completedIds = new HashSet<>(done.deleted().keySet());
    completedIds.addAll(done.kept().keySet());
    List<Row> heads =
        rows.values().stream()
            .filter(r -> among.isEmpty() || among.contains(r.id))
            .filter(r -> claimable(r, now))
            .filter(r -> r.key == null || isHead(r, completedIds))
            .sorted(
                Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparing(r -> r.createdAt))
            .limit(batchSize)
            .toList();
    List<Row> claimed = new ArrayList<>(heads);
    int perHead = heads.isEmpty() || !runs ? 0 : (batchSize - heads.size()) / heads.size();
    for (Row head : heads) {
      if (head.key == null) {
        continue;
      }
      for (long seq = head.seq + 1; seq <= head.seq + perHead; seq++) {
        Row next = bySeq(head.key, seq);
        if (next == null || !claimable(next, now)) {
          break; // a run ends at the first gap
        }
        claimed.add(next);
      }
    }
    claimed.forEach(
        r -> {
          r.claimedBy = token;
          r.leaseUntil = now.plus(lease);
        });
    mostLeasedBatches = Math.max(mostLeasedBatches, leasedBatches(now));
    return new Claim(claimed.stream().map(Row::message).toList(), now, completed);
  }

  @Override
  public synchronized int complete(Completion done) {
    statements++;
    return completeFenced(done);
  }

  @Override
  public synchronized int fail(String token, List<Failure> failures, List<String> released) {
    statements++;
    int changed = 0;
    for (Failure failure : failures) {
      Row row = rows.get(failure.id());
      if (row != null && token.equals(row.claimedBy)) {
        row.attempts++;
        row.lastError = failure.error();
        row.nextAttemptAt = failure.nextAttemptAt();
        row.state = failure.dead() ? State.DEAD : State.PENDING;
        unclaim(row);
        changed++;
      }
    }
    for (String id : released) {
      Row row = rows.get(id);
      if (row != null && token.equals(row.claimedBy)) {
        unclaim(row);
        changed++;
      }
    }
    return changed;
  }

  private int completeFenced(Completion done) {
    int completed = 0;
    for (Map.Entry<String, String> deleted : done.deleted().entrySet()) {
      Row row = rows.get(deleted.getKey());
      if (row != null && deleted.getValue().equals(row.claimedBy)) {
        rows.remove(deleted.getKey());
        completed++;
      }
    }
    for (Map.Entry<String, String> kept : done.kept().entrySet()) {
      Row row = rows.get(kept.getKey());
      if (row != null && kept.getValue().equals(row.claimedBy)) {
        row.state = State.SENT;
        unclaim(row);
        completed++;
      }
    }
    return completed;
  }

  private boolean claimable(Row r, Instant now) {
    return r.state == State.PENDING
        && !r.nextAttemptAt.isAfter(now)
        && (r.leaseUntil == null || r.leaseUntil.isBefore(now));
  }

  private boolean isHead(Row r, Set<String> completing) {
    return rows.values().stream()
        .noneMatch(
            p ->
                r.key.equals(p.key)
                    && p.seq < r.seq
                    && p.state != State.SENT
                    && !completing.contains(p.id));
  }

  private Row bySeq(String key, long seq) {
    return rows.values().stream()
        .filter(r -> key.equals(r.key) && r.seq == seq)
        .findFirst()
        .orElse(null);
  }

  private int leasedBatches(Instant now) {
    return (int)
        rows.values().stream()
            .filter(r -> r.claimedBy != null && r.leaseUntil.isAfter(now))
            .map(r -> r.claimedBy)
            .distinct()
            .count();
  }

  private static void unclaim(Row row) {
    row.claimedBy = null;
    row.leaseUntil = null;
  }
}
