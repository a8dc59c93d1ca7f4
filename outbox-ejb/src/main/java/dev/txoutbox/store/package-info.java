/**
 * The outbox table: the {@link dev.txoutbox.store.OutboxMessage} entity, its statuses, and {@link
 * dev.txoutbox.store.OutboxMessages}, the one class that queries and changes it. Claims are leases:
 * a relay marks rows with a claim token and a lease end, and completes only rows that still carry
 * its token, so a server that lost its lease cannot overwrite another's work.
 */
package dev.txoutbox.store;
