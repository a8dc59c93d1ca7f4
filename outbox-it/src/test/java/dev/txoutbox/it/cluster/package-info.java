/**
 * The many-servers test ({@code -Pmany-servers}): two Open Liberty servers on one database, one
 * frozen while it holds claims; and the application both run (a REST resource that publishes, a
 * consumer that records every message in order, slow sends on demand).
 */
package dev.txoutbox.it.cluster;
