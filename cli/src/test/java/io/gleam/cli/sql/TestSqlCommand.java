package io.gleam.cli.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.cli.UsageException;
import io.gleam.jdbc.Driver;
import io.gleam.planner.Row;
import io.gleam.sql.engine.StatementResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSqlCommand {
  private static final String QUERY = "SELECT id, name, price, day FROM t";

  @TempDir
  Path dir;

  private final List<Optional<Path>> opened = new ArrayList<>();
  private final FakeSqlSession session = new FakeSqlSession()
      .answer(QUERY, StatementResult.rows(new Schema(List.of(
          field("id", new ArrowType.Int(64, true)), field("name", ArrowType.Utf8.INSTANCE),
          field("price", new ArrowType.Decimal(8, 2, 128)), field("day", new ArrowType.Date(DateUnit.DAY)))),
          List.of(Row.of(1L, "plain", new BigDecimal("3.5"), LocalDate.of(2024, 1, 2)),
              Row.of(20L, "a, \"quoted\"\ttab", new BigDecimal("-10.25"), null))))
      .answer("CREATE TABLE t (x INT)", StatementResult.update(-1, "created table t"))
      .answer("INSERT INTO t VALUES (1)", StatementResult.update(1, "inserted 1 row"));
  private final SqlCommand command = new SqlCommand(Driver.withSessionFactory(d -> {
    opened.add(d);
    return session;
  }));

  private record Result(int code, String out, String err) {}

  private Result sql(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Field field(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  @Test
  void tableIsTheDefault() {
    Result r = sql("--memory", "-e", QUERY);
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        +----+-----------------+--------+------------+
        | id | name            | price  | day        |
        +----+-----------------+--------+------------+
        |  1 | plain           |   3.50 | 2024-01-02 |
        | 20 | a, "quoted"\ttab | -10.25 | NULL       |
        +----+-----------------+--------+------------+
        (2 rows)
        """, r.out());
    assertEquals(List.of(Optional.empty()), opened);
  }

  @Test
  void csv() {
    Result r = sql("--memory", "--format", "csv", "-e", QUERY);
    assertEquals(0, r.code(), r.err());
    assertEquals("id,name,price,day\n1,plain,3.50,2024-01-02\n20,\"a, \"\"quoted\"\"\ttab\",-10.25,\n", r.out());
  }

  @Test
  void tsv() {
    Result r = sql("--memory", "--format", "tsv", "-e", QUERY);
    assertEquals(0, r.code(), r.err());
    assertEquals("id\tname\tprice\tday\n1\tplain\t3.50\t2024-01-02\n20\ta, \"quoted\"\\ttab\t-10.25\t\\N\n",
        r.out());
  }

  @Test
  void json() {
    Result r = sql("--memory", "--format", "json", "-e", QUERY);
    assertEquals(0, r.code(), r.err());
    assertEquals("[{\"id\":1,\"name\":\"plain\",\"price\":3.50,\"day\":\"2024-01-02\"},\n"
        + "{\"id\":20,\"name\":\"a, \\\"quoted\\\"\\ttab\",\"price\":-10.25,\"day\":null}]\n", r.out());
  }

  @Test
  void scriptFileRunsEveryStatementInTheCatalogDirectory() throws Exception {
    session.answer("-- make a table\nCREATE TABLE t (x INT)", StatementResult.update(-1, "created table t"));
    Path script = dir.resolve("setup.sql");
    Files.writeString(script, "-- make a table\nCREATE TABLE t (x INT);\nINSERT INTO t VALUES (1);\n"
        + "SELECT id, name, price, day FROM t;\n");
    Path catalog = dir.resolve("catalog");
    Result r = sql("--catalog", catalog.toString(), "-f", script.toString(), "--format", "csv");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("-- make a table\nCREATE TABLE t (x INT)", "INSERT INTO t VALUES (1)", QUERY),
        session.executed());
    assertEquals(List.of(Optional.of(catalog)), opened);
    assertEquals(true, Files.isDirectory(catalog));
  }

  @Test
  void updatesPrintTheirCountInTables() {
    Result r = sql("--memory", "-e", "CREATE TABLE t (x INT); INSERT INTO t VALUES (1)");
    assertEquals(0, r.code(), r.err());
    assertEquals("OK\n1 row affected\n", r.out());
  }

  @Test
  void errorPrintsTheEngineMessageAndStops() {
    Result r = sql("--memory", "-e", "SELECT * FROM nope; " + QUERY);
    assertEquals(1, r.code());
    assertEquals("gleam: Object 'nope' not found\n", r.err());
    assertEquals("", r.out());
    assertEquals(List.of("SELECT * FROM nope"), session.executed());
  }

  @Test
  void realEngineRunsAQuery() {
    Result r = realSql("--memory", "--format", "csv", "-e", "SELECT 1 + 1 AS two; VALUES ('a')");
    assertEquals(0, r.code(), r.err());
    assertEquals("two\n2\nEXPR$0\na\n", r.out());
  }

  private Result realSql(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SqlCommand.main(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void consoleRunsStatementsFromItsInput() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String saved = System.getProperty("user.home");
    System.setProperty("user.home", dir.toString());
    int code;
    try {
      code = SqlCommand.main(new String[] {"--memory"},
          new ByteArrayInputStream("VALUES 42;\n!quit\n".getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setProperty("user.home", saved);
    }
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("| 42 "), printed);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThrows(UsageException.class, () -> sql("--format", "xml", "-e", "x"));
    assertThrows(UsageException.class, () -> sql("--memory", "--catalog", "d", "-e", "x"));
    assertThrows(UsageException.class, () -> sql("-e"));
  }

  @Test
  void splitsStatementsOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT ';' AS a", "SELECT 2 -- ; not here", "/* ; */ SELECT 3"),
        StatementSplitter.split("SELECT ';' AS a; SELECT 2 -- ; not here\n; /* ; */ SELECT 3;; -- only a comment"));
  }
}
