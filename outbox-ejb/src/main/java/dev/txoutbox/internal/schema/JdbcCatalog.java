package dev.txoutbox.internal.schema;

import dev.txoutbox.internal.store.Tables;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * The {@link Catalog} of a JDBC connection, read through {@link DatabaseMetaData} in the schema of
 * {@code tables} (the connection's own catalog and schema when none is configured), not another
 * schema's or database's table of the same name. Names are looked up as written and in upper case:
 * Derby and H2 store unquoted names in upper case, and PostgreSQL in lower case. Where schemas are
 * catalogs (MariaDB), the configured schema is looked up as the catalog.
 */
record JdbcCatalog(Connection connection, Tables tables) implements Catalog {

  @Override
  public boolean hasTable(String table) {
    return any(
        table, name -> metaData().getTables(catalog(), schema(), name, new String[] {"TABLE"}));
  }

  @Override
  public boolean hasColumn(String table, String column) {
    return any(
        table,
        name ->
            metaData()
                .getColumns(
                    catalog(),
                    schema(),
                    name,
                    name.equals(table) ? column : column.toUpperCase(Locale.ROOT)));
  }

  @Override
  public boolean hasTimeZone(String table, String column) {
    for (String name : names(table)) {
      String columnName = name.equals(table) ? column : column.toUpperCase(Locale.ROOT);
      try (ResultSet columns = metaData().getColumns(catalog(), schema(), name, columnName)) {
        if (columns.next()) {
          return columns.getInt("DATA_TYPE") == Types.TIMESTAMP_WITH_TIMEZONE;
        }
      } catch (SQLException e) {
        throw unreadable(e);
      }
    }
    return false;
  }

  @Override
  public boolean hasIndex(String table, String index) {
    if (!hasSchema()) {
      return false;
    }
    for (String name : names(table)) {
      try (ResultSet indexes = metaData().getIndexInfo(catalog(), schema(), name, false, true)) {
        while (indexes.next()) {
          if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            return true;
          }
        }
      } catch (SQLException e) {
        throw unreadable(e);
      }
    }
    return false;
  }

  private interface Query {
    ResultSet run(String table) throws SQLException;
  }

  private boolean any(String table, Query query) {
    if (!hasSchema()) {
      return false;
    }
    for (String name : names(table)) {
      try (ResultSet rows = query.run(name)) {
        if (rows.next()) {
          return true;
        }
      } catch (SQLException e) {
        throw unreadable(e);
      }
    }
    return false;
  }

  private static String[] names(String table) {
    return new String[] {table.toUpperCase(Locale.ROOT), table};
  }

  private DatabaseMetaData metaData() throws SQLException {
    return connection.getMetaData();
  }

  private String catalog() throws SQLException {
    if (tables.schema().isPresent() && !schemasInTables()) {
      return found(tables.schema().get(), metaData().getCatalogs());
    }
    return connection.getCatalog();
  }

  private String schema() throws SQLException {
    if (tables.schema().isPresent()) {
      return schemasInTables() ? found(tables.schema().get(), metaData().getSchemas()) : null;
    }
    return connection.getSchema();
  }

  /** Whether the database qualifies tables by schema (else by catalog, as MariaDB does). */
  private boolean schemasInTables() throws SQLException {
    return metaData().supportsSchemasInTableDefinitions();
  }

  /**
   * Whether the configured schema exists (as a catalog, where schemas are catalogs); true without
   * one. Without it, a lookup would not be restricted to it.
   */
  boolean hasSchema() {
    if (tables.schema().isEmpty()) {
      return true;
    }
    try {
      return (schemasInTables() ? schema() : catalog()) != null;
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  /**
   * The stored spelling of {@code name} among the names in the first column of {@code names}: as
   * written, else in another case (unquoted names are folded); null when there is none.
   */
  private static String found(String name, ResultSet names) throws SQLException {
    try (names) {
      String other = null;
      while (names.next()) {
        String stored = names.getString(1);
        if (stored.equals(name)) {
          return stored;
        }
        if (stored.equalsIgnoreCase(name)) {
          other = stored;
        }
      }
      return other;
    }
  }

  private static IllegalStateException unreadable(SQLException e) {
    return new IllegalStateException("txoutbox: cannot read the database's catalog: " + e, e);
  }
}
