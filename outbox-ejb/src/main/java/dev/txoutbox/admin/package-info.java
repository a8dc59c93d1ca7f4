/**
 * The operator's API: counts per status, the dead letters, replay and skip. Plain Java for now, to
 * be called from an application's own admin endpoint.
 */
package dev.txoutbox.admin;
