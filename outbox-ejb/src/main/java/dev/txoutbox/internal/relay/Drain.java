package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig.RetryPolicy;
import dev.txoutbox.internal.relay.Delivery.Delivered;
import dev.txoutbox.internal.store.Claims.Claim;
import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.Completion;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import dev.txoutbox.lifecycle.OutboxLifecycle.Sent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The relay's core, plain Java over two ports ({@link Rows}, the {@link Delivery}'s broker): claims
 * batches and delivers them until nothing is due. A sent batch is completed by the next claim (one
 * statement where the database allows it), and while a full batch is being sent, the next one is
 * claimed on another thread ({@code ahead}), so that at most two batches are leased at a time.
 * Failure is data: a failed send becomes the row's error and next attempt, or DEAD after its last.
 * One drain at a time per instance.
 */
final class Drain {
  private static final Logger LOG = Logger.getLogger(Drain.class.getName());
  private static final int CLAIM_ATTEMPTS = 5;

  /**
   * What a drain needs besides its ports: most messages per JMS transaction, most rows per claim
   * (as the {@link Rows} claim them) and their lease, retry policies, node name, pipelining.
   */
  record Setup(
      int batchSize,
      int claimSize,
      Duration lease,
      Function<String, RetryPolicy> retries,
      Backoff backoff,
      String node,
      Executor ahead) {}

  private final Rows rows;
  private final Delivery delivery;
  private final Clock clock;
  private final Setup setup;
  private final Retries retries;
  private final Announcements announcements;

  /** A sent batch whose completion the next claim carries, and what to announce after it. */
  private Carried carried = Carried.NONE;

  private record Carried(Completion completion, List<Sent> sent) {
    static final Carried NONE = new Carried(Completion.NONE, List.of());

    /** Both: a batch sent while the claim that would have carried the one before was under way. */
    Carried plus(Carried other) {
      List<Sent> all = new ArrayList<>(sent);
      all.addAll(other.sent);
      return new Carried(completion.plus(other.completion), all);
    }
  }

  Drain(
      Rows rows, Delivery delivery, Clock clock, Setup setup, Consumer<OutboxLifecycle> lifecycle) {
    this.rows = rows;
    this.delivery = delivery;
    this.clock = clock;
    this.setup = setup;
    this.retries = new Retries(setup.retries(), setup.backoff());
    this.announcements = new Announcements(lifecycle);
  }

  /**
   * Delivers until nothing is due: the ids {@code handoffs} answers (events just committed in this
   * JVM), claimed by id as they come, and whatever is due when a batch came back full, or held
   * events of a key (their completion makes the key's next events due), or when {@code poll}
   * answers true (it is asked once per claim it could start, and should answer true once per
   * request, such as a timer's tick). Returns how many rows it claimed. {@code beat} runs after
   * each batch; once {@code stopping} answers true, no batch starts.
   */
  int run(
      Supplier<List<String>> handoffs,
      BooleanSupplier poll,
      BooleanSupplier stopping,
      Runnable beat) {
    return run(handoffs, poll, stopping, beat, () -> {});
  }

  /**
   * As {@link #run(Supplier, BooleanSupplier, BooleanSupplier, Runnable)}, and runs {@code behind}
   * each time a claim came back full: more is due than this drain sends, so another drain may help.
   */
  int run(
      Supplier<List<String>> handoffs,
      BooleanSupplier poll,
      BooleanSupplier stopping,
      Runnable beat,
      Runnable behind) {
    int claimed = 0;
    boolean more = false; // the last batch was full, or had keys: more may be due now
    CompletableFuture<Timed> next = null; // the claim ahead, while a full batch is sent
    try {
      while (!stopping.getAsBoolean()) {
        Timed batch;
        if (next != null) {
          batch = await(next);
          next = null;
          if (batch.claim().rows().isEmpty() && carried != Carried.NONE) {
            batch = claim(List.of()); // the completion may have freed the next events of its keys
          }
        } else {
          List<String> handed = more ? List.of() : handoffs.get();
          if (!handed.isEmpty()) {
            batch = claim(handed);
          } else if (more || poll.getAsBoolean()) {
            batch = claim(List.of());
          } else {
            break;
          }
        }
        List<OutboxMessage> claimedRows = batch.claim().rows();
        boolean full = claimedRows.size() >= setup.claimSize();
        more = full || claimedRows.stream().anyMatch(m -> m.orderingKey() != null);
        if (claimedRows.isEmpty()) {
          continue;
        }
        claimed += claimedRows.size();
        if (full) {
          behind.run();
          if (setup.ahead() != null) {
            next = claimAhead();
          }
        }
        deliver(batch, stopping);
        beat.run();
      }
      if (next != null) {
        giveBack(await(next)); // stopping: the batch claimed ahead is not sent
      }
    } finally {
      completeCarried();
    }
    return claimed;
  }

