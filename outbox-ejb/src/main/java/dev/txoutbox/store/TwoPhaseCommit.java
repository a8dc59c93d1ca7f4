package dev.txoutbox.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import javax.sql.XADataSource;

/**
 * What exactly-once delivery needs of the database, checked when the application starts, so that a
 * missing piece stops the start with its fix instead of failing the relay's first commit.
 */
final class TwoPhaseCommit {
  private TwoPhaseCommit() {}

  /** Why this datasource cannot take part in the relay's XA transactions; empty when it can. */
  static Optional<String> problem(DataSource dataSource, Connection connection, Dialect dialect)
      throws SQLException {
    if (!dataSource.isWrapperFor(XADataSource.class)) {
      return Optional.of(
          "the default datasource is not an XA datasource. On Open Liberty set"
              + " txoutbox.datasource.type=javax.sql.XADataSource (the type of the dataSource in"
              + " server.xml); on WildFly define it as an xa-data-source.");
    }
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SHOW max_prepared_transactions")) {
        result.next();
        if (Integer.parseInt(result.getString(1).trim()) <= 0) {
          return Optional.of(
              "PostgreSQL's max_prepared_transactions is 0, so it refuses XA transactions. Set"
                  + " it above 0 (at least the datasource's maximum pool size, e.g. ALTER SYSTEM"
                  + " SET max_prepared_transactions = 50) and restart PostgreSQL.");
        }
      }
    }
    return Optional.empty();
  }
}
