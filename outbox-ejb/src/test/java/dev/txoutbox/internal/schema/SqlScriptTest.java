package dev.txoutbox.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txoutbox.internal.schema.ScratchDatabase.Scratch;
import dev.txoutbox.internal.store.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import liquibase.util.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsAndDropsComments() {
    assertThat(
            SqlScript.statements(
                "--liquibase formatted sql\n--changeset txoutbox:1\n-- a; comment\n"
                    + "CREATE TABLE t (a INT); /* b; */ CREATE INDEX i ON t (a) ;\n\n"))
        .containsExactly("CREATE TABLE t (a INT)", "CREATE INDEX i ON t (a)");
  }

  @Test
  void keepsSemicolonsInStringLiteralsAndQuotedNames() {
    assertThat(
            SqlScript.statements(
                "INSERT INTO t VALUES ('a;b', 'it''s; -- not a comment');"
                    + "CREATE TABLE \"x;y\" (`c;d` INT)"))
        .containsExactly(
            "INSERT INTO t VALUES ('a;b', 'it''s; -- not a comment')",
            "CREATE TABLE \"x;y\" (`c;d` INT)");
  }

  @Test
  void keepsDollarQuotedBodiesWhole() {
    String function =
        "CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  PERFORM 1; -- one\n"
            + "  RAISE NOTICE $$a;b$$;\n  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql";
    assertThat(SqlScript.statements(function + ";\nSELECT $$;$$;"))
        .containsExactly(function, "SELECT $$;$$");
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    assertThat(SqlScript.statements("PREPARE p AS SELECT $1; SELECT 2"))
        .containsExactly("PREPARE p AS SELECT $1", "SELECT 2");
  }

  @Test
  void commentsDoNotJoinTheWordsAroundThem() {
    assertThat(SqlScript.statements("SELECT a--x\nFROM t;SELECT/*y*/b FROM t\r\n;"))
        .containsExactly("SELECT a\nFROM t", "SELECT b FROM t");
  }

  @Test
  void anUnterminatedQuoteRunsToTheEnd() {
    assertThat(SqlScript.statements("SELECT 'a; b")).containsExactly("SELECT 'a; b");
  }

  static Stream<String> shippedFiles() {
    return Migrations.DATABASES.stream()
        .flatMap(db -> Migrations.of(db).all().stream().map(m -> db + "/" + m.file()));
  }

  @ParameterizedTest
  @MethodSource("shippedFiles")
  void shippedFileSplitsAsLiquibaseSplitsIt(String file) {
    String text = ShippedMigrationsTest.read(file);

    List<String> ours = SqlScript.statements(text);

    List<String> liquibase =
        Arrays.stream(StringUtil.processMultiLineSQL(text, true, true, ";"))
            .map(SqlScriptTest::oneLine)
            .filter(s -> !s.isEmpty())
            .toList();
    assertThat(ours).map(SqlScriptTest::oneLine).isEqualTo(liquibase);
    assertThat(ours)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s).doesNotContain("--").doesNotEndWith(";"));
  }

  static Stream<ScratchDatabase> databases() {
    return ScratchDatabase.tested();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void shippedMigrationsRunStatementByStatementOnAnEmptyDatabase(ScratchDatabase db)
      throws SQLException {
    Migrations migrations = Migrations.of(db.directory);
    try (Scratch scratch = db.create();
        Connection c = scratch.connect();
        Statement statement = c.createStatement()) {
      for (Migration migration : migrations.all()) {
        for (String sql : Schema.statements(migrations.resource(migration))) {
          statement.execute(sql);
        }
      }

      assertThat(migrations.versionOf(new JdbcCatalog(c, Tables.DEFAULT)))
          .isEqualTo(migrations.latest());
    }
  }

  private static String oneLine(String sql) {
    return sql.replaceAll("\\s+", " ").strip();
  }
}
