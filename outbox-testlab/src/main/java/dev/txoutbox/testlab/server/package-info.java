/**
 * Servers that a test starts, kills, freezes and stops itself, each a {@link
 * dev.txoutbox.testlab.server.Node} in a directory of its own: an Open Liberty server of the
 * build's installation, or a WildFly copied from the build's; the EAR they run ({@link
 * dev.txoutbox.testlab.server.TestEar}) and the database they share ({@link
 * dev.txoutbox.testlab.server.TestDatabase}). A node's JVM is found by its command line, never by a
 * name another checkout could have.
 */
package dev.txoutbox.testlab.server;
