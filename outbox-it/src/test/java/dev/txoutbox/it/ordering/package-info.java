/**
 * Per-key order: into the queue under concurrent publishers and failures, a poisoned key holding
 * back only itself; and on Artemis, to competing consumers through message groups.
 */
package dev.txoutbox.it.ordering;
