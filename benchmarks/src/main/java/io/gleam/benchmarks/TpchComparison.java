package io.gleam.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TPC-H on the same CSV files: Gleam against DuckDB over the files, Gleam's managed in-memory tables against
 * DuckDB's native tables, and Gleam against Calcite's Enumerable engine; prints a markdown table of median seconds
 * and ratios per query, with geometric means.
 *
 * <p>Protocol, per query: every in-process engine runs it once untimed (the JIT warm-up and the answer check:
 * every answer must match DuckDB-over-CSV's, numbers within rounding), then {@code --runs} timed runs, the engines
 * interleaved and their order rotated from run to run, each run after a {@code System.gc()} and timed from
 * {@code executeQuery} to the last row read. Calcite runs afterwards in a child JVM (see {@link CalciteContender}).
 * Every engine gets the same cores: Gleam one partition per core, DuckDB {@code SET threads} to the core count.
 *
 * <p>{@code TpchComparison --sf 1 [--runs 3] [--cache DIR] [--queries DIR] [--only q01,q05]
 * [--engines gleam-csv,duckdb-csv,gleam-memory,duckdb-native,calcite] [--limit 600] [--calcite-limit 600]
 * [--calcite-runs 1] [--calcite-heap 6g] [--work DIR]}
 */
public final class TpchComparison {
  static final String GLEAM_CSV = "gleam-csv";
  static final String DUCKDB_CSV = "duckdb-csv";
  static final String GLEAM_MEMORY = "gleam-memory";
  static final String DUCKDB_NATIVE = "duckdb-native";
  static final String CALCITE = "calcite";
  static final List<String> ALL_ENGINES = List.of(GLEAM_CSV, DUCKDB_CSV, GLEAM_MEMORY, DUCKDB_NATIVE, CALCITE);

  /** One engine's result for one query. */
  static final class Result {
    final List<Double> seconds = new ArrayList<>();
    String status = "ok";  // ok, WRONG, error, > limit
    String detail = "";

    boolean timed() {
      return !seconds.isEmpty() && (status.equals("ok") || status.equals("WRONG"));
    }

    double median() {
      double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
  }

  private static final String USAGE = "usage: TpchComparison --sf SF [--runs 3] [--cache DIR] [--queries DIR] "
      + "[--only q01,q05] [--engines " + String.join(",", ALL_ENGINES) + "] [--limit SECONDS] "
      + "[--calcite-limit SECONDS] [--calcite-runs 1] [--calcite-heap 6g] [--work DIR]";

  public static void main(String[] args) throws Exception {
    CommandLine cli;
    double sf;
    int runs;
    List<String> engines;
    List<String> names;
    try {
      cli = CommandLine.parse(args, Set.of("sf", "runs", "cache", "queries", "only", "engines", "limit",
          "calcite-limit", "calcite-runs", "calcite-heap", "work"));
      sf = cli.doubleValue("sf", 0.1);
      runs = (int) cli.longValue("runs", 3);
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
      }
      engines = Arrays.stream(cli.value("engines", String.join(",", ALL_ENGINES)).split(",")).map(String::trim)
          .toList();
      for (String e : engines) {
        if (!ALL_ENGINES.contains(e)) {
          throw new IllegalArgumentException("unknown engine '" + e + "'; known: " + ALL_ENGINES);
        }
      }
      names = cli.value("only", "").isEmpty() ? TpchQueryTexts.allNames()
          : Arrays.stream(cli.value("only", "").split(",")).map(String::trim).toList();
    } catch (IllegalArgumentException e) {
      System.err.println("TpchComparison: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Path cache = Path.of(cli.value("cache", "benchmarks/target/tpch-csv")).toAbsolutePath();
    Path queryDir = Path.of(cli.value("queries", "sql-frontend/src/test/resources/tpch")).toAbsolutePath();
    Path work = Path.of(cli.value("work", "benchmarks/target/tpch-out")).toAbsolutePath();
    Files.createDirectories(work);
    double limit = cli.doubleValue("limit", 600);
    double calciteLimit = cli.doubleValue("calcite-limit", 600);
    int calciteRuns = (int) cli.longValue("calcite-runs", 1);
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, String> texts = TpchQueryTexts.read(queryDir, names);

    System.out.printf(Locale.ROOT, "TPC-H SF %s, %s, load average at start %s%n", TpchCsvFiles.scaleFactorText(sf),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage());
    System.out.printf(Locale.ROOT, "JVM: Java %s, %d available processors, max heap %d MiB, flags %s%n",
        Runtime.version(), cores, Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    TpchCsvFiles files = TpchCsvFiles.ensure(cache, sf);
    long bytes = 0;
    for (String table : TpchCsvFiles.TABLES) {
      for (Path part : files.parts(table)) {
        bytes += Files.size(part);
      }
    }
    System.out.printf(Locale.ROOT, "CSV files: %s (%,d bytes)%n", files.directory(), bytes);
    System.out.printf(Locale.ROOT, "Engines: %s; %d timed runs per query after one untimed check run; "
        + "in-process limit %.0f s per run; DuckDB threads = %d%n", engines, runs, limit, cores);

    Map<String, Map<String, Result>> results = new LinkedHashMap<>();
    for (String name : names) {
      results.put(name, new LinkedHashMap<>());
    }
    Map<String, List<List<Object>>> reference = new LinkedHashMap<>();
    List<String> inProcess = engines.stream().filter(e -> !e.equals(CALCITE)).toList();
    Map<String, SqlContender> contenders = new LinkedHashMap<>();
    try {
      for (String id : inProcess) {
        long start = System.nanoTime();
        contenders.put(id, open(id, files, cores));
        System.err.printf(Locale.ROOT, "%-14s set up in %.1f s%n", id, (System.nanoTime() - start) / 1e9);
      }
      String referenceId = contenders.containsKey(DUCKDB_CSV) ? DUCKDB_CSV
          : contenders.containsKey(DUCKDB_NATIVE) ? DUCKDB_NATIVE : null;
      List<String> order = referenceId == null ? List.copyOf(contenders.keySet()) : referenceFirst(contenders.keySet(),
          referenceId);
      for (String name : names) {
        String sql = texts.get(name);
        Map<String, Result> byEngine = results.get(name);
        for (String id : order) {
          Result r = new Result();
          byEngine.put(id, r);
          try {
            long start = System.nanoTime();
            List<List<Object>> rows = contenders.get(id).query(name, sql, limit);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (id.equals(referenceId)) {
              reference.put(name, rows);
            } else if (reference.containsKey(name)) {
              check(r, rows, reference.get(name), sql, 0.5);
            }
            System.err.printf(Locale.ROOT, "%s %-14s check run %.2f s, %d rows, %s%s%n", name, id, seconds,
                rows.size(), r.status, r.detail.isEmpty() ? "" : ": " + r.detail);
          } catch (SqlContender.QueryTimeoutException e) {
            r.status = "> limit";
            System.err.printf(Locale.ROOT, "%s %-14s check run over the limit of %.0f s%n", name, id, limit);
          } catch (Exception e) {
            r.status = "error";
            r.detail = rootCause(e);
            System.err.printf(Locale.ROOT, "%s %-14s failed: %s%n", name, id, r.detail);
          }
        }
        for (int run = 0; run < runs; run++) {
          for (int k = 0; k < order.size(); k++) {
            String id = order.get((k + run) % order.size());
            Result r = byEngine.get(id);
            if (!r.status.equals("ok") && !r.status.equals("WRONG")) {
              continue;
            }
            System.gc();
            try {
              long start = System.nanoTime();
              contenders.get(id).query(name, sql, limit);
              r.seconds.add((System.nanoTime() - start) / 1e9);
            } catch (SqlContender.QueryTimeoutException e) {
              r.status = "> limit";
            } catch (Exception e) {
              r.status = "error";
              r.detail = rootCause(e);
            }
          }
        }
        StringBuilder line = new StringBuilder(name);
        byEngine.forEach((id, r) -> line.append(String.format(Locale.ROOT, "  %s %s", id,
            r.timed() ? String.format(Locale.ROOT, "%.3f s", r.median()) : r.status)));
        System.err.println(line);
      }
    } finally {
      for (SqlContender c : contenders.values()) {
        c.close();
      }
    }

    String calciteDescription = "";
    if (engines.contains(CALCITE)) {
      CalciteContender calcite = new CalciteContender(files.directory(), queryDir, calciteRuns, calciteLimit,
          cli.value("calcite-heap", "6g"), work.resolve("calcite-stderr.log"));
      calciteDescription = calcite.describe();
      calcite.runAll(names, (name, outcome) -> {
        Result r = new Result();
        r.seconds.addAll(outcome.seconds());
        if (outcome.overLimit()) {
          r.status = "> limit";
        } else if (outcome.error().isPresent()) {
          r.status = "error";
          r.detail = outcome.error().get();
        } else if (reference.containsKey(name)) {
          // Calcite's AVG of a DECIMAL(15,2) is a DECIMAL(15,2), truncated: one unit in the last place.
          check(r, outcome.rows().orElseThrow(), reference.get(name), texts.get(name), 1.0);
        }
        results.get(name).put(CALCITE, r);
        System.err.printf(Locale.ROOT, "%s %-14s %s%s%n", name, CALCITE,
            r.timed() ? String.format(Locale.ROOT, "%.2f s ", r.median()) : "", r.status + (r.detail.isEmpty() ? ""
                : ": " + r.detail));
      });
    }

    System.out.printf(Locale.ROOT, "Finished %s, load average at the end %s%n%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage());
    System.out.print(TpchTable.render(results, calciteLimit));
    System.out.println();
    System.out.println("Seconds are medians of the timed runs. Gleam/DuckDB = Gleam's median / DuckDB's (above 1: "
        + "Gleam is slower). Calcite/Gleam = Calcite's time / Gleam-over-CSV's (how many times faster Gleam is). "
        + "Geomeans are over the queries where both sides have a time.");
    if (!calciteDescription.isEmpty()) {
      System.out.println(calciteDescription + "; its first run includes the JIT warm-up of a new JVM.");
    }
    System.out.println();
    System.out.print(TpchTable.renderRuns(results));
    List<String> problems = new ArrayList<>();
    results.forEach((name, byEngine) -> byEngine.forEach((id, r) -> {
      if (!r.status.equals("ok")) {
        problems.add(name + " " + id + ": " + r.status + (r.detail.isEmpty() ? "" : " (" + r.detail + ")"));
      }
    }));
    System.out.println();
    System.out.println(problems.isEmpty() ? "Every answer matched DuckDB's." : "Not ok:\n  "
        + String.join("\n  ", problems));
  }

  private static List<String> referenceFirst(Set<String> ids, String referenceId) {
    List<String> order = new ArrayList<>();
    order.add(referenceId);
    ids.stream().filter(id -> !id.equals(referenceId)).forEach(order::add);
    return order;
  }

  private static void check(Result r, List<List<Object>> rows, List<List<Object>> expected, String sql,
      double lastPlaceUnits) {
    Optional<String> diff = AnswerCheck.difference(rows, expected, TpchQueryTexts.ordered(sql), lastPlaceUnits);
    if (diff.isPresent()) {
      r.status = "WRONG";
      r.detail = diff.get();
    }
  }

  private static SqlContender open(String id, TpchCsvFiles files, int cores) throws Exception {
    switch (id) {
      case GLEAM_CSV:
        return JdbcContender.gleamCsv(files);
      case GLEAM_MEMORY:
        return JdbcContender.gleamMemory(files);
      case DUCKDB_CSV:
        return JdbcContender.duckDbCsv(files, cores);
      case DUCKDB_NATIVE:
        return JdbcContender.duckDbNative(files, cores);
      default:
        throw new IllegalArgumentException("not an in-process engine: " + id);
    }
  }

  /** The message of the innermost cause (a JDBC driver wraps the engine's error with the whole query text). */
  static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return (t.getClass().getSimpleName() + ": " + t.getMessage()).replace('\n', ' ');
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
