/**
 * txoutbox: a transactional outbox for Jakarta EE. Business code publishes events through {@link
 * dev.txoutbox.publish.OutboxService} inside its JTA transaction; the event is stored as a row of
 * the outbox table in that transaction, and a relay on every server moves committed rows to JMS.
 */
package dev.txoutbox;
