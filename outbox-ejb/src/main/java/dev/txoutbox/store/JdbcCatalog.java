package dev.txoutbox.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * The {@link Catalog} of a JDBC connection, read through {@link DatabaseMetaData} in the
 * connection's catalog and schema (not another database's table of the same name). Names are looked
 * up as written and in upper case: Derby and H2 store unquoted names in upper case.
 */
record JdbcCatalog(Connection connection) implements Catalog {

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

  private static boolean any(String table, Query query) {
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
    return connection.getCatalog();
  }

  private String schema() throws SQLException {
    return connection.getSchema();
  }

  private static IllegalStateException unreadable(SQLException e) {
    return new IllegalStateException("txoutbox: cannot read the database's catalog: " + e, e);
  }
}
