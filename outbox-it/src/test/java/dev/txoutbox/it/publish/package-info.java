/**
 * The write path: the event commits and rolls back with the business row, publish needs a
 * transaction and says so, every property reaches the message, a caller catches the component's own
 * exceptions, and duplicates are refused at both ends (idempotency key, inbox).
 */
package dev.txoutbox.it.publish;
