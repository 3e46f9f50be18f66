package io.gleam.benchmarks;

import io.gleam.planner.spi.RunOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Times several word counts of the same file and prints a markdown table of median seconds, MB/s and speed-ups.
 *
 * <p>Each contender first runs once untimed, writing its counts to {@code WORK/<id>.out}; for the contenders in
 * this JVM that run is also the JIT warm-up. Its counts must equal the first contender's, word for word, or the
 * comparison stops with an error. Then the contender runs {@code --runs} times writing to {@code /dev/null}, each
 * run timed from start to the last byte written (in-process runs after a {@code System.gc()}), and its CPU time
 * measured with {@link CpuClock}.
 *
 * <p>{@code WordCountComparison --input FILE [--runs 3] [--work DIR] [--parallelism CORES]
 * [--contenders java-loop,shell,gleam-java,gleam-lua]}
 */
public final class WordCountComparison {
  private static final Path DEV_NULL = Path.of("/dev/null");
  private static final String SHELL = "shell";
  private static final String JAVA_LOOP = "java-loop";

  private final Path input;
  private final Path work;
  private final int runs;
  private final Map<String, WordCountContender> contenders;
  private final PrintStream progress;

  WordCountComparison(Path input, Path work, int runs, Map<String, WordCountContender> contenders,
      PrintStream progress) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }
    if (contenders.isEmpty()) {
      throw new IllegalArgumentException("no contenders");
    }
    this.input = input;
    this.work = work;
    this.runs = runs;
    this.contenders = new LinkedHashMap<>(contenders);
    this.progress = progress;
  }

  /** Every contender this comparison knows, by id, in the default running order (the first is the reference). */
  static Map<String, WordCountContender> allContenders(RunOptions options) {
    Map<String, WordCountContender> all = new LinkedHashMap<>();
    all.put(JAVA_LOOP, new JavaLoopWordCount());
    all.put(SHELL, new ShellWordCount());
    all.put("gleam-java", new GleamJavaWordCount(options));
    all.put("gleam-lua", new GleamLuaWordCount(options));
    return all;
  }

  /** One timed run: elapsed seconds, and CPU seconds of this JVM and its child processes (NaN if unknown). */
  record Run(double seconds, double cpuSeconds) {}

  /** One contender's timed runs. */
  record Timings(String id, String name, List<Run> runs) {
    Timings {
      runs = List.copyOf(runs);
    }

    double median() {
      return median(runs.stream().mapToDouble(Run::seconds).toArray());
    }

    double medianCpu() {
      return median(runs.stream().mapToDouble(Run::cpuSeconds).toArray());
    }

    private static double median(double[] values) {
      double[] s = values.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
  }

  /** Checks every contender against the first, then times them; fails if any disagrees. */
  List<Timings> run() throws Exception {
    Files.createDirectories(work);
    List<Timings> results = new ArrayList<>();
    WordCounts reference = null;
    String referenceId = null;
    for (Map.Entry<String, WordCountContender> e : contenders.entrySet()) {
      String id = e.getKey();
      WordCountContender contender = e.getValue();
      Path checkOutput = work.resolve(id + ".out");
      double checkSeconds = time(contender, checkOutput).seconds();
      WordCounts counts = contender.readOutput(checkOutput);
      if (reference == null) {
        reference = counts;
        referenceId = id;
        progress.printf(Locale.ROOT, "%-12s check run %.2f s: %,d words, %,d distinct (the reference)%n", id,
            checkSeconds, counts.totalWords(), counts.distinctWords());
      } else {
        String differences = counts.differencesFrom(reference);
        if (!differences.isEmpty()) {
          throw new IllegalStateException("word counts of " + id + " (" + checkOutput + ") differ from those of "
              + referenceId + " (" + work.resolve(referenceId + ".out") + "): " + differences);
        }
        progress.printf(Locale.ROOT, "%-12s check run %.2f s: same counts as %s%n", id, checkSeconds, referenceId);
      }
      List<Run> timed = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        if (contender.inProcess()) {
          System.gc();
        }
        Run r = time(contender, DEV_NULL);
        timed.add(r);
        progress.printf(Locale.ROOT, "%-12s run %d: %.2f s, CPU %.2f s%n", id, i + 1, r.seconds(), r.cpuSeconds());
      }
      results.add(new Timings(id, contender.name(), timed));
    }
    return results;
  }

  private Run time(WordCountContender contender, Path output) throws Exception {
    OptionalLong cpuStart = CpuClock.nanos();
    long start = System.nanoTime();
    contender.run(input, output);
    double seconds = (System.nanoTime() - start) / 1e9;
    OptionalLong cpuEnd = CpuClock.nanos();
    double cpu = cpuStart.isPresent() && cpuEnd.isPresent()
        ? (cpuEnd.getAsLong() - cpuStart.getAsLong()) / 1e9 : Double.NaN;
    return new Run(seconds, cpu);
  }

  /** The results as a markdown table; speed-ups are baseline median / contender median (above 1: faster). */
  static String table(List<Timings> results, long inputBytes) {
    Map<String, Double> medians = new LinkedHashMap<>();
    results.forEach(t -> medians.put(t.id(), t.median()));
    StringBuilder s = new StringBuilder();
    s.append("| contender | median s | MB/s | speed-up vs shell | speed-up vs Java loop | median CPU s | runs (s) |\n");
    s.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Timings t : results) {
      double median = t.median();
      StringBuilder runList = new StringBuilder();
      for (Run r : t.runs()) {
        runList.append(runList.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r.seconds()));
      }
      String name = t.name().replace("|", "\\|");
      double cpu = t.medianCpu();
      s.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %s | %s | %s | %s |%n", name, median,
          inputBytes / 1e6 / median, ratio(medians.get(SHELL), median), ratio(medians.get(JAVA_LOOP), median),
          Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%.2f", cpu), runList));
    }
    return s.toString();
  }

  private static String ratio(Double baseline, double median) {
    return baseline == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", baseline / median);
  }

  private static final String USAGE = "usage: WordCountComparison --input FILE [--runs 3] [--work DIR] "
      + "[--parallelism CORES] [--contenders java-loop,shell,gleam-java,gleam-lua]";

  /** Runs the comparison; bad options print the usage and exit with status 2, disagreeing counts with status 1. */
  public static void main(String[] args) throws Exception {
    Path input;
    Path work;
    RunOptions options;
    Map<String, WordCountContender> chosen = new LinkedHashMap<>();
    int runs;
    try {
      CommandLine cli = CommandLine.parse(args, Set.of("input", "runs", "work", "parallelism", "contenders"));
      input = Path.of(cli.required("input")).toAbsolutePath();
      if (!Files.isRegularFile(input)) {
        throw new IllegalArgumentException("--input " + input + " is not a file");
      }
      work = Path.of(cli.value("work", input.resolveSibling("wordcount-out").toString()));
      options = RunOptions.defaults();
      options = options.withParallelism((int) cli.longValue("parallelism", options.parallelism()));
      Map<String, WordCountContender> all = allContenders(options);
      for (String id : cli.value("contenders", String.join(",", all.keySet())).split(",")) {
        WordCountContender c = all.get(id.trim());
        if (c == null) {
          throw new IllegalArgumentException("unknown contender '" + id + "'; known: " + all.keySet());
        }
        chosen.put(id.trim(), c);
      }
      runs = (int) cli.longValue("runs", 3);
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("WordCountComparison: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    long bytes = Files.size(input);
    System.out.printf(Locale.ROOT, "Word count of %s (%,d bytes), %d timed runs per contender after one check run%n",
        input, bytes, runs);
    System.out.printf(Locale.ROOT, "JVM: Java %s, %d available processors, max heap %d MiB, flags %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "Gleam: parallelism %d, memory budget %d MiB, batch rows %d%n%n",
        options.parallelism(), options.memoryBudgetBytes() >> 20, options.batchRows());
    List<Timings> results;
    try {
      results = new WordCountComparison(input, work, runs, chosen, System.err).run();
    } catch (IllegalStateException e) {
      System.err.println("FAILED: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("All contenders produced the same count for every word.");
    System.out.println();
    System.out.print(table(results, bytes));
    System.out.println();
    System.out.println("speed-up = baseline median / contender median (above 1: faster than the baseline); "
        + "MB = 10^6 bytes; CPU s = CPU time of this JVM and its child processes during a run.");
    System.out.println("Shell pipeline: "
        + ShellWordCount.PIPELINE.replace("\"$1\"", "FILE").replace(" > \"$2\"", " > /dev/null"));
    System.out.flush();
  }
}
