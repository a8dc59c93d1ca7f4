/**
 * The component's internals, in packages named after their responsibility: {@code store} (the
 * outbox rows and every query on them, with one {@code Dialect} per database), {@code schema}
 * (checks of the tables at start), {@code relay} (claims rows and sends them to JMS), {@code
 * retention} (purges what is no longer needed), {@code monitoring} (the backlog reading, the
 * relay's heartbeat and the lifecycle events), {@code health}, {@code metrics}, {@code tracing} and
 * {@code config}. Nothing here is an API: any type may change or go in any release. Applications
 * use the packages {@code dev.txoutbox.publish}, {@code inbox}, {@code lifecycle} and {@code
 * admin}.
 */
package dev.txoutbox.internal;
