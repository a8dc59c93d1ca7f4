package dev.txoutbox.it.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Ledger;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import dev.txoutbox.testlab.fixture.Queues;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A business row written through the application's own persistence unit and the outbox row share
 * the fate of one transaction, on one non-XA datasource (the server's default): both or neither.
 */
@ExtendWith(ArquillianExtension.class)
class AtomicityIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(AtomicityIT.class);
  }

  @Inject OutboxService outbox;
  @Inject Ledger ledger;
  @Inject OutboxTable table;
  @Inject Queues queues;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void businessRowAndEventCommitTogether() throws Exception {
    String entry = UUID.randomUUID().toString();
    transaction.begin();
    ledger.add(entry);
    UUID id =
        outbox.publish(OutboxEvent.of("LedgerEntryAdded", "{}").aggregate("Ledger", entry).build());
    transaction.commit();

    assertThat(ledger.contains(entry)).isTrue();
    assertThat(table.find(id)).isPresent();
    assertThat(queues.receive("events", "eventId = '" + id + "'", Duration.ofSeconds(15)))
        .isPresent();
  }

  @Test
  void businessRowAndEventRollBackTogether() throws Exception {
    String entry = UUID.randomUUID().toString();
    transaction.begin();
    ledger.add(entry);
    UUID id =
        outbox.publish(OutboxEvent.of("LedgerEntryAdded", "{}").aggregate("Ledger", entry).build());
    transaction.rollback();

    assertThat(ledger.contains(entry)).isFalse();
    assertThat(table.find(id)).isEmpty();
  }
}
