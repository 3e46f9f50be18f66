package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.fn.FunctionRegistry;
import io.gleam.planner.fn.RowConsumer;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Stage;
import io.gleam.planner.spi.RunOptions;
import io.gleam.planner.spi.RunResult;
import io.gleam.planner.spi.SinkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs flows with a {@link LocalRunner} over a test-owned allocator (closed after each test, so a leaked buffer
 * fails it) and a spill directory that must be empty again afterwards. {@link #collect} marks a dataset whose rows
 * the run returns.
 */
abstract class FlowTestBase {
  /** Marks forEach sinks that {@link #run} turns into collect sinks. */
  private static final RowConsumer COLLECT = row -> { };

  protected BufferAllocator allocator;

  @TempDir
  protected Path spillDir;

  @TempDir
  protected Path work;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocatorAndCheckSpills() throws IOException {
    allocator.close();
    try (Stream<Path> left = Files.list(spillDir)) {
      assertEquals(List.of(), left.toList(), "spill files left behind");
    }
  }

  /** Two compute slots, the default budget, spills under the test's directory, small batches. */
  protected RunOptions options() {
    return RunOptions.defaults().withParallelism(2).withSpillDirectory(spillDir).withBatchRows(1000);
  }

  /** Adds a sink that returns {@code d}'s rows from the run under {@code d.name()}. */
  protected static String collect(Dataset d) {
    d.forEach(COLLECT);
    return d.name();
  }

  protected RunResult run(Flow flow) {
    return run(flow, options());
  }

  protected RunResult run(Flow flow, RunOptions options) {
    return run(flow.plan(), options);
  }

  protected RunResult run(PhysicalPlan plan, RunOptions options) {
    return new LocalRunner(allocator).run(withCollectSinks(plan), options);
  }

  /** Rows of one collected dataset. */
  protected List<Row> rows(Flow flow, Dataset d) {
    String id = collect(d);
    return run(flow).rows(id);
  }

  /** The plan with each forEach sink made by {@link #collect} replaced by a collect sink named after its dataset. */
  static PhysicalPlan withCollectSinks(PhysicalPlan plan) {
    List<Stage> stages = new ArrayList<>();
    for (Stage s : plan.stages()) {
      PlanNode root = s.root();
      if (root instanceof PlanNode.Sink sink && sink.sink() instanceof SinkSpec.ForEach f
          && FunctionRegistry.lookup(f.function(), RowConsumer.class) == COLLECT) {
        // The function is named "<flow>/<dataset>/forEach<n>".
        String[] parts = f.function().split("/");
        root = new PlanNode.Sink(sink.input(), new SinkSpec.Collect(parts[parts.length - 2]));
      }
      stages.add(new Stage(s.id(), s.partitions(), root, s.output()));
    }
    return new PhysicalPlan(plan.flowName(), stages, plan.luaLibraries());
  }

  /** How often each row occurs: the multiset of rows, for comparisons that ignore order. */
  protected static Map<String, Integer> multiset(List<Row> rows) {
    Map<String, Integer> m = new TreeMap<>();
    for (Row r : rows) {
      m.merge(r.toString(), 1, Integer::sum);
    }
    return m;
  }

  /** Runs {@code sh -c command} with {@code stdin} as input; returns its stdout, failing on a non-zero exit. */
  protected static String shell(String command, Path stdin) {
    return shell(command, stdin, true);
  }

  /** Like {@link #shell(String, Path)}; {@code cLocale} false runs it in this process's own locale settings. */
  protected static String shell(String command, Path stdin, boolean cLocale) {
    try {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(false);
      if (cLocale) {
        pb.environment().put("LC_ALL", "C");
      }
      if (stdin != null) {
        pb.redirectInput(stdin.toFile());
      }
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      int code = p.waitFor();
      if (code != 0) {
        throw new IllegalStateException("'" + command + "' exited with " + code + ": " + new String(err));
      }
      return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
