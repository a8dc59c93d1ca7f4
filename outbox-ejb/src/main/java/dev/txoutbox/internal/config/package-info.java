/**
 * Internal. The component's settings, read from MicroProfile Config under {@code outbox.*} and
 * checked when the application deploys: a bad value stops the deployment with a message that names
 * the key.
 */
package dev.txoutbox.internal.config;
