/**
 * txoutbox: a transactional outbox for Jakarta EE. Business code publishes events through {@link
 * dev.txoutbox.publish.OutboxService} inside its JTA transaction; the event is stored as a row of
 * the outbox table in that transaction, and a relay on every server moves committed rows to JMS.
 *
 * <p>The API is four packages: {@code publish} (write events), {@code inbox} (consume each event
 * once), {@code lifecycle} (observe what happens to events) and {@code admin} (inspect and repair).
 * Everything under {@code dev.txoutbox.internal} may change in any release.
 */
package dev.txoutbox;
