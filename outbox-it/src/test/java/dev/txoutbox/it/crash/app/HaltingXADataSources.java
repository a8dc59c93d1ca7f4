package dev.txoutbox.it.crash.app;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Test-only XA datasources of the crash test: each is its driver's own, except that the phase-two
 * commit of a branch halts the JVM when it runs on the thread that the system property {@value
 * #HALT_PROPERTY} names. Every resource has prepared by then and the transaction manager has logged
 * its decision: the restarted server must finish the commit. They live in the server's JDBC
 * library, not in the application, and are named by the crash server's datasource.
 */
public final class HaltingXADataSources {
  /** A phase-two commit on the thread this system property names halts the JVM. */
  public static final String HALT_PROPERTY = "txoutbox.crash.halt-in-xa-commit";

  private HaltingXADataSources() {}

  /**
   * A JDBC driver of no database, for WildFly: it loads a datasource's class with the class loader
   * of the datasource's driver, so the crash suite's module names this class as its driver (a
   * driver's own class would bring the driver's module, which lacks these datasources).
   */
  public static class Driver implements java.sql.Driver {
    @Override
    public Connection connect(String url, Properties info) {
      return null; // the contract's answer to a URL of another driver: every URL is
    }

    @Override
    public boolean acceptsURL(String url) {
      return false;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }
  }

  /** PostgreSQL's XA datasource, halting. */
  public static class Postgresql extends org.postgresql.xa.PGXADataSource {
    @Override
    public XAConnection getXAConnection() throws SQLException {
      return new Halting(super.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
      return new Halting(super.getXAConnection(user, password));
    }
  }

  /** Derby's embedded XA datasource, halting (its getters are final: wrapped, not extended). */
  public static class Derby extends Wrapping {
    private final org.apache.derby.jdbc.EmbeddedXADataSource derby =
        new org.apache.derby.jdbc.EmbeddedXADataSource();

    public void setDatabaseName(String name) {
      derby.setDatabaseName(name);
    }

    public void setCreateDatabase(String create) {
      derby.setCreateDatabase(create);
    }

    @Override
    XADataSource delegate() {
      return derby;
    }
  }

  /** MariaDB's datasource (XA among others), halting; configured through its URL. */
  public static class Mariadb extends Wrapping {
    private final org.mariadb.jdbc.MariaDbDataSource mariadb =
        new org.mariadb.jdbc.MariaDbDataSource();

    public void setURL(String url) throws SQLException {
      mariadb.setUrl(url);
    }

    /** The same, by WildFly's name (datasource-mariadb-xa.cli's property {@code Url}). */
    public void setUrl(String url) throws SQLException {
      mariadb.setUrl(url);
    }

    public void setUser(String user) throws SQLException {
      mariadb.setUser(user);
    }

    public void setPassword(String password) throws SQLException {
      mariadb.setPassword(password);
    }

    @Override
    XADataSource delegate() {
      return mariadb;
    }
  }

  /** An XA datasource that hands out its delegate's connections, halting. */
  abstract static class Wrapping implements XADataSource {
    abstract XADataSource delegate();

    @Override
    public XAConnection getXAConnection() throws SQLException {
      return new Halting(delegate().getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
      return new Halting(delegate().getXAConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return delegate().getParentLogger();
    }
  }

  /** An XA connection whose resource halts in phase two when asked to. */
  private record Halting(XAConnection delegate) implements XAConnection {
    @Override
    public XAResource getXAResource() throws SQLException {
      return new HaltingResource(delegate.getXAResource());
    }

    @Override
    public Connection getConnection() throws SQLException {
      return delegate.getConnection();
    }

    @Override
    public void close() throws SQLException {
      delegate.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
      delegate.addConnectionEventListener(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
      delegate.removeConnectionEventListener(listener);
    }

    @Override
    public void addStatementEventListener(StatementEventListener listener) {
      delegate.addStatementEventListener(listener);
    }

    @Override
    public void removeStatementEventListener(StatementEventListener listener) {
      delegate.removeStatementEventListener(listener);
    }
  }

  private record HaltingResource(XAResource delegate) implements XAResource {
    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
      if (!onePhase && Thread.currentThread().getName().equals(System.getProperty(HALT_PROPERTY))) {
        System.err.println("crash test: halting in the database's XA commit of " + xid);
        Runtime.getRuntime().halt(137);
      }
      delegate.commit(xid, onePhase);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
      return delegate.isSameRM(other instanceof HaltingResource halting ? halting.delegate : other);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
      delegate.end(xid, flags);
    }

    @Override
    public void forget(Xid xid) throws XAException {
      delegate.forget(xid);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
      return delegate.getTransactionTimeout();
    }

    @Override
    public int prepare(Xid xid) throws XAException {
      return delegate.prepare(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
      return delegate.recover(flag);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
      delegate.rollback(xid);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
      return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
      delegate.start(xid, flags);
    }
  }
}
