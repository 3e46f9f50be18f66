package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One operator of a stage's physical plan: immutable, plain data. A stage's operators form a tree whose leaves are
 * scans or exchange reads; a task runs the tree for one partition. The runtime state of an operator is made by
 * the runner when the task starts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PlanNode.Scan.class, name = "Scan"),
    @JsonSubTypes.Type(value = PlanNode.TpchScan.class, name = "TpchScan"),
    @JsonSubTypes.Type(value = PlanNode.Compute.class, name = "Compute"),
    @JsonSubTypes.Type(value = PlanNode.NestedLoopJoin.class, name = "NestedLoopJoin"),
    @JsonSubTypes.Type(value = PlanNode.Values.class, name = "Values"),
    @JsonSubTypes.Type(value = PlanNode.ExchangeRead.class, name = "ExchangeRead"),
    @JsonSubTypes.Type(value = PlanNode.Map.class, name = "Map"),
    @JsonSubTypes.Type(value = PlanNode.FlatMap.class, name = "FlatMap"),
    @JsonSubTypes.Type(value = PlanNode.Filter.class, name = "Filter"),
    @JsonSubTypes.Type(value = PlanNode.Project.class, name = "Project"),
    @JsonSubTypes.Type(value = PlanNode.Aggregate.class, name = "Aggregate"),
    @JsonSubTypes.Type(value = PlanNode.GroupByKey.class, name = "GroupByKey"),
    @JsonSubTypes.Type(value = PlanNode.HashJoin.class, name = "HashJoin"),
    @JsonSubTypes.Type(value = PlanNode.CoGroup.class, name = "CoGroup"),
    @JsonSubTypes.Type(value = PlanNode.Sort.class, name = "Sort"),
    @JsonSubTypes.Type(value = PlanNode.Window.class, name = "Window"),
    @JsonSubTypes.Type(value = PlanNode.TopN.class, name = "TopN"),
    @JsonSubTypes.Type(value = PlanNode.Limit.class, name = "Limit"),
    @JsonSubTypes.Type(value = PlanNode.Offset.class, name = "Offset"),
    @JsonSubTypes.Type(value = PlanNode.Pipe.class, name = "Pipe"),
    @JsonSubTypes.Type(value = PlanNode.PipeAsArgs.class, name = "PipeAsArgs"),
    @JsonSubTypes.Type(value = PlanNode.Union.class, name = "Union"),
    @JsonSubTypes.Type(value = PlanNode.Sink.class, name = "Sink")})
public sealed interface PlanNode {
  Schema schema();

  @JsonIgnore
  List<PlanNode> children();

  /** A deterministic one-line description, e.g. {@code TopN[limit=10, order=[$1 DESC]]}. */
  String explain();

  /** Reads shard {@code partition} of a file source. */
  record Scan(SourceSpec source) implements PlanNode {
    public Scan {
      requireNonNull(source, "source is null");
    }

    @Override
    public Schema schema() {
      return source.readSchema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of();
    }

    @Override
    public String explain() {
      return "Scan[" + source.describe() + "]";
    }
  }

  /**
   * Generates shard {@code partition} of {@code shards} of a TPC-H table at a scale factor; {@code schema} is the
   * table's schema as the TPC-H connector makes it.
   */
  record TpchScan(String table, double scaleFactor, int shards, Schema schema) implements PlanNode {
    public TpchScan {
      requireNonNull(table, "table is null");
      requireNonNull(schema, "schema is null");
      if (shards < 1) {
        throw new IllegalArgumentException("shards must be at least 1, got " + shards);
      }
    }

    @Override
    public List<PlanNode> children() {
      return List.of();
    }

    @Override
    public String explain() {
      return "TpchScan[" + table + ", sf=" + scaleFactor + ", shards=" + shards + "]";
    }
  }

  /**
   * Vectorized filter and projection: keeps the rows for which {@code filter} is TRUE, then computes one output
   * column per expression of {@code projections} (expressions over the input's columns).
   */
  record Compute(PlanNode input, Optional<Expr> filter, List<Expr> projections, Schema schema)
      implements PlanNode {
    public Compute {
      requireNonNull(input, "input is null");
      requireNonNull(filter, "filter is null");
      projections = List.copyOf(requireNonNull(projections, "projections is null"));
      requireNonNull(schema, "schema is null");
      if (projections.size() != schema.getFields().size()) {
        throw new IllegalArgumentException(projections.size() + " projections for schema " + schema);
      }
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      String exprs = projections.stream().map(Expr::render).collect(Collectors.joining(", ", "[", "]"));
      return filter.map(f -> "Compute[filter=" + f.render() + ", exprs=" + exprs + "]")
          .orElse("Compute[" + exprs + "]");
    }
  }

  /** Rows given in the flow; partition i gets rows i, i+n, i+2n, ... Values are JSON-safe (see Values). */
  record Values(Schema schema, List<List<Object>> rows, int shards) implements PlanNode {
    public Values {
      requireNonNull(schema, "schema is null");
      rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    @Override
    public List<PlanNode> children() {
      return List.of();
    }

    @Override
    public String explain() {
      return "Values[rows=" + rows.size() + ", shards=" + shards + "]";
    }
  }

