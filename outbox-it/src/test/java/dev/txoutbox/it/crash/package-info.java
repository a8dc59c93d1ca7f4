/**
 * The crash suite ({@code -Pcrash}): one server per delivery mode, killed, halted, cut off from its
 * broker (and its PostgreSQL restarted) under a load of business transactions, then checked:
 * nothing lost, nothing invented, no duplicate effect. {@link dev.txoutbox.it.crash.CrashServers}
 * makes the servers; {@code app} is what they run.
 */
package dev.txoutbox.it.crash;
