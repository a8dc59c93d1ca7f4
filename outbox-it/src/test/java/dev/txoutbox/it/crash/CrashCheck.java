package dev.txoutbox.it.crash;

import dev.txoutbox.it.crash.Load.Outcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Jepsen-style check of one run (after the faults and a final drain), from what the clients saw
 * and what the database holds. The committed orders are the database's: an order whose outcome the
 * client could not know counts as committed exactly when its row exists.
 *
 * @param orders orders in the database
 * @param clientCommitted orders a client saw commit
 * @param clientRolledBack orders a client saw roll back
 * @param clientUnknown orders whose outcome a client could not know
 * @param lostWrites orders a client saw commit that the database does not hold
 * @param phantomWrites orders a client saw roll back that the database holds
 * @param lost events of committed orders that never arrived
 * @param phantom events that arrived without a committed order
 * @param duplicates deliveries beyond the first of an event
 * @param duplicateEffects effects beyond the first of an event, through the inbox
 * @param missingEffects events that arrived without an effect
 */
record CrashCheck(
    int orders,
    int clientCommitted,
    int clientRolledBack,
    int clientUnknown,
    int lostWrites,
    int phantomWrites,
    int lost,
    int phantom,
    int duplicates,
    int duplicateEffects,
    int missingEffects) {

  /**
   * {@code eventOfOrder}: the database's orders and their events; {@code receipts} and {@code
   * effects}: each delivery's and each effect's event id.
   */
  static CrashCheck of(
      Map<String, Outcome> outcomes,
      Map<String, String> eventOfOrder,
      Iterable<String> receipts,
      Iterable<String> effects) {
    Map<Outcome, Integer> seen = new HashMap<>();
    int lostWrites = 0;
    int phantomWrites = 0;
    for (Map.Entry<String, Outcome> order : outcomes.entrySet()) {
      seen.merge(order.getValue(), 1, Integer::sum);
      boolean stored = eventOfOrder.containsKey(order.getKey());
      if (order.getValue() == Outcome.COMMITTED && !stored) {
        lostWrites++;
      }
      if (order.getValue() == Outcome.ROLLED_BACK && stored) {
        phantomWrites++;
      }
    }
    Set<String> committed = new HashSet<>(eventOfOrder.values());
    Set<String> received = new HashSet<>();
    int deliveries = 0;
    for (String event : receipts) {
      deliveries++;
      received.add(event);
    }
    Set<String> affected = new HashSet<>();
    int effectCount = 0;
    for (String event : effects) {
      effectCount++;
      affected.add(event);
    }
    Set<String> lost = new HashSet<>(committed);
    lost.removeAll(received);
    Set<String> phantom = new HashSet<>(received);
    phantom.removeAll(committed);
    Set<String> missingEffects = new HashSet<>(received);
    missingEffects.removeAll(affected);
    return new CrashCheck(
        eventOfOrder.size(),
        seen.getOrDefault(Outcome.COMMITTED, 0),
        seen.getOrDefault(Outcome.ROLLED_BACK, 0),
        seen.getOrDefault(Outcome.UNKNOWN, 0),
        lostWrites,
        phantomWrites,
        lost.size(),
        phantom.size(),
        deliveries - received.size(),
        effectCount - affected.size(),
        missingEffects.size());
  }
}
