package dev.txoutbox.it.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.it.deployment.Ledger;
import dev.txoutbox.it.deployment.OutboxTable;
import dev.txoutbox.publish.InvalidEventException;
import dev.txoutbox.publish.NoTransactionException;
import dev.txoutbox.publish.OutboxEvent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the caller of a user's EJB or {@code @Transactional} CDI bean catches when publish fails:
 * the component's own exception, not an {@code EJBException}, and a transaction rolled back with
 * the business row in it; caught inside, an invalid event leaves the transaction usable.
 */
@ExtendWith(ArquillianExtension.class)
class ExceptionsIT {

  @Deployment
  static Archive<?> deployment() {
    return Deployments.component(ExceptionsIT.class, EjbCaller.class, CdiCaller.class);
  }

  @EJB EjbCaller ejb;
  @Inject CdiCaller cdi;
  @Inject Ledger ledger;
  @Inject OutboxTable table;

  /** An event naming a destination that no key maps: publish refuses it. */
  static OutboxEvent invalid(String type) {
    return OutboxEvent.of(type, "{}").destination("nowhere-" + type).build();
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void ejbCallerGetsInvalidEventExceptionAndItsTransactionRollsBack() {
    String id = unique("ejb-invalid-");

    assertThatThrownBy(() -> ejb.addAndPublish(id, invalid(id)))
        .isExactlyInstanceOf(InvalidEventException.class)
        .hasMessageContaining("nowhere-" + id);
    assertThat(ledger.contains(id)).isFalse();
    assertThat(table.countOfType(id)).isZero();
  }

  @Test
  void cdiCallerGetsInvalidEventExceptionAndItsTransactionRollsBack() {
    String id = unique("cdi-invalid-");

    assertThatThrownBy(() -> cdi.addAndPublish(id, invalid(id)))
        .isExactlyInstanceOf(InvalidEventException.class);
    assertThat(ledger.contains(id)).isFalse();
    assertThat(table.countOfType(id)).isZero();
  }

  @Test
  void invalidEventCaughtInsideAnEjbLeavesItsTransactionUsable() {
    String id = unique("ejb-caught-");

    ejb.addPublishInvalidAndCatch(id, invalid(id), OutboxEvent.of(id, "{}").build());

    assertThat(ledger.contains(id)).isTrue();
    assertThat(table.countOfType(id)).isEqualTo(1);
  }

  @Test
  void ejbCallerWithoutTransactionGetsNoTransactionException() {
    String type = unique("ejb-no-tx-");

    assertThatThrownBy(() -> ejb.publishWithoutTransaction(OutboxEvent.of(type, "{}").build()))
        .isExactlyInstanceOf(NoTransactionException.class)
        .hasMessageContaining("publishInOwnTransaction");
    assertThat(table.countOfType(type)).isZero();
  }

  @Test
  void cdiCallerWithoutTransactionGetsNoTransactionException() {
    String type = unique("cdi-no-tx-");

    assertThatThrownBy(() -> cdi.publishWithoutTransaction(OutboxEvent.of(type, "{}").build()))
        .isExactlyInstanceOf(NoTransactionException.class);
    assertThat(table.countOfType(type)).isZero();
  }
}
