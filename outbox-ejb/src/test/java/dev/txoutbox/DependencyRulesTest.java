package dev.txoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package dependencies the design asks for, read from the imports. */
class DependencyRulesTest {
  private static final String ROOT = "dev.txoutbox.";
  private final Sources component = Sources.of(Path.of("."));

  @Test
  void nothingDependsOnTheRelay() {
    assertThat(outside("internal.relay").filter(f -> f.imports(ROOT + "internal.relay")))
        .as("files outside the relay that import it")
        .isEmpty();
  }

  @Test
  void theStoreDependsOnlyOnTheConfiguration() {
    assertThat(
            component
                .in(ROOT + "internal.store")
                .filter(
                    f ->
                        f.imports().stream()
                            .anyMatch(
                                i ->
                                    !i.startsWith(ROOT + "internal.store.")
                                        && !i.startsWith(ROOT + "internal.config."))))
        .as("store files that import more than store and config")
        .isEmpty();
  }

  @Test
  void publishingDependsOnNoneOfTheRelayHealthMetricsOrAdmin() {
    assertThat(
            component
                .in(ROOT + "publish")
                .filter(
                    f ->
                        Stream.of("internal.relay", "internal.health", "internal.metrics", "admin")
                            .anyMatch(p -> f.imports(ROOT + p))))
        .isEmpty();
  }

  @Test
  void theApiDependsOnNoOperatorOrDeliveryInternals() {
    assertThat(
            component.files().stream()
                .filter(f -> PublicApiTest.API.contains(f.packageName()))
                .filter(
                    f ->
                        Stream.of("internal.relay", "internal.health", "internal.metrics")
                            .anyMatch(p -> f.imports(ROOT + p))))
        .isEmpty();
  }

  @Test
  void webModulesSeeOnlyTheApi() {
    for (String module : List.of("outbox-admin", "outbox-health", "sample-war")) {
      assertThat(
              Sources.of(Path.of("..", module)).files().stream()
                  .filter(
                      f ->
                          f.imports().stream()
                              .filter(i -> !i.startsWith(f.packageName() + "."))
                              .filter(i -> !i.startsWith(ROOT + "sample."))
                              .anyMatch(
                                  i ->
                                      PublicApiTest.API.stream()
                                          .noneMatch(api -> i.startsWith(api + ".")))))
          .as(module + " files that import more than the API")
          .isEmpty();
    }
  }

  private Stream<Sources.Source> outside(String pkg) {
    return component.files().stream()
        .filter(
            f ->
                !f.packageName().equals(ROOT + pkg)
                    && !f.packageName().startsWith(ROOT + pkg + "."));
  }
}