  /**
   * Reads this task's partition of another stage's output. {@code reader} tells apart the consumers of a shared
   * output ({@link StageOutput.Shared}), each of which reads the whole stream; it is 0 for every other exchange.
   */
  record ExchangeRead(int stage, Schema schema, List<SortKey> mergeOrder, int reader) implements PlanNode {
    public ExchangeRead {
      requireNonNull(schema, "schema is null");
      mergeOrder = List.copyOf(requireNonNull(mergeOrder, "mergeOrder is null"));
      if (reader < 0) {
        throw new IllegalArgumentException("reader is negative: " + reader);
      }
    }

    public ExchangeRead(int stage, Schema schema, List<SortKey> mergeOrder) {
      this(stage, schema, mergeOrder, 0);
    }

    @Override
    public List<PlanNode> children() {
      return List.of();
    }

    @Override
    public String explain() {
      return "ExchangeRead[stage=" + stage + (mergeOrder.isEmpty() ? "" : ", merge=" + mergeOrder)
          + (reader == 0 ? "" : ", reader=" + reader) + "]";
    }
  }

  /** One row in, one row out, through user code. */
  record Map(String step, PlanNode input, UserFunction function, Schema schema) implements PlanNode {
    public Map {
      requireNonNull(step, "step is null");
      requireNonNull(input, "input is null");
      requireNonNull(function, "function is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Map[" + step + ", " + function.describe() + "]";
    }
  }

  /** One row in, any number out, through user code. */
  record FlatMap(String step, PlanNode input, UserFunction function, Schema schema) implements PlanNode {
    public FlatMap {
      requireNonNull(step, "step is null");
      requireNonNull(input, "input is null");
      requireNonNull(function, "function is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "FlatMap[" + step + ", " + function.describe() + "]";
    }
  }

  /** Keeps rows for which user code returns true. */
  record Filter(String step, PlanNode input, UserFunction function) implements PlanNode {
    public Filter {
      requireNonNull(step, "step is null");
      requireNonNull(input, "input is null");
      requireNonNull(function, "function is null");
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Filter[" + step + ", " + function.describe() + "]";
    }
  }

  /** Selects columns by index. */
  record Project(PlanNode input, int[] columns, Schema schema) implements PlanNode {
    public Project {
      requireNonNull(input, "input is null");
      columns = columns.clone();
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Project[" + columnList(columns) + "]";
    }
  }

  /** Phase of a distributed aggregate. */
  enum AggMode { PARTIAL, FINAL, SINGLE }

  /**
   * Hash aggregate by key columns. PARTIAL emits per-key states, FINAL merges states after a hash exchange,
   * SINGLE does both when the input is already partitioned by the keys.
   */
  record Aggregate(PlanNode input, int[] keys, Reducer reducer, AggMode mode, Schema schema) implements PlanNode {
    public Aggregate {
      requireNonNull(input, "input is null");
      keys = keys.clone();
      requireNonNull(reducer, "reducer is null");
      requireNonNull(mode, "mode is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Aggregate[" + mode + ", keys=" + columnList(keys) + ", " + reducer.describe() + "]";
    }
  }

  /** Groups rows by key; output: key columns, then each value column as a list. */
  record GroupByKey(PlanNode input, int[] keys, Schema schema) implements PlanNode {
    public GroupByKey {
      requireNonNull(input, "input is null");
      keys = keys.clone();
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "GroupByKey[keys=" + columnList(keys) + "]";
    }
  }

  /**
   * Hash join of co-partitioned inputs: builds a hash table on {@code right} and probes it with {@code left}.
   * Output: the left columns then the right columns (left columns only for SEMI and ANTI). A {@code condition},
   * over the left columns followed by the right columns, must also be TRUE for a pair of rows to match.
   */
  record HashJoin(PlanNode left, PlanNode right, int[] leftKeys, int[] rightKeys, JoinType type,
      Optional<Expr> condition, Schema schema) implements PlanNode {
    public HashJoin {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
      leftKeys = leftKeys.clone();
      rightKeys = rightKeys.clone();
      requireNonNull(type, "type is null");
      requireNonNull(condition, "condition is null");
      requireNonNull(schema, "schema is null");
    }

    /** An equi-join without a further condition. */
    public HashJoin(PlanNode left, PlanNode right, int[] leftKeys, int[] rightKeys, JoinType type, Schema schema) {
      this(left, right, leftKeys, rightKeys, type, Optional.empty(), schema);
    }

    @Override
    public List<PlanNode> children() {
      return List.of(left, right);
    }

    @Override
    public String explain() {
      return "HashJoin[" + type + ", left=" + columnList(leftKeys) + ", right=" + columnList(rightKeys)
          + condition.map(c -> ", condition=" + c.render()).orElse("") + "]";
    }
  }

