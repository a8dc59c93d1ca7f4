package dev.txoutbox.internal.store;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the outbox does differently per database: the shipped DDL, the clock that leases are
 * computed with, whether a claim may skip rows another relay is locking, and the one-statement
 * claim where the database has one.
 */
public enum Dialect {
  /** Embedded, one JVM: the application server's clock is the only clock. */
  DERBY("derby", null, false, null, null),
  POSTGRESQL(
      "postgresql",
      "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)",
      true,
      // the alias: the existing row is named k whether or not the table name is qualified
      "INSERT INTO %s AS k (ordering_key, version, used_at) VALUES (?, 1, clock_timestamp())"
          + " ON CONFLICT (ordering_key) DO UPDATE SET version = k.version + 1,"
          + " used_at = clock_timestamp() RETURNING version",
      null),
  /** 10.6 or newer, for {@code SKIP LOCKED}. */
  MARIADB(
      "mariadb",
      "SELECT CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)",
      true,
      "INSERT INTO %s (ordering_key, version, used_at) VALUES (?, LAST_INSERT_ID(1),"
          + " NOW(6)) ON DUPLICATE KEY UPDATE version = LAST_INSERT_ID(version + 1),"
          + " used_at = NOW(6)",
      "SELECT LAST_INSERT_ID()"),
  /**
   * 2.2.220 or newer, for {@code SKIP LOCKED}, in a mode that has {@code LIMIT}. The key's row is
   * created and locked as on Derby; the clock is the database's, which in embedded mode is this
   * JVM's, and through an H2 TCP server the server's. {@code CURRENT_TIMESTAMP} is the time the
   * transaction started, which for the relay's short transactions is the time of the claim.
   */
  H2(
      "h2",
      "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000 AS BIGINT)",
      true,
      null,
      null);

  private final String directory;
  private final String clockQuery;
  private final boolean skipLocked;
  private final String nextSeq;
  private final String readSeq;

  Dialect(String directory, String clockQuery, boolean skipLocked, String nextSeq, String readSeq) {
    this.directory = directory;
    this.clockQuery = clockQuery;
    this.skipLocked = skipLocked;
    this.nextSeq = nextSeq;
    this.readSeq = readSeq;
  }

  /**
   * The upsert that increments an ordering key's version and records the database's time as its
   * last use, creating its row at 1 (the row lock it takes is held until commit, and a concurrent
   * first use, or a purge of the idle key, waits for it); it returns the version unless {@link
   * #readSeq} is needed to read it. Null where the database has no upsert.
   */
  String nextSeq(Tables tables) {
    return nextSeq == null ? null : nextSeq.formatted(tables.key());
  }

  /** Reads the version {@link #nextSeq} set, on the same connection; null when it returns it. */
  String readSeq() {
    return readSeq;
  }

  /** The folder of this database's shipped migrations, under {@code META-INF/txoutbox/sql/}. */
  public String directory() {
    return directory;
  }

  /** A query answering the database's time in microseconds since the epoch; null: use the JVM's. */
  String clockQuery() {
    return clockQuery;
  }

  boolean skipLocked() {
    return skipLocked;
  }

  /**
   * True where one statement completes the previous batch and claims the next ({@link
   * #claimStatement}); elsewhere a claim is several statements in one transaction.
   */
  boolean claimsInOneStatement() {
    return this == POSTGRESQL;
  }

  /**
   * Locks those of {@code count} rows (their ids bound first) that are still claimable, oldest
   * first, skipping rows that another transaction holds; then bound: the time a lease must have
   * ended by, and the most rows to lock. Only where {@link #skipLocked}.
   */
  static String lockClaimable(Tables tables, int count) {
    return "SELECT id FROM "
        + tables.message()
        + " WHERE id IN ("
        + String.join(", ", Collections.nCopies(count, "?"))
        + ") AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)"
        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED";
  }

  /**
   * A query answering how many prepared (XA) transactions the database allows, where that is a
   * setting that may be 0; empty elsewhere.
   */
  public Optional<String> preparedTransactionsQuery() {
    return this == POSTGRESQL ? Optional.of("SHOW max_prepared_transactions") : Optional.empty();
  }

  /**
   * Runs before {@link #claimStatement}, in its transaction: no JIT compilation for it. With
   * statistics of a keyed backlog the planner's cost estimate for the runs passes {@code
   * jit_above_cost}, and PostgreSQL then compiles the statement's expressions at every execution:
   * 40 to 60 ms, against 2 to 3 ms for the whole claim (measured on 10 keys x 1,000 events, with
   * auto_explain). The setting ends with the transaction, so the application's own statements on
   * the pooled connection keep the server's.
   */
  static final String CLAIM_SETTINGS = "SET LOCAL jit = off";

