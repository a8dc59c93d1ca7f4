/**
 * What an operator uses: the admin REST API and the console over HTTP (with the lab's DEAD-event
 * fixture), the health checks and their life with the application, and the lifecycle events an
 * application observes for alerting.
 */
package dev.txoutbox.it.operations;
