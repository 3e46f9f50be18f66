package io.gleam.benchmarks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Runs TPC-H queries on Calcite's own engine (the default planner, Enumerable convention) over the CSV files, in a
 * process of its own so that {@link CalciteContender} can stop a query that runs past its limit by ending the
 * process. Tables are {@link CalciteCsvTable}s in schema {@code tpch}; identifiers follow {@code lex=JAVA}
 * (case-sensitive, back-ticks), as the lower-case TPC-H text needs. {@code --csv} holds a directory of part
 * files per table.
 *
 * <p>{@code CalciteQueryRunner --csv DIR --queries DIR --names q01,q02 [--runs 1]} prints, per query, the lines
 * {@code START q01}, one {@code TIME q01 SECONDS} per run, the rows of the first run as {@code ROW} lines (values
 * tab-separated: {@code \N} for NULL, {@code #} before a number, {@code '} before any other value's text), and
 * {@code DONE q01}; or {@code ERROR q01 MESSAGE}.
 */
public final class CalciteQueryRunner {
  private CalciteQueryRunner() {}

  static Connection connect(Path csvDir) throws Exception {
    Class.forName("org.apache.calcite.jdbc.Driver");
    Properties info = new Properties();
    info.setProperty("lex", "JAVA");
    Connection connection = DriverManager.getConnection("jdbc:calcite:", info);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    Map<String, Table> tables = new HashMap<>();
    for (String table : TpchCsvFiles.TABLES) {
      tables.put(table, new CalciteCsvTable(partFiles(csvDir.resolve(table)), TpchCsvFiles.schema(table)));
    }
    SchemaPlus root = calcite.getRootSchema();
    root.add("tpch", new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    });
    calcite.setSchema("tpch");
    return connection;
  }

  /** The {@code .csv} files of a table's directory, in name order. */
  static List<Path> partFiles(Path tableDir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tableDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
  }

  static List<List<Object>> run(Connection connection, String sql) throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The text of a value on a {@code ROW} line. */
  static String encode(Object value) {
    if (value == null) {
      return "\\N";
    } else if (value instanceof BigDecimal d) {
      return "#" + d.toPlainString();
    } else if (value instanceof Number) {
      return "#" + value;
    }
    return "'" + value.toString().replace('\t', ' ').replace('\n', ' ');
  }

  /** A value of a {@code ROW} line back: a {@code BigDecimal} for a number, a {@code String} otherwise. */
  static Object decode(String text) {
    if (text.equals("\\N")) {
      return null;
    } else if (text.startsWith("#")) {
      return new BigDecimal(text.substring(1));
    }
    return text.substring(1);
  }

  public static void main(String[] args) throws Exception {
    CommandLine cli = CommandLine.parse(args, Set.of("csv", "queries", "names", "runs"));
    Path csv = Path.of(cli.required("csv"));
    List<String> names = Arrays.asList(cli.required("names").split(","));
    Map<String, String> texts = TpchQueryTexts.read(Path.of(cli.required("queries")), names);
    int runs = (int) cli.longValue("runs", 1);
    PrintStream out = System.out;
    try (Connection connection = connect(csv)) {
      for (String name : names) {
        out.println("START " + name);
        out.flush();
        try {
          List<List<Object>> first = null;
          for (int r = 0; r < runs; r++) {
            System.gc();
            long start = System.nanoTime();
            List<List<Object>> rows = run(connection, texts.get(name));
            out.printf(Locale.ROOT, "TIME %s %.6f%n", name, (System.nanoTime() - start) / 1e9);
            out.flush();
            if (first == null) {
              first = rows;
            }
          }
          for (List<Object> row : first) {
            StringBuilder line = new StringBuilder("ROW");
            for (Object v : row) {
              line.append('\t').append(encode(v));
            }
            out.println(line);
          }
          out.println("DONE " + name);
        } catch (Exception | OutOfMemoryError e) {
          out.println("ERROR " + name + " " + String.valueOf(e).replace('\n', ' '));
        }
        out.flush();
      }
    }
  }
}
