/**
 * What the Arquillian tests deploy: {@link dev.txoutbox.it.deployment.Deployments}, the one builder
 * of their archives, and the beans every test module carries beside the lab's queues and
 * transactions: the outbox table read with plain JDBC, the test application's own business rows,
 * the send faults injected through the relay's CDI events, and the endpoints that monitoring reads.
 */
package dev.txoutbox.it.deployment;
