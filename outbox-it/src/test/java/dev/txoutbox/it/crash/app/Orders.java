package dev.txoutbox.it.crash.app;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The business transaction of the crash test: an order row and its OrderPlaced event, committed
 * together or not at all. The order's id is the client's: it names the event too, so that the
 * client can tell what became of each transaction it began.
 */
@Stateless
public class Orders {
  private static final int KEYS = 50;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject OutboxService outbox;
  @Inject Halts halts;

  /** Rolled back on purpose: such an order must never be received. */
  @ApplicationException(rollback = true)
  public static class RolledBack extends Exception {
    public RolledBack() {
      super("rolled back on purpose");
    }
  }

  /**
   * Stores order {@code id} and publishes its event; rolls back at the end when {@code rollBack}.
   * With {@code haltAfterCommit} the server halts once the transaction has committed, before the
   * relay is woken.
   */
  public void place(String id, boolean rollBack, boolean haltAfterCommit) throws RolledBack {
    String eventId =
        outbox
            .publish(
                OutboxEvent.of("OrderPlaced", "{\"order\":\"" + id + "\"}")
                    .orderingKey("key-" + Math.floorMod(id.hashCode(), KEYS))
                    .aggregate("Order", id)
                    .build())
            .toString();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO crash_order (id, event_id) VALUES (?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, eventId);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store order " + id, e);
    }
    if (haltAfterCommit) {
      halts.haltAfterCommitOf(eventId);
    }
    if (rollBack) {
      throw new RolledBack();
    }
  }
}
