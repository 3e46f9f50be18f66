package io.gleam.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** Renders {@link TpchComparison}'s results as markdown: the medians and ratios per query, and every run. */
final class TpchTable {
  private TpchTable() {}

  static String render(Map<String, Map<String, TpchComparison.Result>> results, double calciteLimit) {
    StringBuilder s = new StringBuilder();
    s.append("| query | Gleam CSV s | DuckDB CSV s | Gleam/DuckDB | Gleam memory s | DuckDB native s | Gleam/DuckDB "
        + "| Calcite s | Calcite/Gleam |\n");
    s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    List<double[]> csv = new ArrayList<>();
    List<double[]> memory = new ArrayList<>();
    List<double[]> calcite = new ArrayList<>();
    for (Map.Entry<String, Map<String, TpchComparison.Result>> e : results.entrySet()) {
      Map<String, TpchComparison.Result> r = e.getValue();
      TpchComparison.Result gleamCsv = r.get(TpchComparison.GLEAM_CSV);
      TpchComparison.Result gleamMemory = r.get(TpchComparison.GLEAM_MEMORY);
      TpchComparison.Result calciteResult = r.get(TpchComparison.CALCITE);
      s.append("| ").append(e.getKey().toUpperCase(Locale.ROOT))
          .append(" | ").append(cell(gleamCsv))
          .append(" | ").append(cell(r.get(TpchComparison.DUCKDB_CSV)))
          .append(" | ").append(ratio(gleamCsv, r.get(TpchComparison.DUCKDB_CSV), csv))
          .append(" | ").append(cell(gleamMemory))
          .append(" | ").append(cell(r.get(TpchComparison.DUCKDB_NATIVE)))
          .append(" | ").append(ratio(gleamMemory, r.get(TpchComparison.DUCKDB_NATIVE), memory))
          .append(" | ").append(calciteResult != null && calciteResult.status.equals("> limit")
              ? String.format(Locale.ROOT, "> %.0f", calciteLimit) : cell(calciteResult))
          .append(" | ").append(calciteRatio(calciteResult, gleamCsv, calciteLimit, calcite))
          .append(" |\n");
    }
    s.append("| geomean | ").append(geomean(csv, 0)).append(" | ").append(geomean(csv, 1)).append(" | **")
        .append(geomeanRatio(csv)).append("** | ").append(geomean(memory, 0)).append(" | ")
        .append(geomean(memory, 1)).append(" | **").append(geomeanRatio(memory)).append("** | ")
        .append(geomean(calcite, 0)).append(" | ").append(calcite.isEmpty() ? "" : "**" + geomeanInverse(calcite)
            + "**").append(" |\n");
    return s.toString();
  }

  /** Every timed run, in seconds, per query and engine. */
  static String renderRuns(Map<String, Map<String, TpchComparison.Result>> results) {
    StringBuilder s = new StringBuilder("| query | engine | status | runs (s) |\n| --- | --- | --- | --- |\n");
    results.forEach((name, byEngine) -> byEngine.forEach((id, r) -> {
      StringBuilder runs = new StringBuilder();
      for (double x : r.seconds) {
        runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
      }
      s.append("| ").append(name).append(" | ").append(id).append(" | ").append(r.status).append(" | ")
          .append(runs).append(" |\n");
    }));
    return s.toString();
  }

  private static String cell(TpchComparison.Result r) {
    if (r == null) {
      return "";
    }
    if (!r.timed()) {
      return r.status;
    }
    String time = seconds(r.median());
    return r.status.equals("ok") ? time : time + " (" + r.status + ")";
  }

  private static String seconds(double s) {
    return s >= 100 ? String.format(Locale.ROOT, "%.0f", s) : s >= 10 ? String.format(Locale.ROOT, "%.1f", s)
        : String.format(Locale.ROOT, "%.2f", s);
  }

  private static String ratio(TpchComparison.Result gleam, TpchComparison.Result duck, List<double[]> pairs) {
    if (gleam == null || duck == null || !gleam.timed() || !duck.timed()) {
      return "";
    }
    pairs.add(new double[] {gleam.median(), duck.median()});
    return String.format(Locale.ROOT, "%.2fx", gleam.median() / duck.median());
  }

  private static String calciteRatio(TpchComparison.Result calcite, TpchComparison.Result gleam, double limit,
      List<double[]> pairs) {
    if (calcite == null || gleam == null || !gleam.timed()) {
      return "";
    }
    if (calcite.status.equals("> limit")) {
      return String.format(Locale.ROOT, "> %.0fx", limit / gleam.median());
    }
    if (!calcite.timed()) {
      return "";
    }
    pairs.add(new double[] {calcite.median(), gleam.median()});
    return String.format(Locale.ROOT, "%.0fx", calcite.median() / gleam.median());
  }

  private static String geomean(List<double[]> pairs, int side) {
    return pairs.isEmpty() ? "" : seconds(geo(pairs, (a, b) -> side == 0 ? a : b));
  }

  private static String geomeanRatio(List<double[]> pairs) {
    return pairs.isEmpty() ? "" : String.format(Locale.ROOT, "%.2fx", geo(pairs, (a, b) -> a / b));
  }

  private static String geomeanInverse(List<double[]> pairs) {
    return String.format(Locale.ROOT, "%.0fx", geo(pairs, (a, b) -> a / b));
  }

  private static double geo(List<double[]> pairs, BiFunction<Double, Double, Double> f) {
    double logs = 0;
    for (double[] p : pairs) {
      logs += Math.log(f.apply(p[0], p[1]));
    }
    return Math.exp(logs / pairs.size());
  }
}
