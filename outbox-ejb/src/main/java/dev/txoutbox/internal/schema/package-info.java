/**
 * Internal. The checks of the outbox tables when the application starts: the tables exist at the
 * version this component needs (or are created from the shipped scripts, when configured to), and
 * exactly-once delivery has what two-phase commit needs. A failed check stops the deployment with a
 * message that names the script or the setting that fixes it.
 */
package dev.txoutbox.internal.schema;
