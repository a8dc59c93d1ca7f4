/**
 * The integration tests, grouped by what they prove: {@code publish} (the write path), {@code
 * relay} (delivery, retries, dead letters, retention), {@code ordering}, {@code brokers} (what
 * Artemis adds), {@code operations} (the admin API, the console, health, lifecycle events), {@code
 * telemetry} (metrics, tracing), {@code schema}, {@code config}, {@code sample}; and the suites
 * that start their own servers, {@code crash} and {@code cluster}. The Arquillian tests deploy
 * through {@link dev.txoutbox.it.deployment.Deployments}; the servers, their database and the HTTP
 * calls come from the test lab (outbox-testlab). The same classes run on every server and database
 * by profile.
 */
package dev.txoutbox.it;
