/**
 * The write path, everything an application needs: inject {@link
 * dev.txoutbox.publish.OutboxService} and call {@code publish} inside the business transaction, or
 * fire an {@link dev.txoutbox.publish.OutboxEvent} with CDI. Events are checked here, at publish
 * time, so that a bad event fails the caller instead of failing later in the relay.
 */
package dev.txoutbox.publish;
