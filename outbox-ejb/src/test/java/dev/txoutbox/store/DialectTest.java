package dev.txoutbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void knownDatabasesHaveTheirDialect() throws SQLException {
    assertThat(Dialect.of(metaData("Apache Derby", "10.16.1.1", 10, 16))).isEqualTo(Dialect.DERBY);
    assertThat(Dialect.of(metaData("PostgreSQL", "15.20", 15, 20))).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of(metaData("MariaDB", "10.11.19-MariaDB", 10, 11)))
        .isEqualTo(Dialect.MARIADB);
    // older MariaDB drivers call the server MySQL
    assertThat(Dialect.of(metaData("MySQL", "10.6.4-MariaDB", 10, 6))).isEqualTo(Dialect.MARIADB);
  }

  @Test
  void mariaDbWithoutSkipLockedIsRefusedWithTheVersionItNeeds() {
    assertThatThrownBy(() -> Dialect.of(metaData("MariaDB", "10.5.21-MariaDB", 10, 5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("10.5.21-MariaDB is too old")
        .hasMessageContaining("10.6 or newer");
  }

  @Test
  void otherDatabasesAreRefusedNamingTheSupportedOnes() {
    assertThatThrownBy(() -> Dialect.of(metaData("Oracle", "19.0", 19, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Oracle' is not supported")
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void everyDialectShipsItsDdl() {
    for (Dialect dialect : Dialect.values()) {
      Migrations migrations = dialect.migrations();
      for (Migration migration : migrations.all()) {
        String script = migrations.resource(migration);
        assertThat(getClass().getClassLoader().getResource(script)).as(script).isNotNull();
      }
    }
  }

  private static DatabaseMetaData metaData(String product, String version, int major, int minor) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            DialectTest.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getDatabaseProductName" -> product;
                  case "getDatabaseProductVersion" -> version;
                  case "getDatabaseMajorVersion" -> major;
                  case "getDatabaseMinorVersion" -> minor;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
