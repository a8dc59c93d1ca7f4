/**
 * Internal. The relay: on every server, a timer (and a wake-up after each commit) claims due outbox
 * rows in batches, sends them to their JMS queues and records the outcome on each row. A failed
 * send is data: the row keeps its error and its next attempt time, and the timer goes on.
 */
package dev.txoutbox.internal.relay;
