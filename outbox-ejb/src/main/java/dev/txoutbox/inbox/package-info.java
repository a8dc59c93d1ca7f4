/**
 * The consumer's side of at-least-once delivery: {@link dev.txoutbox.inbox.Inbox} tells a consumer,
 * in its own transaction, whether it meets an event for the first time, so that a redelivered event
 * is acknowledged and skipped instead of processed twice.
 */
package dev.txoutbox.inbox;
