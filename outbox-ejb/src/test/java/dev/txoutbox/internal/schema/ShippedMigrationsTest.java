package dev.txoutbox.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Shipped migrations never change: users' Flyway and Liquibase histories hold their checksums, and
 * an edited file fails their next migration. A change of schema is a new {@code V<n>} file.
 */
class ShippedMigrationsTest {

  /** SHA-256 of each shipped file, line endings as LF. Add a line per new file; never edit one. */
  private static final Map<String, String> PINNED =
      Map.ofEntries(
          Map.entry(
              "db2/V1__outbox.sql",
              "5913ee19dfdef19434ca9dac48dc6d5716d61881fa726806206a8c62393224a0"),
          Map.entry(
              "db2/V3__keys.sql",
              "28d44766769c69cfba6bdbf64cf2864fe7fe2d9df0b3b9a2652e784528342a9a"),
          Map.entry(
              "derby/V1__outbox.sql",
              "683848941d7f4727ad5ed8f6582673da9f670889d42af176831cb43cf69f5e04"),
          Map.entry(
              "derby/V3__keys.sql",
              "73931ca6ab5109045e46ab460076c2d457364882778514601b9ac88379026b22"),
          Map.entry(
              "h2/V1__outbox.sql",
              "49307e4ada9cd12dd6a0809d81d376fd8f026b11fd28118151bcb240dec11413"),
          Map.entry(
              "h2/V3__keys.sql",
              "8079374e57effdb36d832fea09e50d104526a2f77f5a79386432c98d3a6c94e9"),
          Map.entry(
              "h2/V4__timestamps.sql",
              "1b1759edb97ea65e3ebde29bad5a3d9b86f518e56b9c0834fdd6efceead42b63"),
          Map.entry(
              "mariadb/V1__outbox.sql",
              "5140023dd7a9f21172a67364fe13696f85e1748b08d595b57db0e8caac22cd65"),
          Map.entry(
              "mariadb/V3__keys.sql",
              "eae7c6ee291697504d44c9c72bce3f06d3f5467b07d81d1f52be7074f3c64a0b"),
          Map.entry(
              "oracle/V1__outbox.sql",
              "9691f8dfbd2236ff4a683c44e0be2281410e8aaf4bff1f8e37cbab80a94a1669"),
          Map.entry(
              "oracle/V3__keys.sql",
              "dd41b6c6c1cc661e6f6775b68710143d2917d4f6e9a2a83fa66eed2f1d5ac989"),
          Map.entry(
              "postgresql/V1__outbox.sql",
              "08382973a1c86cb8ab415a2dd9c7080e0c52b16d37df5eeab2fb0ca8ee7e2d84"),
          Map.entry(
              "postgresql/V2__relay.sql",
              "b10a1c255a43318e1c17ab2be462aeaa63623da9ee55db6fb396beb49776196d"),
          Map.entry(
              "postgresql/V3__keys.sql",
              "677d0266a069a44654a7c6edce2049302d49adf46d34b33bda072e825f7fad50"),
          Map.entry(
              "sqlserver/V1__outbox.sql",
              "d7d87edcf93500e7370a1c1af3fdadc5b6e262756136acd2ed7b17d818bba023"),
          Map.entry(
              "sqlserver/V3__keys.sql",
              "d678ec1b52d6c696688f49d7e079998a38a63e8476ad68abb3708945988b7c5d"));

  private static final Pattern FILE = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");
  private static final Pattern INCLUDE = Pattern.compile("<include file=\"([^\"]+)\"");

  @Test
  void shippedMigrationsAreUnchanged() {
    Map<String, String> shipped = shipped();
    for (Map.Entry<String, String> pin : PINNED.entrySet()) {
      String file = pin.getKey();
      if (!shipped.containsKey(file)) {
        fail(
            Migrations.ROOT
                + file
                + " was shipped and is gone. Users' Flyway and Liquibase histories name it:"
                + " restore it, and undo what it did in a new V<n> file instead.");
      }
      if (!shipped.get(file).equals(pin.getValue())) {
        fail(
            Migrations.ROOT
                + file
                + " changed after it was shipped (SHA-256 "
                + shipped.get(file)
                + ", pinned "
                + pin.getValue()
                + "). Flyway and Liquibase users who applied it would get a checksum failure:"
                + " revert it, and add a new V<n> file instead (next: V"
                + (Migrations.of(file.substring(0, file.indexOf('/'))).latest() + 1)
                + "__<what>.sql).");
      }
    }
    assertThat(shipped.keySet())
        .as("new migration files: pin each in ShippedMigrationsTest.PINNED, with its SHA-256")
        .isSubsetOf(PINNED.keySet());
  }

  @Test
  void eachFileIsAFlywayMigrationAndALiquibaseChangesetOfItsVersion() {
    for (String file : shipped().keySet()) {
      Matcher name = FILE.matcher(file.substring(file.indexOf('/') + 1));
      assertThat(name.matches()).as(file + ": a Flyway name, V<n>__<what>.sql").isTrue();
      List<String> lines = read(file).lines().limit(2).toList();
      assertThat(lines.get(0))
          .as(file + ": its Liquibase header")
          .matches("-- ?liquibase formatted sql");
      assertThat(lines.get(1))
          .as(file + ": changeset id txoutbox:<n> of V<n>")
          .matches("-- ?changeset txoutbox:" + name.group(1));
    }
  }

  @Test
  void theHistoryOfEachDatabaseListsItsFilesAndItsChangelogIncludesThemInOrder() {
    Map<String, String> shipped = shipped();
    for (String database : Migrations.DATABASES) {
      Migrations migrations = Migrations.of(database);
      List<String> files = migrations.all().stream().map(Migration::file).toList();
      assertThat(files)
          .as(database + ": Migrations' history and the shipped files")
          .containsExactlyInAnyOrderElementsOf(
              shipped.keySet().stream()
                  .filter(f -> f.startsWith(database + "/"))
                  .map(f -> f.substring(database.length() + 1))
                  .toList());
      assertThat(migrations.all())
          .as(database + ": versions ascend")
          .isSortedAccordingTo((a, b) -> Integer.compare(a.version(), b.version()));
      Matcher include = INCLUDE.matcher(read(database + "/changelog.xml"));
      List<String> included = include.results().map(m -> m.group(1)).toList();
      assertThat(included).as(database + "/changelog.xml").isEqualTo(files);
    }
  }

  /** Each shipped .sql file under {@link Migrations#ROOT}, as database/file, with its SHA-256. */
  private static Map<String, String> shipped() {
    Path root = root();
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(path -> path.toString().endsWith(".sql"))
          .forEach(
              path -> {
                String name = root.relativize(path).toString().replace('\\', '/');
                files.put(name, sha256(read(name)));
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Path root() {
    try {
      return Path.of(
          ShippedMigrationsTest.class.getClassLoader().getResource(Migrations.ROOT).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(String file) {
    try {
      return Files.readString(root().resolve(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
