package dev.txoutbox.it.deployment;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the outbox table with plain JDBC, as an operator would, independent of the component: in
 * the schema of {@code outbox.store.schema} when the server sets it.
 */
@ApplicationScoped
public class OutboxTable {
  private static final Pattern TABLE =
      Pattern.compile("\\b(outbox_message|outbox_key|outbox_inbox)\\b");

  /** What the tests check of a row. */
  public record Row(
      String status,
      int attempts,
      String lastError,
      String destination,
      long seq,
      String claimedBy) {}

  @Resource // the default datasource, as the outbox's persistence unit uses
  DataSource dataSource;

  /** The configured schema of the outbox tables, if any. */
  public static Optional<String> schema() {
    return ConfigProvider.getConfig()
        .getOptionalValue("outbox.store.schema", String.class)
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  /** {@code sql} with each outbox table's name qualified by the configured schema, if any. */
  public static String qualified(String sql) {
    return schema().map(s -> TABLE.matcher(sql).replaceAll(s + ".$1")).orElse(sql);
  }

  public Optional<Row> find(UUID eventId) {
    String sql =
        qualified(
            "SELECT status, attempts, last_error, destination, seq, claimed_by FROM outbox_message"
                + " WHERE id = ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, eventId.toString());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Row(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Claims a row for {@code token} for an hour, as another relay would once this one's lease had
   * run out; returns the rows changed.
   */
  public int takeOver(UUID eventId, String token) {
    return update(
        "UPDATE outbox_message SET claimed_by = ?, lease_until = ? WHERE id = ?",
        token,
        Timestamp.from(Instant.now().plus(Duration.ofHours(1))),
        eventId.toString());
  }

  /** Ends any claim on a row, as a relay that gives it back would. */
  public int giveBack(UUID eventId) {
    return update(
        "UPDATE outbox_message SET claimed_by = NULL, lease_until = NULL WHERE id = ?",
        eventId.toString());
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(qualified(sql))) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts a row directly, as a fixture: status, times and nothing else of interest. */
  public void insert(
      UUID id, String status, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
    insert(id, status, createdAt, sentAt, nextAttemptAt, null);
  }

  /**
   * Inserts a keyed row and its key's row directly, as a fixture: the key's last event has {@code
   * seq} and {@code status}, and the key was last used at {@code usedAt}. A PENDING row is due
   * tomorrow, so that the relay leaves it alone.
   */
  public void insertKeyed(UUID id, String status, String orderingKey, long seq, Instant usedAt) {
    update(
        "INSERT INTO outbox_message (id, seq, event_type, ordering_key, destination, payload,"
            + " status, attempts, next_attempt_at, created_at, sent_at)"
            + " VALUES (?, ?, 'Fixture', ?, 'events', '{}', ?, 0, ?, ?, ?)",
        id.toString(),
        seq,
        orderingKey,
        status,
        Timestamp.from(Instant.now().plus(Duration.ofDays(1))),
        Timestamp.from(usedAt),
        status.equals("SENT") ? Timestamp.from(usedAt) : null);
    update(
        "INSERT INTO outbox_key (ordering_key, version, used_at) VALUES (?, ?, ?)",
        orderingKey,
        seq,
        Timestamp.from(usedAt));
  }

  /** The version of an ordering key's row (the last seq it gave), if the key has a row. */
  public Optional<Long> keyVersion(String orderingKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement =
            c.prepareStatement(
                qualified("SELECT version FROM outbox_key WHERE ordering_key = ?"))) {
      statement.setString(1, orderingKey);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts a row directly, as a fixture, with an idempotency key. */
  public void insert(
      UUID id,
      String status,
      Instant createdAt,
      Instant sentAt,
      Instant nextAttemptAt,
      String idempotencyKey) {
    String sql =
        qualified(
            "INSERT INTO outbox_message (id, event_type, destination, payload, status, attempts,"
                + " next_attempt_at, created_at, sent_at, idempotency_key)"
                + " VALUES (?, 'Fixture', 'events', '{}', ?, 0, ?, ?, ?, ?)");
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, id.toString());
      statement.setString(2, status);
      statement.setTimestamp(3, Timestamp.from(nextAttemptAt));
      statement.setTimestamp(4, Timestamp.from(createdAt));
      statement.setTimestamp(5, sentAt == null ? null : Timestamp.from(sentAt));
      statement.setString(6, idempotencyKey);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets every PENDING and DEAD row aside as SKIPPED, so that a test starts with an empty backlog
   * whatever earlier tests left behind; returns how many rows it changed.
   */
  public int setAsideWaitingRows(String reason) {
    return update(
        "UPDATE outbox_message SET status = 'SKIPPED', skip_reason = ?, claimed_by = NULL,"
            + " lease_until = NULL WHERE status IN ('PENDING', 'DEAD')",
        reason);
  }

  /**
   * Makes a SENT row PENDING again, due at once, as if the relay had lost its record of the send (a
   * lease that ran out after the send): the relay sends the event a second time.
   */
  public void sendAgain(UUID eventId) {
    int changed =
        update(
            "UPDATE outbox_message SET status = 'PENDING', sent_at = NULL, claimed_by = NULL,"
                + " lease_until = NULL, next_attempt_at = ? WHERE id = ? AND status = 'SENT'",
            Timestamp.from(Instant.now().minusSeconds(1)),
            eventId.toString());
    if (changed != 1) {
      throw new IllegalStateException("event " + eventId + " is not SENT");
    }
  }

  public int countOfKey(String orderingKey, String status) {
    return number(
        "SELECT COUNT(*) FROM outbox_message WHERE ordering_key = ? AND status = ?",
        orderingKey,
        status);
  }

  /** The attempts made on the rows of one ordering key after its first (lowest seq) row. */
  public int attemptsAfterHeadOfKey(String orderingKey) {
    return number(
        "SELECT COALESCE(SUM(attempts), 0) FROM outbox_message WHERE ordering_key = ?"
            + " AND seq > (SELECT MIN(seq) FROM outbox_message WHERE ordering_key = ?)",
        orderingKey,
        orderingKey);
  }

  /** The attempts made on the first (lowest seq) row of one ordering key. */
  public int attemptsOfHeadOfKey(String orderingKey) {
    return number(
        "SELECT COALESCE(SUM(attempts), 0) FROM outbox_message WHERE ordering_key = ?"
            + " AND seq = (SELECT MIN(seq) FROM outbox_message WHERE ordering_key = ?)",
        orderingKey,
        orderingKey);
  }

  public int countOfType(String eventType) {
    return number("SELECT COUNT(*) FROM outbox_message WHERE event_type = ?", eventType);
  }

  /**
   * The rows of one event type that are still PENDING or DEAD, one line each, with their lease and
   * next attempt by the database, and the relay threads' stacks: what a test that waited in vain
   * reports.
   */
  public String stateOfType(String eventType) {
    StringBuilder state = new StringBuilder("rows of ").append(eventType).append(" not sent:");
    String sql =
        qualified(
            "SELECT ordering_key, seq, status, attempts, claimed_by, lease_until, next_attempt_at,"
                + " last_error FROM outbox_message WHERE event_type = ? AND status <> 'SENT'"
                + " ORDER BY ordering_key, seq");
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, eventType);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          state.append("\n  ");
          for (int column = 1; column <= 8; column++) {
            state.append(rs.getString(column)).append(column < 8 ? " | " : "");
          }
        }
      }
      state.append("\n  database time: ").append(now(c));
      if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
        // a prepared XA branch that no one commits holds its rows' locks: their keys wait
        try (PreparedStatement prepared =
                c.prepareStatement("SELECT gid, prepared FROM pg_prepared_xacts");
            ResultSet rs = prepared.executeQuery()) {
          while (rs.next()) {
            state.append("\n  prepared transaction ").append(rs.getString(1));
            state.append(" since ").append(rs.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      state.append(" (unreadable: ").append(e).append(')');
    }
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().startsWith("txoutbox-relay")) {
                state.append("\n").append(thread.getName()).append(' ').append(thread.getState());
                for (StackTraceElement frame : stack) {
                  state.append("\n    at ").append(frame);
                }
              }
            });
    return state.toString();
  }

  private static String now(Connection c) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement("VALUES (CURRENT_TIMESTAMP)");
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  private int number(String sql, String... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(qualified(sql))) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
