package io.gleam.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Calcite's Enumerable engine over the CSV files, run in a child JVM ({@link CalciteQueryRunner}) that takes the
 * queries one after another, so its JIT warms up across queries. A query that does not finish its runs within
 * {@code runs × limit} seconds is recorded as over the limit: the child is ended and a new one goes on with the
 * next query.
 */
final class CalciteContender {
  /** How long a child JVM may take to start and plan before its first query begins. */
  private static final long START_SECONDS = 120;
  private static final String EOF = "\u0000EOF";

  /** What happened to one query: times of finished runs, its rows, or why it has none. */
  record Outcome(List<Double> seconds, Optional<List<List<Object>>> rows, boolean overLimit, Optional<String> error) {
    Outcome {
      seconds = List.copyOf(seconds);
    }
  }

  private final Path csvDir;
  private final Path queryDir;
  private final int runs;
  private final double limitSeconds;
  private final String heap;
  private final Path log;

  CalciteContender(Path csvDir, Path queryDir, int runs, double limitSeconds, String heap, Path log) {
    this.csvDir = csvDir;
    this.queryDir = queryDir;
    this.runs = runs;
    this.limitSeconds = limitSeconds;
    this.heap = heap;
    this.log = log;
  }

  /** Runs {@code names} in order, reporting each outcome as it comes. */
  Map<String, Outcome> runAll(List<String> names, java.util.function.BiConsumer<String, Outcome> progress)
      throws IOException, InterruptedException {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    List<String> remaining = new ArrayList<>(names);
    while (!remaining.isEmpty()) {
      Process child = start(remaining);
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> readLines(child, lines), "calcite-output");
      reader.setDaemon(true);
      reader.start();
      String current = null;
      List<Double> seconds = new ArrayList<>();
      List<List<Object>> rows = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
      while (true) {
        long wait = deadline - System.nanoTime();
        String line = wait > 0 ? lines.poll(wait, TimeUnit.NANOSECONDS) : null;
        if (line == null) {  // past the deadline
          child.descendants().forEach(ProcessHandle::destroyForcibly);
          child.destroyForcibly();
          child.waitFor();
          if (current == null) {
            throw new IOException("the Calcite process did not start a query within " + START_SECONDS + " s; see "
                + log);
          }
          record(outcomes, progress, remaining, current,
              new Outcome(seconds, Optional.empty(), true, Optional.empty()));
          break;
        }
        if (line.equals(EOF)) {
          int code = child.waitFor();
          if (current != null) {
            record(outcomes, progress, remaining, current, new Outcome(seconds, Optional.empty(), false,
                Optional.of("the Calcite process ended with exit code " + code + "; see " + log)));
          } else if (!remaining.isEmpty()) {
            throw new IOException("the Calcite process ended with exit code " + code + " before its first query; "
                + "see " + log);
          }
          break;
        }
        String[] parts = line.split(" ", 3);
        if (line.startsWith("START ")) {
          current = parts[1];
          seconds.clear();
          rows.clear();
          deadline = System.nanoTime() + (long) (runs * limitSeconds * 1e9);
        } else if (line.startsWith("TIME ")) {
          seconds.add(Double.parseDouble(parts[2]));
        } else if (line.startsWith("ROW")) {
          List<Object> row = new ArrayList<>();
          String[] values = line.split("\t", -1);
          for (int i = 1; i < values.length; i++) {
            row.add(CalciteQueryRunner.decode(values[i]));
          }
          rows.add(row);
        } else if (line.startsWith("DONE ")) {
          record(outcomes, progress, remaining, current, new Outcome(seconds, Optional.of(List.copyOf(rows)), false,
              Optional.empty()));
          current = null;
        } else if (line.startsWith("ERROR ")) {
          record(outcomes, progress, remaining, current, new Outcome(seconds, Optional.empty(), false,
              Optional.of(parts.length > 2 ? parts[2] : line)));
          current = null;
        }
      }
    }
    return outcomes;
  }

  private static void record(Map<String, Outcome> outcomes, java.util.function.BiConsumer<String, Outcome> progress,
      List<String> remaining, String name, Outcome outcome) {
    outcomes.put(name, outcome);
    remaining.remove(name);
    progress.accept(name, outcome);
  }

  private Process start(List<String> names) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), CalciteQueryRunner.class.getName(), "--csv", csvDir.toString(),
        "--queries", queryDir.toString(), "--names", String.join(",", names), "--runs", Integer.toString(runs)));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  private static void readLines(Process child, BlockingQueue<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("ERROR ? reading the Calcite process's output failed: " + e);
    } finally {
      lines.add(EOF);
    }
  }

  String describe() {
    return String.format(Locale.ROOT, "Calcite %s Enumerable, child JVM -Xmx%s, %d run(s) per query, limit %.0f s "
        + "per run", org.apache.calcite.jdbc.Driver.class.getPackage().getImplementationVersion(), heap, runs,
        limitSeconds);
  }
}
