/**
 * The test lab: what outbox-it and outbox-bench share to run the component for real. {@code server}
 * starts, kills and stops servers in directories of their own (Open Liberty, WildFly), with the
 * database and the EAR they run; {@code client} calls them over HTTP, reads their JSON and drives
 * the admin API; {@code fixture} is deployed into a server under test, to make DEAD events through
 * the real path. Every server a test starts is an {@link dev.txoutbox.testlab.server.Node}, which
 * closing stops.
 */
package dev.txoutbox.testlab;
