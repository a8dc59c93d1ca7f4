package dev.txoutbox.internal.store;

import dev.txoutbox.internal.config.OutboxConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The outbox's database, as found on the default datasource: its dialect, its clock, and the names
 * of the outbox tables in it.
 */
@ApplicationScoped
class Database {

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject OutboxConfig config;

  private volatile Dialect dialect;

  /** The outbox tables, in the schema of {@code outbox.store.schema}. */
  Tables tables() {
    return new Tables(config.schema());
  }

  Dialect dialect() {
    Dialect known = dialect;
    if (known == null) {
      try (Connection connection = dataSource.getConnection()) {
        known = Dialect.of(connection.getMetaData());
      } catch (SQLException e) {
        throw new IllegalStateException("txoutbox: cannot read the database's metadata: " + e, e);
      }
      dialect = known;
    }
    return known;
  }

  /**
   * The database's time, read in the caller's transaction, so that every server computes leases
   * with one clock; the JVM's time on Derby, which runs inside this JVM.
   */
  Instant now(EntityManager em) {
    String query = dialect().clockQuery();
    if (query == null) {
      return Instant.now();
    }
    long micros = ((Number) em.createNativeQuery(query).getSingleResult()).longValue();
    return Instant.EPOCH.plusNanos(micros * 1000);
  }
}
