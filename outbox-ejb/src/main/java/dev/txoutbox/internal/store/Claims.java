package dev.txoutbox.internal.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The relay's side of the table: leases on due rows, and their completion, fenced by the claim
 * token. Each operation runs in a short transaction of its own, except a completion in exactly-once
 * mode, which joins the transaction that sends the rows.
 */
@ApplicationScoped
public class Claims {

  @PersistenceContext(unitName = "txoutbox")
  EntityManager em;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject Database database;
  @Inject OutboxMessages messages;

  /**
   * Completes {@code done}, then leases due rows as {@code wanted} asks, by the database's clock,
   * and answers them with that clock's time. Only the head of each ordering key is due, with the
   * contiguous next rows of its key (a run); a row waits while an earlier row of its key is
   * pending, or dead when {@code deadBlocks}. A row another relay holds under a live lease is left
   * alone, and so, where the database can, is a row another relay is claiming at this moment
   * ({@code SKIP LOCKED}).
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Claim claim(Completion done, Wanted wanted) {
    if (database.dialect().claimsInOneStatement()) {
      return inOneStatement(done, wanted);
    }
    int completed = complete(done);
    Claim claim = messages.claim(wanted);
    return new Claim(claim.rows(), claim.now(), completed);
  }

  /**
   * What a claim asks for: up to {@code limit} rows leased to {@code token} for {@code lease}, only
   * among {@code ids} unless it is empty; {@code deadBlocks}: a DEAD row holds its key back.
   */
  public record Wanted(
      String token, Duration lease, int limit, boolean deadBlocks, Collection<String> ids) {}

  /**
   * Whether claims of several relays at once skip each other's rows ({@code SKIP LOCKED}) rather
   * than wait for them, so that one server may run several drains.
   */
  public boolean claimsConcurrently() {
    return database.dialect().skipLocked();
  }

  /** Rows just claimed, in the order to send them, the database's time, and the rows completed. */
  public record Claim(List<OutboxMessage> rows, Instant now, int completed) {}

  /**
   * Completes a sent batch, only the rows still claimed by its token; returns how many it
   * completed. Joins the caller's transaction (exactly-once mode: the one that sends the rows).
   */
  @Transactional(TxType.REQUIRED)
  public int complete(Completion done) {
    return done.isEmpty() ? 0 : messages.markSent(done);
  }

  /**
   * Records failed attempts and gives back {@code released} rows (due again at once, attempts
   * unchanged), both fenced by {@code token}; returns how many rows it changed.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public int fail(String token, Collection<Failure> failures, Collection<String> released) {
    return messages.markFailed(token, failures) + messages.release(token, released);
  }

  /**
   * A failed attempt: its row, the error as text, and when to try again; {@code dead} when it was
   * the last attempt.
   */
  public record Failure(String id, String error, Instant nextAttemptAt, boolean dead) {
    public Failure {
      error = OutboxMessage.note(error);
    }
  }

  private Claim inOneStatement(Completion done, Wanted wanted) {
    Collection<String> ids = wanted.ids();
    int limit = wanted.limit();
    String sql = Dialect.claimStatement(!ids.isEmpty(), database.tables());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement claim = connection.prepareStatement(sql)) {
      try (Statement settings = connection.createStatement()) {
        settings.execute(Dialect.CLAIM_SETTINGS);
      }
      int p = 1;
      for (Map<String, String> fenced : List.of(done.deleted(), done.kept())) {
        List<Map.Entry<String, String>> rows = List.copyOf(fenced.entrySet());
        claim.setArray(p++, varchars(connection, rows.stream().map(Map.Entry::getKey)));
        claim.setArray(p++, varchars(connection, rows.stream().map(Map.Entry::getValue)));
      }
      if (!ids.isEmpty()) {
        claim.setArray(p++, connection.createArrayOf("varchar", ids.toArray()));
      }
      claim.setBoolean(p++, wanted.deadBlocks());
      claim.setInt(p++, limit);
      claim.setInt(p++, limit - 1);
      claim.setInt(p++, limit);
      claim.setString(p++, wanted.token());
      claim.setLong(p, wanted.lease().toMillis());
      try (ResultSet result = claim.executeQuery()) {
        return claimed(result);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("txoutbox: claiming due events failed: " + e, e);
    }
  }

  private static Array varchars(Connection connection, Stream<String> values) throws SQLException {
    return connection.createArrayOf("varchar", values.toArray());
  }

  private static Claim claimed(ResultSet result) throws SQLException {
    List<OutboxMessage> rows = new ArrayList<>();
    Instant now = null;
    int completed = 0;
    while (result.next()) {
      now = Instant.EPOCH.plusNanos(result.getLong(1) * 1000);
      completed = result.getInt(2);
      String id = result.getString(3);
      if (id != null) {
        rows.add(
            new OutboxMessage(
                    id,
                    result.getString(5),
                    result.getString(6),
                    result.getString(7),
                    result.getString(8),
                    result.getString(9),
                    result.getString(10),
                    result.getString(11),
                    result.getString(12),
                    result.getString(13),
                    result.getObject(15, OffsetDateTime.class).toInstant())
                .claimed(result.getLong(4), result.getInt(14)));
      }
    }
    return new Claim(rows, now, completed);
  }
}
