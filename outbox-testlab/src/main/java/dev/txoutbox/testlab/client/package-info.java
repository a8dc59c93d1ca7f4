/**
 * A test's calls to a server over HTTP ({@link dev.txoutbox.testlab.client.Http}, Basic credentials
 * included), the JSON it answers ({@link dev.txoutbox.testlab.client.JsonText}), and the admin REST
 * API as an operator's client calls it ({@link dev.txoutbox.testlab.client.AdminClient}). Runs in
 * the test JVM, never in the server.
 */
package dev.txoutbox.testlab.client;
