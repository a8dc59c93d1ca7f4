/**
 * The admin REST API under /outbox-admin/api: counts, the events with filters and paging, replay
 * and skip, over the component's {@link dev.txoutbox.admin.OutboxAdmin}. JSON in and out; every
 * error of its own answers {"message": ...}. The module's web.xml puts all of it behind the role
 * outbox-admin; as a jar in a user's WAR (classifier lib), its web-fragment.xml does, under
 * /outbox-admin. The resource classes and the exception mapper are public because RESTEasy (Open
 * Liberty's and WildFly's Jakarta REST) creates them and calls their methods by reflection, and the
 * records of {@link dev.txoutbox.admin.api.Answers} because JSON-B reads them so; the rest is
 * package-private.
 */
package dev.txoutbox.admin.api;
