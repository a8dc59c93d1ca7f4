/**
 * Internal. Keeps the tables from growing for ever: a timer on every server purges SENT rows, inbox
 * entries and unused ordering keys once they are older than configured, in small transactions,
 * through the queries of {@code store}. It never touches a PENDING, DEAD or SKIPPED row.
 */
package dev.txoutbox.internal.retention;
