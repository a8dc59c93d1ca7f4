/**
 * What ActiveMQ Artemis adds: duplicate detection by the event id, and the message as Artemis's own
 * command line reads it from the external broker.
 */
package dev.txoutbox.it.brokers;
