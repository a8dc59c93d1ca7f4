package dev.txoutbox.internal.schema;

import java.util.List;

/**
 * One shipped migration file of a database: {@code V<version>__<name>.sql}, a Flyway migration and
 * a Liquibase changeset {@code txoutbox:<version>} at once, never edited once shipped. Its traits
 * are what the tables have once it ran, so that the startup check can tell a schema's version
 * without the migration tools' history tables. {@code required}: this release's code fails on a
 * schema without it; otherwise the code runs on the older schema, only less well.
 */
record Migration(int version, String name, String why, boolean required, List<Trait> traits) {

  /** A migration this release's code needs; its traits follow ({@link #recognizedBy}). */
  static Migration required(int version, String name, String why) {
    return new Migration(version, name, why, true, List.of());
  }

  /** A migration this release's code runs without, only less well. */
  static Migration optional(int version, String name, String why) {
    return new Migration(version, name, why, false, List.of());
  }

  /** This migration, told by these traits. */
  Migration recognizedBy(Trait... traits) {
    return new Migration(version, name, why, required, List.of(traits));
  }

  String file() {
    return "V" + version + "__" + name + ".sql";
  }

  boolean appliedTo(Catalog catalog) {
    return traits.stream().allMatch(trait -> trait.holds(catalog));
  }

  List<Trait> lackingIn(Catalog catalog) {
    return traits.stream().filter(trait -> !trait.holds(catalog)).toList();
  }

  /** Something a migration leaves in the schema that its predecessors do not. */
  sealed interface Trait {
    boolean holds(Catalog catalog);
  }

  record Table(String table) implements Trait {
    @Override
    public boolean holds(Catalog catalog) {
      return catalog.hasTable(table);
    }

    @Override
    public String toString() {
      return "table " + table;
    }
  }

  record Column(String table, String column) implements Trait {
    @Override
    public boolean holds(Catalog catalog) {
      return catalog.hasColumn(table, column);
    }

    @Override
    public String toString() {
      return "column " + table + "." + column;
    }
  }

  /** A time column without time zone (a column that does not exist does not hold). */
  record NoTimeZone(String table, String column) implements Trait {
    @Override
    public boolean holds(Catalog catalog) {
      return catalog.hasColumn(table, column) && !catalog.hasTimeZone(table, column);
    }

    @Override
    public String toString() {
      return "column " + table + "." + column + " without time zone";
    }
  }

  /** An index that the migration drops. */
  record NoIndex(String table, String index) implements Trait {
    @Override
    public boolean holds(Catalog catalog) {
      return !catalog.hasIndex(table, index);
    }

    @Override
    public String toString() {
      return "no index " + index + " on " + table;
    }
  }
}
