/**
 * Delivery: refused sends retried until the broker takes them, dead letters and their replay,
 * completion fenced by the claim, topics, and the retention and purge of what was sent.
 */
package dev.txoutbox.it.relay;
