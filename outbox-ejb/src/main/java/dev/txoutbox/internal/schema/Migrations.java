package dev.txoutbox.internal.schema;

import static java.util.stream.Collectors.joining;

import dev.txoutbox.internal.schema.Migration.Column;
import dev.txoutbox.internal.schema.Migration.NoIndex;
import dev.txoutbox.internal.schema.Migration.NoTimeZone;
import dev.txoutbox.internal.schema.Migration.Table;
import dev.txoutbox.internal.store.Tables;
import java.util.List;

/**
 * The shipped migrations of one database, in {@code META-INF/txoutbox/sql/<database>/}, and the
 * version a schema is at. Version numbers are one history for all databases: a number is taken
 * once, by a change, and a database that needs no part of that change has no file of that number
 * (PostgreSQL's V2 tunes storage that only PostgreSQL has; H2's V4 fixes its types). Flyway and
 * Liquibase both accept the gap. A new file is a new entry here and a new pinned checksum in
 * ShippedMigrationsTest.
 */
final class Migrations {
  static final String ROOT = "META-INF/txoutbox/sql/";
  static final List<String> DATABASES =
      List.of("derby", "postgresql", "mariadb", "h2", "oracle", "sqlserver", "db2");

  private static final Migration V1 =
      Migration.required(1, "outbox", "the outbox tables")
          .recognizedBy(
              new Table("outbox_message"),
              new Table("outbox_key"),
              new Table("outbox_inbox"),
              new Column("outbox_message", "traceparent"));
  private static final Migration POSTGRESQL_V2 =
      Migration.optional(2, "relay", "the relay's claims are faster with it")
          .recognizedBy(new NoIndex("outbox_message", "outbox_message_claim"));
  private static final Migration V3 =
      Migration.required(
              3,
              "keys",
              "publishing records when a key was last used, so that idle keys can be purged")
          .recognizedBy(new Column("outbox_key", "used_at"));
  private static final Migration H2_V4 =
      Migration.required(
              4,
              "timestamps",
              "H2's driver reads a time with time zone as an OffsetDateTime, which the mapping"
                  + " cannot take on EclipseLink")
          .recognizedBy(
              new NoTimeZone("outbox_message", "next_attempt_at"),
              new NoTimeZone("outbox_message", "lease_until"),
              new NoTimeZone("outbox_message", "created_at"),
              new NoTimeZone("outbox_message", "sent_at"),
              new NoTimeZone("outbox_key", "used_at"),
              new NoTimeZone("outbox_inbox", "received_at"));

  private final String database;
  private final List<Migration> history;

  private Migrations(String database, List<Migration> history) {
    this.database = database;
    this.history = history;
  }

  /** The migrations shipped for a database, by its directory name ({@link #DATABASES}). */
  static Migrations of(String database) {
    if (!DATABASES.contains(database)) {
      throw new IllegalArgumentException("txoutbox ships no DDL for " + database);
    }
    return new Migrations(
        database,
        switch (database) {
          case "postgresql" -> List.of(V1, POSTGRESQL_V2, V3);
          case "h2" -> List.of(V1, V3, H2_V4);
          default -> List.of(V1, V3);
        });
  }

  List<Migration> all() {
    return history;
  }

  /** The resource of a migration in the outbox-ejb jar. */
  String resource(Migration migration) {
    return ROOT + database + "/" + migration.file();
  }

  int latest() {
    return history.get(history.size() - 1).version();
  }

  /**
   * The version the schema is at: that of the last migration whose traits hold, together with those
   * of every earlier one; 0 when not even V1's do.
   */
  int versionOf(Catalog catalog) {
    int version = 0;
    for (Migration migration : history) {
      if (!migration.appliedTo(catalog)) {
        break;
      }
      version = migration.version();
    }
    return version;
  }

  /** The migrations that upgrade a schema at {@code version} to the latest, in order. */
  List<Migration> after(int version) {
    return history.stream().filter(m -> m.version() > version).toList();
  }

  /** True when this release's code cannot run on a schema at {@code version}. */
  boolean tooOld(int version) {
    return after(version).stream().anyMatch(Migration::required);
  }

  /**
   * What to do about a schema at {@code version} that has the outbox tables: which scripts upgrade
   * it, and why, and where the tables are. At version 0 the tables predate V1 (a pre-release
   * build): what they lack of it.
   */
  String upgrade(int version, Catalog catalog, Tables tables) {
    String from =
        " from "
            + ROOT
            + database
            + "/ in the outbox-ejb jar"
            + tables.schema().map(s -> ", with " + s + " as the default schema").orElse("");
    String outboxTables = "the outbox tables " + tables.place();
    if (version == 0) {
      Migration first = history.get(0);
      return "txoutbox: "
          + outboxTables
          + " match no shipped schema version of "
          + database
          + ": they lack "
          + first.lackingIn(catalog).stream().map(Object::toString).collect(joining(", "))
          + " of "
          + first.file()
          + ", so they predate it. Add what they lack (then they are at version 1), or drop them"
          + " and apply "
          + files(after(0))
          + from
          + ".";
    }
    List<Migration> missing = after(version);
    return "txoutbox: "
        + outboxTables
        + " are at schema version "
        + version
        + " of "
        + database
        + ", the latest is "
        + latest()
        + ": apply "
        + files(missing)
        + from
        + ", with Flyway, Liquibase or by hand ("
        + missing.stream().map(m -> m.file() + ": " + m.why()).collect(joining("; "))
        + ").";
  }

  private static String files(List<Migration> migrations) {
    return migrations.stream().map(Migration::file).collect(joining(", then "));
  }
}
