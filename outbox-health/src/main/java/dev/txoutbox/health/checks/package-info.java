/**
 * The outbox's liveness and readiness checks as MicroProfile Health finds them. Each names its
 * answer and fires it, as a {@code HealthCheckResponseBuilder} qualified {@code @Liveness} or
 * {@code @Readiness}, to the component's observer in {@code dev.txoutbox.internal.health}, which
 * sets its status and data. A CDI event reaches observers in every module of the application, so
 * this jar needs none of the component's classes and can sit in the EAR's {@code lib/}, where both
 * servers find it: WildFly registers the checks of an EAR's {@code lib/} only, never those of its
 * modules. Without the component the checks answer DOWN.
 */
package dev.txoutbox.health.checks;
