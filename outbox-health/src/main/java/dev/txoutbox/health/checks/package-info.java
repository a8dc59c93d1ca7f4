/**
 * The outbox's MicroProfile Health checks as the server sees them. The component (outbox-ejb) hands
 * its two checks over as CDI events when it starts; these beans answer with them. They live in a
 * library because WildFly registers the checks of a top-level deployment and of an EAR's {@code
 * lib/} only, and a library's beans cannot inject the beans of an EAR's modules, while the modules
 * see the library's observers.
 */
package dev.txoutbox.health.checks;
