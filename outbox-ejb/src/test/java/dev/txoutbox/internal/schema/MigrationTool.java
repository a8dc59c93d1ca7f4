package dev.txoutbox.internal.schema;

import dev.txoutbox.internal.schema.ScratchDatabase.Scratch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Flyway and Liquibase, configured as the README's Server setup tells a user to. */
enum MigrationTool {
  /**
   * Its own history table beside the application's, and a baseline at 0, so that it runs on a
   * schema that already holds the application's tables.
   */
  FLYWAY {
    @Override
    void migrate(Scratch db, String directory, int target) {
      flyway(db, directory, target).migrate();
    }

    @Override
    List<String> applied(Scratch db, String directory) {
      return Arrays.stream(flyway(db, directory, LATEST).info().applied())
          .filter(m -> m.getType().isSynthetic() == false)
          .map(MigrationInfo::getVersion)
          .map(Object::toString)
          .toList();
    }

    @Override
    List<String> pending(Scratch db, String directory) {
      return Arrays.stream(flyway(db, directory, LATEST).info().pending())
          .map(m -> m.getVersion().toString())
          .toList();
    }

    @Override
    void migrateInto(Scratch db, String directory, String schema) {
      Flyway.configure()
          .dataSource(db.url(), db.user(), db.password())
          .locations("classpath:" + Migrations.ROOT + directory)
          .table("txoutbox_schema_history")
          .schemas(schema)
          .defaultSchema(schema)
          .load()
          .migrate();
    }

    private Flyway flyway(Scratch db, String directory, int target) {
      return Flyway.configure()
          .dataSource(db.url(), db.user(), db.password())
          .locations("classpath:" + Migrations.ROOT + directory)
          .table("txoutbox_schema_history")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .target(target == LATEST ? "latest" : String.valueOf(target))
          .load();
    }
  },
  /** The shipped changelog.xml, which includes the database's V files in order. */
  LIQUIBASE {
    @Override
    void migrate(Scratch db, String directory, int target) throws SQLException {
      try (Connection c = db.connect()) {
        Database database =
            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        CommandScope update =
            target == LATEST
                ? new CommandScope("update")
                : new CommandScope("updateCount").addArgumentValue("count", target);
        update
            .addArgumentValue("database", database)
            .addArgumentValue("changelogFile", changelog(directory))
            .execute();
        c.commit(); // Derby refuses to close a connection in a transaction
      } catch (LiquibaseException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void migrateInto(Scratch db, String directory, String schema) throws SQLException {
      try (Connection c = db.connect()) {
        Database database =
            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        database.setDefaultSchemaName(schema);
        // Liquibase switches PostgreSQL's search_path to its default schema, but runs formatted
        // SQL elsewhere in the connection's own: the README says to connect to it there
        if (directory.equals("mariadb")) {
          c.setCatalog(schema); // as a JDBC URL that names it as the database
        } else if (!directory.equals("postgresql")) {
          try (Statement s = c.createStatement()) {
            s.execute("SET SCHEMA " + schema);
          }
        }
        new CommandScope("update")
            .addArgumentValue("database", database)
            .addArgumentValue("changelogFile", changelog(directory))
            .execute();
        c.commit();
      } catch (LiquibaseException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    @SuppressWarnings("deprecation") // the status command prints; this answers
    List<String> pending(Scratch db, String directory) throws SQLException {
      try (Connection c = db.connect()) {
        Database database =
            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        List<String> ids =
            new Liquibase(changelog(directory), new ClassLoaderResourceAccessor(), database)
                .listUnrunChangeSets(new Contexts(), new LabelExpression()).stream()
                    .map(ChangeSet::getId)
                    .toList();
        c.commit();
        return ids;
      } catch (LiquibaseException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String changelog(String directory) {
      return Migrations.ROOT + directory + "/changelog.xml";
    }

    @Override
    List<String> applied(Scratch db, String directory) throws SQLException {
      List<String> ids = new ArrayList<>();
      try (Connection c = db.connect();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT id FROM DATABASECHANGELOG WHERE author = 'txoutbox'"
                      + " ORDER BY orderexecuted");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    }
  };

  static final int LATEST = Integer.MAX_VALUE;

  /** Applies the shipped migrations of {@code directory} up to version {@code target}. */
  abstract void migrate(Scratch db, String directory, int target) throws SQLException;

  /**
   * Applies every shipped migration of {@code directory} in {@code schema}, which exists (Flyway
   * creates it otherwise): Flyway's {@code schemas} and {@code defaultSchema}, Liquibase's {@code
   * defaultSchemaName}, as the README's "Your own schema" tells a user to.
   */
  abstract void migrateInto(Scratch db, String directory, String schema) throws SQLException;

  /** The versions the tool would apply next, in order: none when it finds the schema up to date. */
  abstract List<String> pending(Scratch db, String directory) throws SQLException;

  /** The versions the tool's history records as applied, in order. */
  abstract List<String> applied(Scratch db, String directory) throws SQLException;
}
