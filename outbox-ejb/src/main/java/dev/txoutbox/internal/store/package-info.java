/**
 * Internal. The tables and every query on them: the outbox rows ({@link
 * dev.txoutbox.internal.store.OutboxMessage}, queried and changed by {@link
 * dev.txoutbox.internal.store.OutboxMessages} and the relay's {@link
 * dev.txoutbox.internal.store.Claims}), the ordering keys and the inbox. Every per-database SQL
 * text is in {@link dev.txoutbox.internal.store.Dialect}. Claims are leases: a relay marks rows
 * with a claim token and a lease end, and completes only rows that still carry its token, so a
 * server that lost its lease cannot overwrite another's work.
 */
package dev.txoutbox.internal.store;
