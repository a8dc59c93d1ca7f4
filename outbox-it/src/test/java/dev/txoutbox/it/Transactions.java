package dev.txoutbox.it;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Business transactions for the tests: publish and commit, or publish and hold the transaction. */
@ApplicationScoped
public class Transactions {
  @Inject OutboxService outbox;

  @Transactional
  public UUID publish(OutboxEvent event) {
    return outbox.publish(event);
  }

  /**
   * Publishes, counts {@code published} down, and commits only once {@code commit} is released (at
   * most 30 s later).
   */
  @Transactional
  public UUID publishAndHold(OutboxEvent event, CountDownLatch published, CountDownLatch commit)
      throws InterruptedException {
    UUID id = outbox.publish(event);
    published.countDown();
    if (!commit.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the transaction");
    }
    return id;
  }
}
