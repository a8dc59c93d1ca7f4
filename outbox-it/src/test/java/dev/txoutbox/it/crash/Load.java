package dev.txoutbox.it.crash;

import dev.txoutbox.testlab.client.Http;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The crash test's clients: a few threads place orders one after another, each with a new id, one
 * in ten rolled back on purpose, and record what became of each as the client saw it. A request the
 * server never received (connection refused: it was down) is not an order at all.
 */
final class Load implements AutoCloseable {
  /** What a client knows of an order it placed. */
  enum Outcome {
    COMMITTED,
    ROLLED_BACK,
    /** The server died or did not answer: committed or not, the client cannot tell. */
    UNKNOWN
  }

  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService clients;

  /** Starts {@code threads} clients against the server at {@code base} (…/crash/api). */
  Load(Supplier<String> base, int threads) {
    clients = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      clients.submit(() -> run(base));
    }
  }

  private void run(Supplier<String> base) {
    while (running.get()) {
      String id = UUID.randomUUID().toString();
      boolean rollBack = ThreadLocalRandom.current().nextInt(10) == 0;
      try {
        Outcome outcome = place(base.get(), id, rollBack, null);
        if (outcome != null) {
          outcomes.put(id, outcome);
        }
        Thread.sleep(outcome == null ? 200 : 20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Places one order; null when the server was not there to receive it. {@code halt}: a halt the
   * server arms for this order.
   */
  static Outcome place(String base, String id, boolean rollBack, String halt) {
    Http server = Http.to(URI.create(base + "/")).within(Duration.ofSeconds(30));
    String order = "orders?id=" + id + "&rollback=" + rollBack;
    try {
      int status = server.post(order + (halt == null ? "" : "&halt=" + halt)).statusCode();
      return switch (status) {
        case 200 -> Outcome.COMMITTED;
        case 409 -> Outcome.ROLLED_BACK;
        default -> Outcome.UNKNOWN; // e.g. 500 while the database restarts: maybe committed
      };
    } catch (UncheckedIOException e) {
      // refused: the server was not listening; anything else (a timeout too): maybe committed
      return e.getCause() instanceof ConnectException ? null : Outcome.UNKNOWN;
    }
  }

  /** Records the outcome of an order placed outside the load. */
  void record(String id, Outcome outcome) {
    outcomes.put(id, outcome);
  }

  long count(Outcome outcome) {
    return outcomes.values().stream().filter(o -> o == outcome).count();
  }

  /** Stops the clients, waits for the requests under way, and answers every order's outcome. */
  Map<String, Outcome> stop() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the clients did not stop");
    }
    return Map.copyOf(outcomes);
  }

  @Override
  public void close() {
    running.set(false);
    clients.shutdownNow();
  }
}
