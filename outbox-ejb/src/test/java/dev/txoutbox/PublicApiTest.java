package dev.txoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public surface stays small: applications use four packages, and everything else lives under
 * {@code dev.txoutbox.internal}, public only where another package or the container needs it.
 */
class PublicApiTest {
  static final Set<String> API =
      Set.of(
          "dev.txoutbox.publish",
          "dev.txoutbox.inbox",
          "dev.txoutbox.lifecycle",
          "dev.txoutbox.admin");
  static final String INTERNAL = "dev.txoutbox.internal";

  /**
   * Every public type outside the API. Each is public for a reason Jakarta EE or Java gives: an
   * EJB, a CDI bean or entity used from another package, a provider hook the JPA provider
   * instantiates, a CDI event an in-server test observes. A type added here is a decision, taken in
   * review; a type that can be package-private is removed from here.
   */
  static final Set<String> PUBLIC_INTERNALS =
      Set.of(
          "config.ConfigCheck", // a CDI extension, loaded by the ServiceLoader
          "config.Configuration", // its static schema() serves the JPA providers' hooks
          "config.Destinations", // answered by OutboxConfig to publish and relay
          "config.OpenTelemetryApi", // asked by metrics and tracing
          "config.OutboxConfig", // injected by every package
          "monitoring.Backlog", // read by health, metrics and admin
          "monitoring.Heartbeat", // written by the relay, read by health
          "monitoring.LifecycleEvents", // fired by the relay and admin
          "relay.Delivering", // CDI events the crash suite's in-server beans observe
          "relay.Handoff",
          "relay.Sending",
          "relay.Relay", // an EJB
          "relay.Sender", // an EJB
          "retention.Retention", // an EJB
          "schema.Schema", // an EJB the others depend on
          "store.Claims", // the store's answers to the relay
          "store.Completion",
          "store.Dialect", // read by the schema checks
          "store.Tables", // read by the schema checks
          "store.EclipseLinkTables", // instantiated by EclipseLink
          "store.HibernateTables", // instantiated by Hibernate
          "store.InboxEntries", // used by inbox and retention
          "store.InboxEntry", // an entity (JPA)
          "store.InstantConverter", // a JPA converter
          "store.OrderingKeys", // used by retention
          "store.OutboxMessage", // an entity (JPA), used by publish, relay and admin
          "store.OutboxMessages",
          "store.Pending", // a CDI event the relay observes
          "store.Status",
          "tracing.Tracing"); // used by publish and relay

  private final Sources sources = Sources.of(Path.of("."));

  @Test
  void everyPackageIsInTheApiOrInternal() {
    assertThat(sources.packages())
        .allMatch(
            p ->
                p.equals("dev.txoutbox")
                    || API.contains(p)
                    || p.equals(INTERNAL)
                    || p.startsWith(INTERNAL + "."),
            "in the API (" + API + ") or under " + INTERNAL);
  }

  @Test
  void noPublicTypeOutsideTheApiButTheListedOnes() {
    Set<String> publicInternals =
        sources.files().stream()
            .map(Sources.Source::publicType)
            .filter(Objects::nonNull)
            .filter(type -> !API.contains(type.substring(0, type.lastIndexOf('.'))))
            .map(type -> type.substring(INTERNAL.length() + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(publicInternals)
        .as(
            "public types outside the API packages: make a new one package-private, or add it to"
                + " PUBLIC_INTERNALS with the reason it must be public; remove one that no longer"
                + " is")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_INTERNALS);
  }

  @Test
  void everyPackageSaysWhetherItIsInternal() throws IOException {
    for (String pkg : sources.packages()) {
      Path info = sources.root().resolve(pkg.replace('.', '/')).resolve("package-info.java");
      assertThat(info).as(pkg + " has a package-info").exists();
      String text = Files.readString(info);
      if (pkg.startsWith(INTERNAL + ".")) {
        assertThat(text).as(pkg + "'s package-info").contains("Internal.");
      } else {
        assertThat(text).as(pkg + "'s package-info").doesNotContain("Internal.");
      }
    }
  }
}
