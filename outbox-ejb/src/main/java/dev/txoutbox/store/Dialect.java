package dev.txoutbox.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What the outbox does differently per database: the shipped DDL, the clock that leases are
 * computed with, and whether a claim may skip rows another relay is locking.
 */
enum Dialect {
  /** Embedded, one JVM: the application server's clock is the only clock. */
  DERBY("derby", null, false, null),
  POSTGRESQL(
      "postgresql",
      "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)",
      true,
      "INSERT INTO outbox_key (ordering_key, version) VALUES (?, 0) ON CONFLICT DO NOTHING"),
  /** 10.6 or newer, for {@code SKIP LOCKED}. */
  MARIADB(
      "mariadb",
      "SELECT CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)",
      true,
      "INSERT IGNORE INTO outbox_key (ordering_key, version) VALUES (?, 0)");

  private final String directory;
  private final String clockQuery;
  private final boolean skipLocked;
  private final String insertKeyIfAbsent;

  Dialect(String directory, String clockQuery, boolean skipLocked, String insertKeyIfAbsent) {
    this.directory = directory;
    this.clockQuery = clockQuery;
    this.skipLocked = skipLocked;
    this.insertKeyIfAbsent = insertKeyIfAbsent;
  }

  /**
   * An insert of an ordering key's row that does nothing when another transaction has inserted it
   * (it waits for that one to end); null where the database has none.
   */
  String insertKeyIfAbsent() {
    return insertKeyIfAbsent;
  }

  /** The shipped DDL of this database, a resource of the outbox-ejb jar. */
  String script() {
    return "META-INF/txoutbox/sql/" + directory + "/V1__outbox.sql";
  }

  /** A query answering the database's time in microseconds since the epoch; null: use the JVM's. */
  String clockQuery() {
    return clockQuery;
  }

  boolean skipLocked() {
    return skipLocked;
  }

  /** The dialect of a connection's database; refuses a database the outbox does not support. */
  static Dialect of(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName();
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("derby")) {
      return DERBY;
    }
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb")
        || (name.contains("mysql") && metaData.getDatabaseProductVersion().contains("MariaDB"))) {
      int major = metaData.getDatabaseMajorVersion();
      int minor = metaData.getDatabaseMinorVersion();
      if (major < 10 || (major == 10 && minor < 6)) {
        throw new IllegalStateException(
            "txoutbox: MariaDB "
                + metaData.getDatabaseProductVersion()
                + " is too old: the relay's claim needs FOR UPDATE SKIP LOCKED, which MariaDB has"
                + " from 10.6 on. Upgrade the database to 10.6 or newer.");
      }
      return MARIADB;
    }
    throw new IllegalStateException(
        "txoutbox: the database '"
            + product
            + "' is not supported; supported are Apache Derby, PostgreSQL and MariaDB 10.6 or"
            + " newer (DDL for Oracle, SQL Server, DB2 and H2 is shipped, untested, under"
            + " META-INF/txoutbox/sql/).");
  }
}