  /**
   * Join on any condition (over the left columns followed by the right columns): every left row is tested against
   * every row of {@code right}, which is small (broadcast or gathered). Output as for {@link HashJoin}.
   */
  record NestedLoopJoin(PlanNode left, PlanNode right, Expr condition, JoinType type, Schema schema)
      implements PlanNode {
    public NestedLoopJoin {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
      requireNonNull(condition, "condition is null");
      requireNonNull(type, "type is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(left, right);
    }

    @Override
    public String explain() {
      return "NestedLoopJoin[" + type + ", condition=" + condition.render() + "]";
    }
  }

  /** Co-groups two co-partitioned inputs by key; output: keys, left value lists, right value lists. */
  record CoGroup(PlanNode left, PlanNode right, int[] leftKeys, int[] rightKeys, Schema schema)
      implements PlanNode {
    public CoGroup {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
      leftKeys = leftKeys.clone();
      rightKeys = rightKeys.clone();
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(left, right);
    }

    @Override
    public String explain() {
      return "CoGroup[left=" + columnList(leftKeys) + ", right=" + columnList(rightKeys) + "]";
    }
  }

  /** Sorts one partition; spills sorted runs when over budget. */
  record Sort(PlanNode input, List<SortKey> order) implements PlanNode {
    public Sort {
      requireNonNull(input, "input is null");
      order = List.copyOf(requireNonNull(order, "order is null"));
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Sort[order=" + order + "]";
    }
  }

  /**
   * Windowed functions over one partition whose rows arrive sorted by the partition keys, then by {@code order}:
   * output is every input row, in input order, with one more column per call. Rows with equal partition keys form a
   * window partition (NULL keys one of their own); rows with equal {@code order} values are peers.
   */
  record Window(PlanNode input, int[] partitionKeys, List<SortKey> order, List<WindowCall> calls, Schema schema)
      implements PlanNode {
    public Window {
      requireNonNull(input, "input is null");
      partitionKeys = partitionKeys.clone();
      order = List.copyOf(requireNonNull(order, "order is null"));
      calls = List.copyOf(requireNonNull(calls, "calls is null"));
      requireNonNull(schema, "schema is null");
      if (schema.getFields().size() != input.schema().getFields().size() + calls.size()) {
        throw new IllegalArgumentException("window schema " + schema + " for " + calls.size() + " calls over "
            + input.schema());
      }
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Window[partition=" + columnList(partitionKeys) + ", order=" + order + ", calls="
          + calls.stream().map(WindowCall::toString).collect(Collectors.joining(", ", "[", "]")) + "]";
    }
  }

  /** Keeps the first {@code limit} rows of one partition in {@code order}, in order. */
  record TopN(PlanNode input, long limit, List<SortKey> order) implements PlanNode {
    public TopN {
      requireNonNull(input, "input is null");
      order = List.copyOf(requireNonNull(order, "order is null"));
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "TopN[limit=" + limit + ", order=" + order + "]";
    }
  }

  /** Passes the first {@code limit} rows of one partition. */
  record Limit(PlanNode input, long limit) implements PlanNode {
    public Limit {
      requireNonNull(input, "input is null");
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Limit[" + limit + "]";
    }
  }

  /** Drops the first {@code offset} rows of one partition and passes the rest. */
  record Offset(PlanNode input, long offset) implements PlanNode {
    public Offset {
      requireNonNull(input, "input is null");
      if (offset < 0) {
        throw new IllegalArgumentException("offset is negative: " + offset);
      }
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Offset[" + offset + "]";
    }
  }

  /** Streams the partition through one process of {@code command} as tab-separated lines. */
  record Pipe(String step, PlanNode input, String command, Schema schema) implements PlanNode {
    public Pipe {
      requireNonNull(step, "step is null");
      requireNonNull(input, "input is null");
      requireNonNull(command, "command is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Pipe[" + step + ", " + command + "]";
    }
  }

  /** Runs one process of {@code command} per row, with $1, $2, ... replaced by the row's fields. */
  record PipeAsArgs(String step, PlanNode input, String command, Schema schema) implements PlanNode {
    public PipeAsArgs {
      requireNonNull(step, "step is null");
      requireNonNull(input, "input is null");
      requireNonNull(command, "command is null");
      requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "PipeAsArgs[" + step + ", " + command + "]";
    }
  }

  /** Concatenates its inputs' partition i. */
  record Union(List<PlanNode> inputs) implements PlanNode {
    public Union {
      inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    }

    @Override
    public Schema schema() {
      return inputs.get(0).schema();
    }

    @Override
    public List<PlanNode> children() {
      return inputs;
    }

    @Override
    public String explain() {
      return "Union[" + inputs.size() + "]";
    }
  }

  /** Writes its input to a sink. */
  record Sink(PlanNode input, SinkSpec sink) implements PlanNode {
    public Sink {
      requireNonNull(input, "input is null");
      requireNonNull(sink, "sink is null");
    }

    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public List<PlanNode> children() {
      return List.of(input);
    }

    @Override
    public String explain() {
      return "Sink[" + sink.describe() + "]";
    }
  }

  static String columnList(int[] columns) {
    return Arrays.stream(columns).mapToObj(c -> "$" + c).collect(Collectors.joining(", ", "[", "]"));
  }
}
