package dev.txoutbox.internal.schema;

import dev.txoutbox.internal.store.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
    if (dialect == Dialect.H2) {
      return Optional.of(
          "the database is H2, on which txoutbox supports at-least-once only (H2 is a development"
              + " database here; its XA transactions are untested). Use PostgreSQL, MariaDB or"
              + " Derby for exactly-once.");
    }
    if (!enlistsThroughXa(dataSource, connection)) {
      return Optional.of(
          "the default datasource is not an XA datasource. On Open Liberty set"
              + " txoutbox.datasource.type=javax.sql.XADataSource (the type of the dataSource in"
              + " server.xml); on WildFly define it as an xa-data-source.");
    }
    Optional<String> preparedTransactions = dialect.preparedTransactionsQuery();
    if (preparedTransactions.isPresent()) {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(preparedTransactions.get())) {
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

  /**
   * Whether the server enlists this datasource's connections through the driver's XAResource. JDBC
   * has no portable question for it. WildFly's datasource wraps nothing (its isWrapperFor answers
   * false for an xa-data-source too), but its connection handle knows what it came from: a public
   * {@code isXA()}. Open Liberty's datasource answers isWrapperFor for the driver class behind its
   * type.
   */
  private static boolean enlistsThroughXa(DataSource dataSource, Connection connection)
      throws SQLException {
    Optional<Boolean> handle = handleSaysXa(connection);
    return handle.isPresent() ? handle.get() : dataSource.isWrapperFor(XADataSource.class);
  }

  private static Optional<Boolean> handleSaysXa(Connection connection) throws SQLException {
    Method isXa;
    try {
      isXa = connection.getClass().getMethod("isXA");
    } catch (NoSuchMethodException notThere) {
      return Optional.empty(); // not WildFly's handle
    }
    if (isXa.getReturnType() != boolean.class) {
      return Optional.empty();
    }
    try {
      return Optional.of((Boolean) isXa.invoke(connection));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new SQLException("txoutbox: cannot ask the connection whether it is XA: " + e, e);
    }
  }
}