  /** Completes the last sent batch, which no claim will carry. */
  private void completeCarried() {
    Carried last = carried;
    carried = Carried.NONE;
    if (last != Carried.NONE) {
      try {
        completed(last, retrying(() -> rows.complete(last.completion())));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "txoutbox: completing sent events failed; they are sent again after their lease: "
                + last.sent().stream().map(Sent::eventId).toList(),
            e);
      }
    }
  }

  /** A claim, its token, and the local clock's time when it returned (to move the claim's on). */
  private record Timed(Claim claim, String token, Instant at) {}

  /** Claims, carrying the completion of the batch sent last. */
  private Timed claim(Collection<String> ids) {
    Carried done = carried;
    carried = Carried.NONE;
    return claim(done, ids);
  }

  private Timed claim(Carried done, Collection<String> ids) {
    String token = setup.node() + "/" + UUID.randomUUID();
    Claim claim = retrying(() -> rows.claim(done.completion(), token, ids));
    completed(done, claim.completed());
    return new Timed(claim, token, clock.instant());
  }

  /** Claims on the {@code ahead} thread, carrying what was sent before the batch now sending. */
  private CompletableFuture<Timed> claimAhead() {
    Carried done = carried;
    carried = Carried.NONE;
    return CompletableFuture.supplyAsync(() -> claim(done, List.of()), setup.ahead());
  }

  private Timed await(CompletableFuture<Timed> next) {
    try {
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("txoutbox: interrupted while claiming", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private boolean halfLeasePassed(Timed batch) {
    Duration elapsed = Duration.between(batch.at(), clock.instant());
    return elapsed.compareTo(setup.lease().dividedBy(2)) >= 0;
  }

  private Instant now(Timed batch) {
    return batch.claim().now().plus(Duration.between(batch.at(), clock.instant()));
  }

  /**
   * Sends a claim in JMS transactions of at most a batch each, in sending order. Once a message of
   * a key has failed (or found its lease run out), the key's later messages in the claim are
   * released, not sent. The rest of the claim is given back unsent when {@code stopping} answers
   * true between two transactions, or when half the lease has passed (a slow broker): sending it
   * later could outlast the lease, and another relay would send it again.
   */
  private void deliver(Timed batch, BooleanSupplier stopping) {
    List<OutboxMessage> messages = SendingOrder.of(batch.claim().rows());
    String token = batch.token();
    Outcome outcome = Outcome.NONE;
    Completion toCarry = Completion.NONE;
    Set<String> failedKeys = new HashSet<>();
    for (int from = 0; from < messages.size(); from += setup.batchSize()) {
      List<OutboxMessage> part =
          messages.subList(from, Math.min(messages.size(), from + setup.batchSize()));
      if (from > 0 && (stopping.getAsBoolean() || halfLeasePassed(batch))) {
        outcome = outcome.plus(Outcome.released(messages.subList(from, messages.size())));
        break;
      }
      Map<Boolean, List<OutboxMessage>> byHeld =
          part.stream()
              .collect(Collectors.partitioningBy(m -> failedKeys.contains(m.orderingKey())));
      List<OutboxMessage> held = byHeld.get(true);
      List<OutboxMessage> sending = byHeld.get(false);
      Delivered delivered =
          sending.isEmpty()
              ? new Delivered(Outcome.NONE, Completion.NONE)
              : delivery.deliver(token, sending);
      Stream.concat(
              delivered.outcome().failed().keySet().stream(), delivered.outcome().lapsed().stream())
          .map(OutboxMessage::orderingKey)
          .filter(Objects::nonNull)
          .forEach(failedKeys::add);
      outcome = outcome.plus(delivered.outcome()).plus(Outcome.released(held));
      toCarry = toCarry.plus(delivered.carried());
    }
    Instant now = now(batch);
    List<Sent> sent = outcome.sent().stream().map(m -> Announcements.sent(m, now)).toList();
    if (toCarry.isEmpty()) {
      announcements.sent(sent);
    } else {
      carried = carried.plus(new Carried(toCarry, sent));
    }
    Outcome result = outcome;
    if (!result.lapsed().isEmpty()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on "
                  + result.lapsed().size()
                  + " events ran out before they were sent; they were not sent, and are sent by"
                  + " the relay that has them now: "
                  + ids(result.lapsed()));
    }
    recordFailures(token, result, now);
  }

  private void recordFailures(String token, Outcome outcome, Instant now) {
    // one backoff each, drawn once: the announcement tells the next attempt that is recorded
    Map<OutboxMessage, Failure> failed = new LinkedHashMap<>();
    outcome
        .failed()
        .forEach((message, error) -> failed.put(message, retries.after(message, error, now)));
    List<Failure> failures = List.copyOf(failed.values());
    if (failures.isEmpty() && outcome.released().isEmpty()) {
      return;
    }
    int changed = retrying(() -> rows.fail(token, failures, ids(outcome.released())));
    if (changed < failures.size() + outcome.released().size()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on some of the events "
                  + failures.stream().map(Failure::id).toList()
                  + " ran out before their failed send was recorded; another relay has them now");
    }
    failed.forEach(announcements::failed);
  }

  /** Gives back the rows of a claim that will not be sent (the application is stopping). */
  private void giveBack(Timed batch) {
    List<String> ids = ids(batch.claim().rows());
    if (!ids.isEmpty()) {
      rows.fail(batch.token(), List.of(), ids);
    }
  }

  private void completed(Carried done, int count) {
    if (done.completion().isEmpty()) {
      return;
    }
    if (count < done.completion().size()) {
      LOG.warning(
          () ->
              "txoutbox: the lease on "
                  + (done.completion().size() - count)
                  + " sent events ran out before completion; another relay has them now and"
                  + " sends them again: "
                  + done.sent().stream().map(Sent::eventId).toList());
    }
    announcements.sent(done.sent());
  }

  private static List<String> ids(List<OutboxMessage> messages) {
    return messages.stream().map(OutboxMessage::id).toList();
  }

  /**
   * Runs a database step again if it fails: each is fenced by claim tokens, so running it twice is
   * harmless, while giving up leaves rows to be sent again after their lease. What it guards
   * against is a transient failure, such as a deadlock victim on MariaDB.
   */
  private static <T> T retrying(Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        if (attempt == CLAIM_ATTEMPTS) {
          throw e;
        }
        LOG.log(Level.FINE, "txoutbox: a relay statement failed; trying again", e);
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
