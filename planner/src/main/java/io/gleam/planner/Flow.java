package io.gleam.planner;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanRenderer;
import io.gleam.planner.spi.FlowRunner;
import io.gleam.planner.spi.RunOptions;
import io.gleam.planner.spi.RunResult;
import io.gleam.planner.spi.SourceSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Gleam flow: a DAG of datasets made by steps, ending in sinks. Build it fluently
 * ({@code Flow.create("wc").readText(path).flatMap(...).reduceByKey(...).sort(...).printf(...)}), then
 * {@link #run()} it locally, {@link #plan()} it, or print it with {@link #explain()} and {@link #dot()}.
 */
public final class Flow {
  private final String name;
  private final List<Dataset> datasets = new ArrayList<>();
  private final List<Dataset> sinks = new ArrayList<>();
  private final List<String> luaLibraries = new ArrayList<>();
  private final AtomicInteger functionIds = new AtomicInteger();
  private int parallelism = Runtime.getRuntime().availableProcessors();

  private Flow(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  public static Flow create(String name) {
    return new Flow(name);
  }

  public String name() {
    return name;
  }

  /** Partitions used for exchanges (reduce, join, groupBy) when the user does not say; the cores by default. */
  public Flow parallelism(int n) {
    if (n < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "parallelism must be at least 1, got %d", n);
    }
    this.parallelism = n;
    return this;
  }

  public int parallelism() {
    return parallelism;
  }

  /** Lets the flow's Lua code use libraries outside the sandbox: "os", "io", "debug", "require", "luajava". */
  public Flow allowLua(String... libraries) {
    luaLibraries.addAll(List.of(libraries));
    return this;
  }

  // ---- sources -------------------------------------------------------------------------------------------

  /** Lines of text files (files, directories, globs; .gz by extension), one shard per core. */
  public Dataset readText(String... paths) {
    return read(SourceSpec.text(List.of(paths), parallelism));
  }

  /** Lines of text files split by byte ranges into {@code shards}. */
  public Dataset readText(int shards, String... paths) {
    return read(SourceSpec.text(List.of(paths), shards));
  }

  /** CSV files with a declared schema such as {@code "a1 bigint, a2 string"}. */
  public Dataset readCsv(String path, String schema, boolean header) {
    return read(SourceSpec.csv(List.of(path), parallelism, Schemas.parse(schema), header));
  }

  public Dataset readTsv(String path, String schema, boolean header) {
    return read(SourceSpec.tsv(List.of(path), parallelism, Schemas.parse(schema), header));
  }

  /**
   * A TPC-H table generated at {@code scaleFactor} in {@code shards} parallel shards; {@code schema} must be the
   * table's schema as the TPC-H connector makes it (the planner does not know the connector).
   */
  public Dataset readTpch(String table, double scaleFactor, int shards, Schema schema) {
    requireNonNull(table, "table is null");
    requireNonNull(schema, "schema is null");
    if (shards < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "TPC-H %s: shards must be at least 1, got %d", table, shards);
    }
    return newDataset("tpch", new Step.TpchRead(table, scaleFactor, shards), List.of(), schema);
  }

  /**
   * Rows of {@code schema} in one partition; values as in {@link Row} (a {@link LocalDate}, a {@link BigDecimal}
   * and a {@link LocalDateTime} are kept as their text).
   */
  public Dataset fromValues(Schema schema, List<List<Object>> rows) {
    requireNonNull(schema, "schema is null");
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      if (r.size() != schema.getFields().size()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "values: row %s has %d values, schema (%s) has %d",
            r, r.size(), Schemas.render(schema), schema.getFields().size());
      }
      List<Object> vs = new ArrayList<>(r.size());
      for (Object v : r) {
        vs.add(v instanceof LocalDate || v instanceof BigDecimal || v instanceof LocalDateTime ? v.toString() : v);
      }
      values.add(vs);
    }
    return newDataset("values", new Step.Values(values, 1), List.of(), schema);
  }

  public Dataset read(SourceSpec source) {
    return newDataset("read", new Step.Read(source), List.of(), source.readSchema());
  }

  /** Rows from a Java collection, dealt round-robin into {@code shards}. */
  public Dataset fromRows(Collection<Row> rows, String schema, int shards) {
    Schema s = Schemas.parse(schema);
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Row r : rows) {
      if (r.size() != s.getFields().size()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "fromRows: row %s has %d values, schema (%s) has %d",
            r, r.size(), schema, s.getFields().size());
      }
      List<Object> vs = new ArrayList<>(r.size());
      for (Object v : r.asList()) {
        vs.add(v instanceof LocalDate || v instanceof BigDecimal || v instanceof LocalDateTime ? v.toString() : v);
      }
      values.add(vs);
    }
    return newDataset("rows", new Step.Values(values, Math.max(1, shards)), List.of(), s);
  }

  public Dataset fromRows(Collection<Row> rows, String schema) {
    return fromRows(rows, schema, 1);
  }

  // ---- planning and running ------------------------------------------------------------------------------

  /** Cuts the flow into stages. */
  public PhysicalPlan plan() {
    if (sinks.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "flow %s has no sink: add printf, write, collect or forEach", name);
    }
    return new PhysicalPlanner(this).plan(sinks);
  }

  public String explain() {
    return PlanRenderer.text(plan());
  }

  public String dot() {
    return PlanRenderer.dot(plan());
  }

  public RunResult run() {
    return run(RunOptions.defaults());
  }

  public RunResult run(RunOptions options) {
    return runner("local").run(plan(), options);
  }

  /**
   * The runner registered under {@code runnerName} through {@link ServiceLoader}. The runners seen by Gleam's own
   * class loader are looked up once (a lookup scans every jar on the class path, which costs a short query a
   * noticeable share of its time); another context class loader is asked each time.
   */
  public static FlowRunner runner(String runnerName) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Iterable<FlowRunner> runners = loader == Flow.class.getClassLoader() ? OwnRunners.ALL
        : ServiceLoader.load(FlowRunner.class, loader);
    for (FlowRunner r : runners) {
      if (r.name().equals(runnerName)) {
        return r;
      }
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "no flow runner named '%s' on the classpath", runnerName);
  }

  /** The runners on Gleam's own class path, loaded on first use. */
  private static final class OwnRunners {
    static final List<FlowRunner> ALL = ServiceLoader.load(FlowRunner.class, Flow.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList();
  }

  List<String> luaLibraries() {
    return List.copyOf(luaLibraries);
  }

  int nextFunctionId() {
    return functionIds.incrementAndGet();
  }

  Dataset newDataset(String kind, Step step, List<Dataset> inputs, Schema schema) {
    int id = datasets.size();
    Dataset d = new Dataset(this, id, kind + "#" + id, step, inputs, schema);
    datasets.add(d);
    return d;
  }

  void addSink(Dataset sink) {
    sinks.add(sink);
  }
}
