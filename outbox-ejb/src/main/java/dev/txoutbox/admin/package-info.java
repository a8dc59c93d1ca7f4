/**
 * The operator's API: {@link dev.txoutbox.admin.OutboxAdmin} counts events per {@link
 * dev.txoutbox.admin.EventStatus}, lists them, and replays or skips them. Inject it into your own
 * code, or deploy outbox-admin, which serves it as a REST API and a console behind a role.
 */
package dev.txoutbox.admin;
