package dev.txoutbox.internal.schema;

/**
 * What the startup check reads of the database's catalog: whether the outbox tables, their columns
 * and their indexes exist, in the connection's own catalog and schema. A port, so that {@link
 * Migrations} decides the schema version without a database in its tests.
 */
interface Catalog {

  boolean hasTable(String table);

  boolean hasColumn(String table, String column);

  boolean hasIndex(String table, String index);

  /** Whether the column is a timestamp with time zone. */
  boolean hasTimeZone(String table, String column);
}
