package dev.txoutbox.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.config.OutboxConfig.RetryPolicy;
import dev.txoutbox.internal.relay.Table.State;
import dev.txoutbox.internal.store.OutboxMessage;
import dev.txoutbox.lifecycle.OutboxLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrainTest {
  private static final RetryPolicy RETRIES =
      new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2, 3);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Instant now = Instant.parse("2026-11-30T10:00:00Z");
  private final Table table = new Table(() -> now, 10, LEASE);
  private final FakeBroker broker = new FakeBroker();
  private final List<OutboxLifecycle> announced = new ArrayList<>();
  private final ExecutorService ahead = Executors.newSingleThreadExecutor();
  private Backoff backoff = new Backoff(() -> 0.5);

  @AfterEach
  void stopExecutor() throws InterruptedException {
    ahead.shutdownNow();
    assertThat(ahead.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private Drain atLeastOnce(Table rows) {
    return drain(rows, new Delivery.AtLeastOnce(broker, m -> m.idempotencyKey() != null), null);
  }

  private Drain drain(Table rows, Delivery delivery, ExecutorService executor) {
    return drain(rows, delivery, executor, 10);
  }

  /** A drain that claims what {@code rows} gives (10) and sends {@code batch} per transaction. */
  private Drain drain(Table rows, Delivery delivery, ExecutorService executor, int batch) {
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    return new Drain(
        rows,
        delivery,
        clock,
        new Drain.Setup(batch, 10, LEASE, type -> RETRIES, backoff, "node", executor),
        announced::add);
  }

  private int run(Drain drain) {
    return drain.run(List::of, once(), () -> false, () -> {});
  }

  @Test
  void sendsWhatIsDueAndCompletesItInOneMoreStatement() {
    List<String> ids = List.of(table.publish(null), table.publish(null), table.publish(null));

    assertThat(run(atLeastOnce(table))).isEqualTo(3);

    assertThat(broker.receivedIds()).containsExactlyElementsOf(ids);
    assertThat(table.rows()).isEmpty(); // deleted: no retention, no idempotency key
    assertThat(table.statements()).isEqualTo(2); // the claim, then the completion
    assertThat(announced).hasSize(3).allMatch(e -> e instanceof OutboxLifecycle.Sent);
  }

  @Test
  void callsOtherDrainsInOnlyWhenAClaimComesBackFull() {
    IntStream.range(0, 25).forEach(i -> table.publish(null));
    int[] calls = {0};

    int claimed = atLeastOnce(table).run(List::of, once(), () -> false, () -> {}, () -> calls[0]++);

    assertThat(claimed).isEqualTo(25);
    assertThat(calls[0]).isEqualTo(2); // 10 and 10 were full; 5 was not
  }

  @Test
  void sendsAClaimInTransactionsOfABatchEach() {
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> table.publish(null)).toList();
    Drain drain =
        drain(table, new Delivery.AtLeastOnce(broker, m -> m.idempotencyKey() != null), null, 4);

    assertThat(run(drain)).isEqualTo(10);

    assertThat(broker.transactions).isEqualTo(3); // 4, 4 and 2
    assertThat(broker.receivedIds()).containsExactlyElementsOf(ids);
    assertThat(table.rows()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aKeysRunOverSeveralTransactionsStopsAtItsFailedEvent(boolean exactlyOnce) {
    List<String> k = IntStream.range(0, 6).mapToObj(i -> table.publish("k")).toList();
    String other = table.publish(null);
    broker.refuses = m -> m.id().equals(k.get(1));
    Delivery delivery =
        exactlyOnce
            ? new Delivery.ExactlyOnce(broker, table, m -> false)
            : new Delivery.AtLeastOnce(broker, m -> false);

    run(drain(table, delivery, null, 4));

    // k1 sent; k2 failed; k3 and k4 released in its transaction, k5 and k6 in the next one
    assertThat(broker.receivedIds()).containsExactly(k.get(0), other);
    assertThat(table.row(k.get(1)).attempts).isOne();
    for (String released : k.subList(2, 6)) {
      Table.Row row = table.row(released);
      assertThat(row.state).isEqualTo(State.PENDING);
      assertThat(row.attempts).isZero();
      assertThat(row.claimedBy).isNull();
    }
  }

  @Test
  void givesBackTheRestOfAClaimWhenStoppingBetweenTransactions() {
    IntStream.range(0, 10).forEach(i -> table.publish(null));
    Drain drain =
        drain(table, new Delivery.AtLeastOnce(broker, m -> m.idempotencyKey() != null), null, 4);
    boolean[] stopping = {false};
    broker.duringSend = batch -> stopping[0] = true;

    drain.run(List::of, once(), () -> stopping[0], () -> {});

    assertThat(broker.transactions).isOne();
    assertThat(table.rows())
        .hasSize(6)
        .allSatisfy(
            row -> {
              assertThat(row.state).isEqualTo(State.PENDING);
              assertThat(row.claimedBy).isNull();
              assertThat(row.attempts).isZero();
            });
  }

  @Test
  void givesBackTheRestOfAClaimOnceHalfItsLeaseHasPassed() {
    IntStream.range(0, 10).forEach(i -> table.publish(null));
    Drain drain =
        drain(table, new Delivery.AtLeastOnce(broker, m -> m.idempotencyKey() != null), null, 4);
    broker.duringSend = batch -> now = now.plus(LEASE.dividedBy(2)); // a slow broker

    run(drain);

    // claims of 10, then of the 6 given back: one transaction of 4 each, the rest given back
    assertThat(broker.transactions).isEqualTo(2);
    assertThat(broker.received).hasSize(8);
    assertThat(table.rows())
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.claimedBy).isNull())
        .allSatisfy(row -> assertThat(row.attempts).isZero());
    run(drain);
    assertThat(broker.received).hasSize(10);
    assertThat(table.rows()).isEmpty();
  }

  @Test
  void keepsARowWithAnIdempotencyKeyAsSent() {
    String keyed = table.publish(null, "Tested", "order-1");
    table.publish(null);

    run(atLeastOnce(table));

    assertThat(table.rows()).singleElement().satisfies(r -> assertThat(r.id).isEqualTo(keyed));
    assertThat(table.row(keyed).state).isEqualTo(State.SENT);
  }

  @Test
  void aFailedSendStaysPendingUntilItsBackoffHasPassed() {
    String id = table.publish(null);
    broker.refuses = m -> true;

    run(atLeastOnce(table));

    Table.Row row = table.row(id);
    assertThat(row.state).isEqualTo(State.PENDING);
    assertThat(row.attempts).isEqualTo(1);
    assertThat(row.lastError).contains("refused");
    assertThat(row.nextAttemptAt).isEqualTo(now.plus(RETRIES.initialDelay()));
    assertThat(announced).singleElement().isInstanceOf(OutboxLifecycle.Failed.class);

    broker.refuses = m -> false;
    now = now.plusMillis(999);
    assertThat(run(atLeastOnce(table))).isZero(); // not due yet
    now = now.plusMillis(1);
    int[] beats = {0};
    assertThat(atLeastOnce(table).run(List::of, once(), () -> false, () -> beats[0]++)).isOne();
    assertThat(broker.receivedIds()).containsExactly(id);
    assertThat(beats[0]).isOne();
    assertThat(announced)
        .last()
        .isInstanceOfSatisfying(
            OutboxLifecycle.Sent.class,
            sent -> {
              assertThat(sent.attempt()).isEqualTo(2);
              assertThat(sent.sentAt()).isEqualTo(now);
            });
  }

  @Test
  void aFailureIsAnnouncedWithTheNextAttemptItsRowRecords() {
    String id = table.publish(null);
    broker.refuses = m -> true;
    double[] jitter = {0, 1}; // each draw of the backoff's jitter differs from the one before
    int[] draws = {0};
    backoff = new Backoff(() -> jitter[draws[0]++ % 2]);

    run(atLeastOnce(table));

    assertThat(announced)
        .singleElement()
        .isInstanceOfSatisfying(
            OutboxLifecycle.Failed.class,
            failed -> assertThat(failed.nextAttemptAt()).isEqualTo(table.row(id).nextAttemptAt));
  }

  @Test
  void theDelayGrowsWithEachFailedAttempt() {
    String id = table.publish(null);
    broker.refuses = m -> true;

    run(atLeastOnce(table));
    Instant first = table.row(id).nextAttemptAt;
    now = first;
    run(atLeastOnce(table));

    assertThat(table.row(id).attempts).isEqualTo(2);
    assertThat(table.row(id).nextAttemptAt).isEqualTo(first.plusSeconds(2));
  }

  @Test
  void theLastAttemptMakesTheEventDead() {
    String id = table.publish(null);
    broker.refuses = m -> true;

    for (int attempt = 1; attempt <= RETRIES.maxAttempts(); attempt++) {
      run(atLeastOnce(table));
      now = now.plus(Duration.ofMinutes(2));
    }
    run(atLeastOnce(table));

    assertThat(table.row(id).state).isEqualTo(State.DEAD);
    assertThat(table.row(id).attempts).isEqualTo(RETRIES.maxAttempts());
    assertThat(announced).last().isInstanceOf(OutboxLifecycle.Dead.class);
  }

  @Test
  void aKeysRunGoesInOneBatchInSeqOrder() {
    List<String> keyed = IntStream.range(0, 5).mapToObj(i -> table.publish("k")).toList();
    String other = table.publish(null);

    run(atLeastOnce(table));

    assertThat(broker.transactions).isEqualTo(1);
    assertThat(broker.receivedIds())
        .containsExactly(
            keyed.get(0), keyed.get(1), keyed.get(2), keyed.get(3), keyed.get(4), other);
  }

  @Test
  void aKeysNextEventsGoInTheSameDrainWhenClaimsTakeHeadsOnly() {
    table.headsOnly();
    List<String> keyed = IntStream.range(0, 3).mapToObj(i -> table.publish("k")).toList();

    assertThat(run(atLeastOnce(table))).isEqualTo(3);

    assertThat(broker.receivedIds()).containsExactlyElementsOf(keyed);
    assertThat(broker.transactions).isEqualTo(3); // one head at a time, without waiting for a tick
  }

  @Test
  void aFailureInARunReleasesTheRestOfItsKeyUnsent() {
    List<String> keyed = IntStream.range(0, 4).mapToObj(i -> table.publish("k")).toList();
    String other = table.publish("other");
    broker.refuses = m -> m.id().equals(keyed.get(1));

    run(atLeastOnce(table));

    assertThat(broker.receivedIds()).containsExactly(keyed.get(0), other);
    assertThat(table.row(keyed.get(1)).attempts).isEqualTo(1);
    for (String released : keyed.subList(2, 4)) {
      assertThat(table.row(released).attempts).isZero();
      assertThat(table.row(released).claimedBy).isNull();
    }

    broker.refuses = m -> false;
    now = now.plusSeconds(2);
    run(atLeastOnce(table));
    assertThat(broker.receivedIds())
        .containsExactly(keyed.get(0), other, keyed.get(1), keyed.get(2), keyed.get(3));
  }

  @Test
  void aLaterEventOfABlockedKeyIsNeverTried() {
    List<String> keyed = IntStream.range(0, 3).mapToObj(i -> table.publish("k")).toList();
    broker.refuses = m -> m.id().equals(keyed.get(0));
    List<String> tried = new ArrayList<>();
    broker.duringSend = batch -> batch.forEach(m -> tried.add(m.id()));

    for (int pass = 0; pass < 5; pass++) {
      run(atLeastOnce(table));
      now = now.plus(Duration.ofMinutes(2));
    }

    assertThat(table.row(keyed.get(0)).state).isEqualTo(State.DEAD);
    assertThat(table.row(keyed.get(1)).attempts).isZero();
    assertThat(table.row(keyed.get(2)).attempts).isZero();
    assertThat(broker.receivedIds()).isEmpty();
  }

  /**
   * OrderingIT in miniature: keys sent in runs, a fifth of all sends refused at random. Each event
   * throws dice of its own at each of its sends, so that what becomes of it does not depend on how
   * the relay batches: it fails exactly as often as its own dice say, and is DEAD only when its own
   * first sends all failed, however often its neighbours in a run fail.
   */
  @Test
  void aFailedSendCountsAgainstItsOwnEventOnly() {
    Table rows = new Table(() -> now, 10, LEASE);
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      for (String key : List.of("k0", "k1", "k2")) {
        ids.add(rows.publish(key));
      }
      if (n % 3 == 0) {
        ids.add(rows.publish(null));
      }
    }
    Map<String, SplittableRandom> dice = new HashMap<>();
    Map<String, Integer> refused = new HashMap<>(); // by event: how often its own send was refused
    broker.refuses =
        m -> {
          boolean refuses = dice.computeIfAbsent(m.id(), DrainTest::dice).nextDouble() < 0.2;
          refused.merge(m.id(), refuses ? 1 : 0, Integer::sum);
          return refuses;
        };
    Drain drain = drain(rows, new Delivery.AtLeastOnce(broker, m -> true), ahead);

    for (int pass = 0; drain.run(List::of, once(), () -> false, () -> {}) > 0; pass++) {
      assertThat(pass).isLessThan(100);
      now = now.plus(RETRIES.maxDelay()); // every failed event is due again
    }

    Set<String> blocked = new HashSet<>(); // keys behind a DEAD event
    for (String id : ids) {
      Table.Row row = rows.row(id);
      int failures = firstFailures(id);
      assertThat(row.attempts).as(id).isEqualTo(refused.getOrDefault(id, 0));
      if (row.key != null && blocked.contains(row.key)) {
        assertThat(row.state).as(id).isEqualTo(State.PENDING);
        assertThat(refused).as(id).doesNotContainKey(id);
      } else if (failures == RETRIES.maxAttempts()) {
        assertThat(row.state).as(id).isEqualTo(State.DEAD);
        if (row.key != null) {
          blocked.add(row.key);
        }
      } else {
        assertThat(row.state).as(id).isEqualTo(State.SENT);
        assertThat(row.attempts).as(id).isEqualTo(failures);
      }
    }
    assertThat(blocked).as("the dice kill a keyed event").isNotEmpty();
    for (String key : List.of("k0", "k1", "k2")) {
      assertThat(broker.received.stream().filter(m -> key.equals(m.orderingKey())))
          .extracting(OutboxMessage::seq)
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }

  /** An event's own dice: the same throws whichever batch it is sent in. */
  private static SplittableRandom dice(String id) {
    return new SplittableRandom(id.hashCode());
  }

  /** How many of the event's first sends its dice fail, up to the last attempt. */
  private static int firstFailures(String id) {
    SplittableRandom own = dice(id);
    int failures = 0;
    while (failures < RETRIES.maxAttempts() && own.nextDouble() < 0.2) {
      failures++;
    }
    return failures;
  }

  @Test
  void aRelayWhoseLeaseRanOutCompletesNothing() {
    String id = table.publish(null);
    Drain slow = atLeastOnce(table);
    FakeBroker other = new FakeBroker();
    Drain fast = drain(table, new Delivery.AtLeastOnce(other, m -> true), null);
    Instant[] claimedByFast = new Instant[1];
    broker.duringSend =
        batch -> {
          now = now.plus(LEASE).plusSeconds(1); // this relay stalls past its lease
          other.duringSend = b -> claimedByFast[0] = now;
          // the other relay claims the row and sends it, keeping it as SENT: it now holds the row
          fast.run(List::of, once(), () -> false, () -> {});
        };

    run(slow);

    assertThat(claimedByFast[0]).isNotNull();
    assertThat(broker.receivedIds()).containsExactly(id);
    assertThat(other.receivedIds()).containsExactly(id);
    // the slow relay's deferred delete was fenced: the row is the other relay's SENT row
    assertThat(table.row(id)).isNotNull();
    assertThat(table.row(id).state).isEqualTo(State.SENT);
  }

  @Test
  void exactlyOnceSendsNothingWhoseLeaseRanOut() {
    String id = table.publish(null);
    FakeBroker other = new FakeBroker();
    Drain fast = drain(table, new Delivery.AtLeastOnce(other, m -> false), null);
    Drain exactly = drain(table, new Delivery.ExactlyOnce(broker, table, m -> false), null);
    broker.duringSend =
        batch -> {
          if (other.received.isEmpty()) {
            now = now.plus(LEASE).plusSeconds(1);
            fast.run(List::of, once(), () -> false, () -> {});
          }
        };

    run(exactly);

    assertThat(broker.receivedIds()).isEmpty();
    assertThat(other.receivedIds()).containsExactly(id);
    assertThat(table.rows()).isEmpty();
  }

  @Test
  void exactlyOnceCompletesInTheSendingTransaction() {
    table.publish(null);
    table.publish("k");

    run(drain(table, new Delivery.ExactlyOnce(broker, table, m -> false), null));

    assertThat(broker.received).hasSize(2);
    assertThat(table.rows()).isEmpty();
    // the claim, the completion in the send, and a claim for the key's next events
    assertThat(table.statements()).isEqualTo(3);
    assertThat(announced).hasSize(2).allMatch(e -> e instanceof OutboxLifecycle.Sent);
  }

  @Test
  void exactlyOnceSendsTheRestOfABatchWhenOneIsRefused() {
    String refused = table.publish(null);
    String fine = table.publish(null);
    List<String> keyed = List.of(table.publish("k"), table.publish("k"));
    broker.refuses = m -> m.id().equals(refused) || m.id().equals(keyed.get(0));

    run(drain(table, new Delivery.ExactlyOnce(broker, table, m -> false), null));

    assertThat(broker.receivedIds()).containsExactly(fine);
    assertThat(table.row(refused).attempts).isEqualTo(1);
    assertThat(table.row(keyed.get(0)).attempts).isEqualTo(1);
    assertThat(table.row(keyed.get(1)).attempts).isZero();
    assertThat(table.row(keyed.get(1)).claimedBy).isNull();
  }

  @Test
  void claimsTheNextBatchWhileSendingAndHoldsAtMostTwo() throws InterruptedException {
    List<String> ids = IntStream.range(0, 35).mapToObj(i -> table.publish(null)).toList();
    CountDownLatch overlapped = new CountDownLatch(1);
    broker.duringSend =
        batch -> {
          if (table.statements() >= 2) {
            overlapped.countDown();
          }
        };

    int claimed =
        drain(table, new Delivery.AtLeastOnce(broker, m -> false), ahead)
            .run(List::of, once(), () -> false, () -> {});

    assertThat(claimed).isEqualTo(35);
    assertThat(broker.receivedIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.rows()).isEmpty();
    assertThat(table.mostLeasedBatches()).isEqualTo(2);
    // each Sent is told once its completion, carried by a later claim, is done
    assertThat(announced).hasSize(35).allMatch(e -> e instanceof OutboxLifecycle.Sent);
    // 4 batches (10, 10, 10, 5): 4 claims, each completing the batch before the one in flight,
    // and one completion of the last two batches' rows
    assertThat(table.statements()).isLessThanOrEqualTo(6);
    assertThat(overlapped.await(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void claimsTheEventsHandedOverFirst() {
    table.publish(null);
    String handed = table.publish(null);

    int claimed = atLeastOnce(table).run(handing(handed), () -> false, () -> false, () -> {});

    assertThat(claimed).isEqualTo(1);
    assertThat(broker.receivedIds()).containsExactly(handed);
    assertThat(table.statements()).isEqualTo(2); // the claim by id, then the completion alone
  }

  @Test
  void aPollAlsoClaimsWhatIsDueBesidesTheHandedIds() {
    String due = table.publish(null);
    String handed = table.publish(null);

    int claimed = atLeastOnce(table).run(handing(handed), once(), () -> false, () -> {});

    assertThat(claimed).isEqualTo(2);
    assertThat(broker.receivedIds()).containsExactly(handed, due);
  }

  /** Answers the ids once, as a relay's queue of handed-over ids would. */
  private static java.util.function.Supplier<List<String>> handing(String... ids) {
    java.util.Deque<List<String>> queue = new java.util.ArrayDeque<>(List.of(List.of(ids)));
    return () -> queue.isEmpty() ? List.of() : queue.poll();
  }

  /** True once, as one tick of the relay's timer. */
  private static java.util.function.BooleanSupplier once() {
    boolean[] asked = {false};
    return () -> !asked[0] && (asked[0] = true);
  }

  @Test
  void stoppingGivesBackTheBatchClaimedAhead() {
    IntStream.range(0, 20).forEach(i -> table.publish(null));
    boolean[] stopping = {false};
    broker.duringSend = batch -> stopping[0] = true;

    int claimed =
        drain(table, new Delivery.AtLeastOnce(broker, m -> false), ahead)
            .run(List::of, once(), () -> stopping[0], () -> {});

    assertThat(claimed).isEqualTo(10);
    assertThat(broker.received).hasSize(10);
    assertThat(table.rows()).hasSize(10).allMatch(r -> r.claimedBy == null && r.attempts == 0);
  }

  @Test
  void sendingOrderKeepsEachKeyInSeqOrder() {
    Table t = new Table(() -> now, 10, LEASE);
    List<String> a = IntStream.range(0, 3).mapToObj(i -> t.publish("a")).toList();
    List<OutboxMessage> claimed =
        new ArrayList<>(
            t.claim(dev.txoutbox.internal.store.Completion.NONE, "x", List.of()).rows());
    java.util.Collections.reverse(claimed);

    assertThat(SendingOrder.of(claimed)).extracting(OutboxMessage::id).containsExactlyElementsOf(a);
  }
}
