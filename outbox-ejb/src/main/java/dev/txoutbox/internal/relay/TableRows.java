package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.config.OutboxConfig;
import dev.txoutbox.internal.store.Claims;
import dev.txoutbox.internal.store.Claims.Claim;
import dev.txoutbox.internal.store.Claims.Failure;
import dev.txoutbox.internal.store.Claims.Wanted;
import dev.txoutbox.internal.store.Completion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/** {@link Rows} on the outbox table, with the configured claim size, lease and dead-head rule. */
@ApplicationScoped
class TableRows implements Rows {
  @Inject Claims claims;
  @Inject OutboxConfig config;

  @Override
  public Claim claim(Completion done, String token, Collection<String> ids) {
    return claims.claim(
        done,
        new Wanted(
            token,
            config.lease(),
            config.claimSize(),
            config.deadHead() == OutboxConfig.DeadHead.BLOCK,
            ids));
  }

  /** Whether several drains may claim at once: their claims skip each other's rows. */
  boolean concurrent() {
    return claims.claimsConcurrently();
  }

  @Override
  public int complete(Completion done) {
    return claims.complete(done);
  }

  @Override
  public int fail(String token, List<Failure> failures, List<String> released) {
    return failures.isEmpty() && released.isEmpty() ? 0 : claims.fail(token, failures, released);
  }
}