  /**
   * PostgreSQL's claim, one statement: it completes the previous batch (fenced by its token), picks
   * the due heads of their keys with {@code SKIP LOCKED} in the order of the due index, extends
   * each keyed head with the contiguous next events of its key (a run, in seq order, ending at the
   * first gap), up to the limit in all, leases them by the database's clock and returns them. A row
   * that the same statement completes no longer holds its key back. The first row answers the clock
   * and the count of completed rows even when nothing was claimed.
   *
   * <p>The heads are read lazily, one by one, until the runs fill the batch: with a few hot keys
   * the scan stops after a few heads instead of reading every due row in search of more heads (each
   * a probe of the key index). The oldest head's run comes first, so a batch may hold one key's run
   * only; the next claim starts from the next oldest head.
   *
   * <p>Parameters in order: the deleted ids and their claim tokens (two varchar[]), the kept ids
   * and their tokens, with {@code byIds} the ids to claim (varchar[]), whether a DEAD row blocks
   * its key, the limit (of heads), the limit less one (of a run after its head), the limit (of the
   * batch), the new token, the lease in milliseconds. Arrays are bound, never written into the
   * text, so that the plan is cached. The table is {@code tables.message()} throughout.
   */
  static String claimStatement(boolean byIds, Tables tables) {
    return """
        WITH deleted AS (
          DELETE FROM %1$s d USING unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]))
            AS x(id, token)
          WHERE d.id = x.id AND d.claimed_by = x.token RETURNING d.id),
        kept AS (
          UPDATE %1$s k SET status = 'SENT', sent_at = clock_timestamp(),
            claimed_by = NULL, lease_until = NULL
          FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS x(id, token)
          WHERE k.id = x.id AND k.claimed_by = x.token RETURNING k.id),
        done AS (SELECT id FROM deleted UNION ALL SELECT id FROM kept),
        clock AS (SELECT clock_timestamp() AS now),
        heads AS (
          SELECT m.id, m.ordering_key, m.seq FROM %1$s m
          WHERE %2$s m.status = 'PENDING' AND m.next_attempt_at <= (SELECT now FROM clock)
            AND (m.lease_until IS NULL OR m.lease_until < (SELECT now FROM clock))
            AND (m.ordering_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM %1$s p
              WHERE p.ordering_key = m.ordering_key AND p.seq < m.seq
                AND p.status IN ('PENDING', 'DEAD') AND (p.status = 'PENDING' OR ?)
                AND p.id NOT IN (SELECT id FROM done)))
          ORDER BY m.next_attempt_at, m.created_at
          LIMIT ?
          FOR UPDATE OF m SKIP LOCKED),
        picked AS (
          SELECT r.id FROM heads h CROSS JOIN LATERAL (
            SELECT h.id, 0 AS step, 0 AS rank
            UNION ALL
            SELECT f.id, f.seq - h.seq, row_number() OVER (ORDER BY f.seq) FROM (
              SELECT n.id, n.seq FROM %1$s n
              WHERE h.ordering_key IS NOT NULL
                AND n.ordering_key = h.ordering_key AND n.seq > h.seq AND n.status = 'PENDING'
                AND n.next_attempt_at <= (SELECT now FROM clock)
                AND (n.lease_until IS NULL OR n.lease_until < (SELECT now FROM clock))
              ORDER BY n.seq
              LIMIT ?
              FOR UPDATE OF n SKIP LOCKED) f) r
          WHERE r.step = r.rank
          LIMIT ?),
        claimed AS (
          UPDATE %1$s m
          SET claimed_by = ?, lease_until = c.now + ? * INTERVAL '1 millisecond'
          FROM picked, clock c WHERE m.id = picked.id
          RETURNING m.id, m.seq, m.event_type, m.aggregate_type, m.aggregate_id, m.ordering_key,
            m.destination, m.payload, m.headers, m.idempotency_key, m.traceparent, m.attempts,
            m.created_at)
        SELECT CAST(EXTRACT(EPOCH FROM c.now) * 1000000 AS BIGINT), (SELECT count(*) FROM done), k.*
        FROM clock c LEFT JOIN claimed k ON true"""
        .formatted(tables.message(), byIds ? "m.id = ANY(?) AND" : "");
  }

  /** The dialect of a connection's database; refuses a database the outbox does not support. */
  public static Dialect of(DatabaseMetaData metaData) throws SQLException {
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
    if (name.equals("h2")) {
      return h2(metaData);
    }
    throw new IllegalStateException(
        "txoutbox: the database '"
            + product
            + "' is not supported; supported are Apache Derby, PostgreSQL, MariaDB 10.6 or"
            + " newer and H2 2.2.220 or newer (DDL for Oracle, SQL Server and DB2 is shipped,"
            + " untested, under META-INF/txoutbox/sql/).");
  }

  /** H2's modes without {@code LIMIT}, which the claim and the JPA provider's queries use. */
  private static final Set<String> H2_MODES_WITHOUT_LIMIT =
      Set.of("ORACLE", "MSSQLSERVER", "DERBY");

  private static Dialect h2(DatabaseMetaData metaData) throws SQLException {
    String version = metaData.getDatabaseProductVersion(); // "2.3.232 (2024-08-11)"
    String[] parts = version.split("[ .]");
    int build = parts.length > 2 && parts[2].matches("\\d+") ? Integer.parseInt(parts[2]) : 0;
    int major = metaData.getDatabaseMajorVersion();
    int minor = metaData.getDatabaseMinorVersion();
    if (major < 2 || (major == 2 && (minor < 2 || (minor == 2 && build < 220)))) {
      throw new IllegalStateException(
          "txoutbox: H2 "
              + version
              + " is too old: the relay's claim needs FOR UPDATE SKIP LOCKED, which H2 has from"
              + " 2.2.220 on. Use H2 2.2.220 or newer (tested: 2.3.232).");
    }
    try (Statement statement = metaData.getConnection().createStatement();
        ResultSet mode =
            statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME ="
                    + " 'MODE'")) {
      String value = mode.next() ? mode.getString(1).toUpperCase(Locale.ROOT) : "REGULAR";
      if (H2_MODES_WITHOUT_LIMIT.contains(value)) {
        throw new IllegalStateException(
            "txoutbox: H2 runs in MODE="
                + mode.getString(1)
                + ", which has no LIMIT clause; the relay's claim needs it. Drop MODE from the"
                + " JDBC URL (H2's default mode, tested) or pick a mode with LIMIT"
                + " (PostgreSQL, MySQL, MariaDB).");
      }
    }
    return H2;
  }
}
