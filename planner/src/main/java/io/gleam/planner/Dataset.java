package io.gleam.planner;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.expr.Expr;
import io.gleam.planner.fn.FunctionRegistry;
import io.gleam.planner.fn.RowConsumer;
import io.gleam.planner.fn.RowFlatMapper;
import io.gleam.planner.fn.RowMapper;
import io.gleam.planner.fn.RowPredicate;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.WindowCall;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A dataset of a flow: the rows one step makes, with their schema. Methods add a step and return the new dataset
 * (or, for sinks, the flow). Keys and sort columns are named by column name; a sort column may end in
 * {@code " desc"}. Nothing runs until {@link Flow#run()} or {@link #collect()}.
 */
public final class Dataset {
  final Flow flow;
  final int id;
  final String name;
  final Step step;
  final List<Dataset> inputs;
  final Schema schema;

  Dataset(Flow flow, int id, String name, Step step, List<Dataset> inputs, Schema schema) {
    this.flow = requireNonNull(flow, "flow is null");
    this.id = id;
    this.name = requireNonNull(name, "name is null");
    this.step = requireNonNull(step, "step is null");
    this.inputs = List.copyOf(inputs);
    this.schema = requireNonNull(schema, "schema is null");
  }

  public Schema schema() {
    return schema;
  }

  public String name() {
    return name;
  }

  // ---- one-to-one steps ----------------------------------------------------------------------------------

  /** Maps each row with Java code to a row of {@code outputSchema} (e.g. {@code "word string, count bigint"}). */
  public Dataset map(RowMapper mapper, String outputSchema) {
    return add("map", new Step.Map(javaFunction("map", mapper), Schemas.parse(outputSchema)), Schemas.parse(outputSchema));
  }

  /** Maps each row with a Lua function whose arguments are the row's fields and whose results are the new row. */
  public Dataset map(String lua, String outputSchema) {
    Schema out = Schemas.parse(outputSchema);
    return add("map", new Step.Map(new UserFunction.Lua(lua), out), out);
  }

  public Dataset flatMap(RowFlatMapper mapper, String outputSchema) {
    Schema out = Schemas.parse(outputSchema);
    return add("flatMap", new Step.FlatMap(javaFunction("flatMap", mapper), out), out);
  }

  /** A Lua flatMap: the function returns an iterator (such as {@code line:gmatch("%w+")}) or a table. */
  public Dataset flatMap(String lua, String outputSchema) {
    Schema out = Schemas.parse(outputSchema);
    return add("flatMap", new Step.FlatMap(new UserFunction.Lua(lua), out), out);
  }

  public Dataset filter(RowPredicate predicate) {
    return add("filter", new Step.Filter(javaFunction("filter", predicate)), schema);
  }

  /** A Lua filter: keeps the rows for which the function returns a true value. */
  public Dataset filter(String lua) {
    return add("filter", new Step.Filter(new UserFunction.Lua(lua)), schema);
  }

  public Dataset select(String... columns) {
    int[] idx = columns(List.of(columns));
    List<Field> fields = new ArrayList<>();
    for (int c : idx) {
      fields.add(schema.getFields().get(c));
    }
    return add("select", new Step.Select(idx), new Schema(fields));
  }

  /**
   * Vectorized filter and projection with expressions: keeps the rows for which {@code filter} is TRUE, then
   * computes one column per expression, named by {@code names} (a repeated name gets a {@code _n} suffix). Runs
   * as compiled kernels over Arrow batches, fused into the current stage.
   */
  public Dataset compute(Optional<Expr> filter, List<Expr> projections, List<String> names) {
    requireNonNull(filter, "filter is null");
    requireNonNull(projections, "projections is null");
    requireNonNull(names, "names is null");
    if (names.size() != projections.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "compute: %d names %s for %d expressions", names.size(),
          names, projections.size());
    }
    List<Field> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      for (int k = 1; !seen.add(n); k++) {
        n = names.get(i) + "_" + k;
      }
      fields.add(Schemas.field(n, projections.get(i).type()));
    }
    return add("compute", new Step.Compute(filter, projections), new Schema(fields));
  }

  /** Streams rows through one process of {@code command} per partition; its output has this dataset's schema. */
  public Dataset pipe(String command) {
    return pipe(command, Schemas.render(schema));
  }

  /**
   * Streams rows through one process of {@code command} per partition, as tab-separated lines (NULL as
   * {@code \N}); its stdout lines become rows of {@code outputSchema}.
   */
  public Dataset pipe(String command, String outputSchema) {
    Schema out = Schemas.parse(outputSchema);
    return add("pipe", new Step.Pipe(command, out), out);
  }

  /** Runs one process per row, {@code $1}, {@code $2}, ... replaced by the row's fields; its stdout lines are rows. */
  public Dataset pipeAsArgs(String command, String outputSchema) {
    Schema out = Schemas.parse(outputSchema);
    return add("pipeAsArgs", new Step.PipeAsArgs(command, out), out);
  }

  // ---- steps with an exchange ------------------------------------------------------------------------------

  /** Reduces the values of each key (the first column) with a Lua reducer such as {@code function(x, y) return x + y end}. */
  public Dataset reduceByKey(String lua) {
    return reduceByKey(List.of(firstColumn()), lua);
  }

  public Dataset reduceByKey(List<String> keys, String lua) {
    return reduce(keys, new Reducer.User(new UserFunction.Lua(lua)));
  }

  public Dataset reduceByKey(RowReducer reducer) {
    return reduceByKey(List.of(firstColumn()), reducer);
  }

  public Dataset reduceByKey(List<String> keys, RowReducer reducer) {
    return reduce(keys, new Reducer.User(javaFunction("reduce", reducer)));
  }

  /** Applies a built-in aggregate to every value column, keyed by the first column. */
  public Dataset reduceByKey(AggFunction function) {
    return reduceByKey(List.of(firstColumn()), function);
  }

  public Dataset reduceByKey(List<String> keys, AggFunction function) {
    int[] k = columns(keys);
    List<AggCall> calls = new ArrayList<>();
    for (int c : AggregateSchemas.valueColumns(schema.getFields().size(), k)) {
      calls.add(new AggCall(function, c, schema.getFields().get(c).getName()));
    }
    if (calls.isEmpty() && function == AggFunction.COUNT) {
      calls.add(new AggCall(AggFunction.COUNT, -1, "count"));
    }
    return reduce(keys, new Reducer.Builtin(calls));
  }

  /** Aggregates with explicit built-in calls, e.g. {@code new AggCall(SUM, 2, "total")}. */
  public Dataset aggregate(List<String> keys, List<AggCall> calls) {
    return reduce(keys, new Reducer.Builtin(calls));
  }

  private Dataset reduce(List<String> keys, Reducer reducer) {
    int[] k = columns(keys);
    if (reducer instanceof Reducer.User && AggregateSchemas.valueColumns(schema.getFields().size(), k).length == 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "reduceByKey in flow %s: (%s) has no value column besides the keys %s",
          flow.name(), Schemas.render(schema), keys);
    }
    return add("reduceByKey", new Step.Reduce(k, reducer), AggregateSchemas.output(schema, k, reducer));
  }

  /** Groups rows by the first column: the key, then each other column as a list of its values. */
  public Dataset groupByKey() {
    return groupByKey(List.of(firstColumn()));
  }

  public Dataset groupByKey(List<String> keys) {
    int[] k = columns(keys);
    List<Field> fields = new ArrayList<>();
    for (int c : k) {
      fields.add(schema.getFields().get(c));
    }
    for (int c : AggregateSchemas.valueColumns(schema.getFields().size(), k)) {
      Field f = schema.getFields().get(c);
      fields.add(Schemas.listOf(f.getName(), f));
    }
    return add("groupByKey", new Step.GroupByKey(k), new Schema(fields));
  }

  public Dataset distinct() {
    List<String> all = schema.getFields().stream().map(Field::getName).toList();
    return add("distinct", new Step.Reduce(columns(all), new Reducer.Builtin(List.of())), schema);
  }

  /** Inner join on the first column of each side. */
  public Dataset join(Dataset right) {
    return join(right, JoinType.INNER);
  }

  public Dataset join(Dataset right, JoinType type) {
    return join(right, List.of(firstColumn()), List.of(right.firstColumn()), type);
  }

  /** Joins on {@code leftKeys = rightKeys}; output: left columns, then right columns (left only for SEMI/ANTI). */
  public Dataset join(Dataset right, List<String> leftKeys, List<String> rightKeys, JoinType type) {
    return join(right, leftKeys, rightKeys, type, JoinDistribution.PARTITIONED);
  }

  /**
   * Joins with an explicit distribution: {@link JoinDistribution#BROADCAST} copies the (small) right side to every
   * partition of this dataset instead of shuffling both.
   */
  public Dataset join(Dataset right, List<String> leftKeys, List<String> rightKeys, JoinType type,
      JoinDistribution distribution) {
    return join(right, leftKeys, rightKeys, type, distribution, Optional.empty());
  }

  /**
   * Joins on {@code leftKeys = rightKeys} and a further {@code condition} over the left columns followed by the
   * right columns (also for SEMI and ANTI): a pair of rows matches when the keys are equal and the condition is
   * TRUE.
   */
  public Dataset join(Dataset right, List<String> leftKeys, List<String> rightKeys, JoinType type,
      JoinDistribution distribution, Optional<Expr> condition) {
    requireNonNull(condition, "condition is null");
    if (distribution == JoinDistribution.BROADCAST && (type == JoinType.RIGHT || type == JoinType.FULL)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW,
          "a %s join cannot broadcast its right side: unmatched right rows would be emitted once per partition", type);
    }
    checkSameFlow(right);
    int[] lk = columns(leftKeys);
    int[] rk = right.columns(rightKeys);
    checkKeyCount(lk, rk);
    checkKeyTypes(right, lk, rk);
    Schema out = switch (type) {
      case SEMI, ANTI -> schema;
      case INNER, LEFT, RIGHT, FULL -> concat(schema, right.schema);
    };
    return add("join", new Step.Join(lk, rk, type, distribution, condition), out, this, right);
  }

  /**
   * Joins on any {@code condition} over the left columns followed by the right columns, testing every pair of
   * rows. Required memory: all of {@code right}, which is broadcast to every partition of this dataset (or, for
   * RIGHT and FULL joins, both sides are gathered into one partition), so keep the right side small.
   */
  public Dataset nestedLoopJoin(Dataset right, Expr condition, JoinType type) {
    requireNonNull(condition, "condition is null");
    requireNonNull(type, "type is null");
    checkSameFlow(right);
    Schema out = switch (type) {
      case SEMI, ANTI -> schema;
      case INNER, LEFT, RIGHT, FULL -> concat(schema, right.schema);
    };
    return add("nestedLoopJoin", new Step.NestedLoopJoin(condition, type), out, this, right);
  }

  /** Co-groups on the first column of each side: the key, then the left and right value columns as lists. */
  public Dataset coGroup(Dataset right) {
    return coGroup(right, List.of(firstColumn()), List.of(right.firstColumn()));
  }

  public Dataset coGroup(Dataset right, List<String> leftKeys, List<String> rightKeys) {
    checkSameFlow(right);
    int[] lk = columns(leftKeys);
    int[] rk = right.columns(rightKeys);
    checkKeyCount(lk, rk);
    checkKeyTypes(right, lk, rk);
    List<Field> fields = new ArrayList<>();
    for (int c : lk) {
      fields.add(schema.getFields().get(c));
    }
    Set<String> names = new HashSet<>();
    fields.forEach(f -> names.add(f.getName()));
    for (Dataset side : List.of(this, right)) {
      int[] keys = side == this ? lk : rk;
      for (int c : AggregateSchemas.valueColumns(side.schema.getFields().size(), keys)) {
        Field f = side.schema.getFields().get(c);
        String n = names.add(f.getName()) ? f.getName() : f.getName() + "_r";
        names.add(n);
        fields.add(Schemas.listOf(n, f));
      }
    }
    return add("coGroup", new Step.CoGroup(lk, rk), new Schema(fields), this, right);
  }

  /** Sorts all rows, e.g. {@code sort("count desc", "word")}: parallel local sorts, then a streaming merge. */
  public Dataset sort(String... order) {
    return add("sort", new Step.Sort(sortKeys(order)), schema);
  }

  /** Sorts all rows by column positions, with explicit NULL ordering. */
  public Dataset sort(List<SortKey> order) {
    if (order.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "sort needs at least one column");
    }
    return add("sort", new Step.Sort(List.copyOf(order)), schema);
  }

  /**
   * Windowed functions: every row, with one more column per call computed over its window partition (the rows
   * with equal {@code partitionBy} values) in {@code orderBy} (column positions). Rows are hash-partitioned by
   * {@code partitionBy} (gathered into one partition when it is empty), sorted within each partition by the
   * partition keys and the order (an external sort that spills), and walked one window partition at a time.
   * Required memory: the largest window partition's rows.
   */
  public Dataset window(List<String> partitionBy, List<SortKey> orderBy, List<WindowCall> calls) {
    requireNonNull(partitionBy, "partitionBy is null");
    requireNonNull(orderBy, "orderBy is null");
    requireNonNull(calls, "calls is null");
    if (calls.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "window needs at least one call");
    }
    int[] keys = columns(partitionBy);
    for (SortKey k : orderBy) {
      if (k.column() >= schema.getFields().size()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "window: no order column %d in (%s)", k.column(),
            Schemas.render(schema));
      }
    }
    List<Field> fields = new ArrayList<>(schema.getFields());
    for (WindowCall call : calls) {
      fields.add(call.outputField(schema));
    }
    return add("window", new Step.Window(keys, List.copyOf(orderBy), List.copyOf(calls)), new Schema(fields));
  }

  /** The first {@code n} rows in {@code order} (column positions). */
  public Dataset top(long n, List<SortKey> order) {
    if (n < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "top: n must not be negative, got %d", n);
    }
    if (order.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "top needs at least one column");
    }
    return add("top", new Step.Top(n, List.copyOf(order)), schema);
  }

  /** The first {@code n} rows in {@code order}: a top-N per partition, then a merge. */
  public Dataset top(long n, String... order) {
    if (n < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "top: n must not be negative, got %d", n);
    }
    return add("top", new Step.Top(n, sortKeys(order)), schema);
  }

  public Dataset limit(long n) {
    if (n < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "limit: n must not be negative, got %d", n);
    }
    return add("limit", new Step.Limit(n), schema);
  }

  /**
   * All rows but the first {@code n}, in one partition: after a sort or top, the first in their order; otherwise
   * the partitions are gathered first, in no particular order.
   */
  public Dataset offset(long n) {
    if (n < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "offset: n must not be negative, got %d", n);
    }
    return add("offset", new Step.Offset(n), schema);
  }

  /** Hash-partitions rows by {@code keys} (round-robin when none) into {@code partitions}. */
  public Dataset partition(int partitions, String... keys) {
    if (partitions < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "partition: count must be at least 1, got %d", partitions);
    }
    return add("partition", new Step.Partition(partitions, columns(List.of(keys))), schema);
  }

  public Dataset union(Dataset... others) {
    List<Dataset> all = new ArrayList<>();
    all.add(this);
    for (Dataset o : others) {
      checkSameFlow(o);
      if (o.schema.getFields().size() != schema.getFields().size()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "union: (%s) and (%s) differ in column count",
            Schemas.render(schema), Schemas.render(o.schema));
      }
      for (int c = 0; c < schema.getFields().size(); c++) {
        if (!schema.getFields().get(c).getType().equals(o.schema.getFields().get(c).getType())) {
          throw GleamException.user(ErrorCode.INVALID_FLOW, "union: (%s) and (%s) differ in the type of column %d",
              Schemas.render(schema), Schemas.render(o.schema), c + 1);
        }
      }
      all.add(o);
    }
    return add("union", new Step.Union(), schema, all.toArray(new Dataset[0]));
  }

  // ---- sinks ---------------------------------------------------------------------------------------------

  /** Prints each row to standard output with a {@link java.util.Formatter} pattern such as {@code "%s\t%d\n"}. */
  public Flow printf(String format) {
    return sink(new SinkSpec.Printf(format, Optional.empty()));
  }

  public Flow fprintf(String path, String format) {
    return sink(new SinkSpec.Printf(format, Optional.of(path)));
  }

  /** Writes one CSV file with a header line. */
  public Flow writeCsv(String path) {
    return sink(new SinkSpec.WriteFiles(SourceFormat.CSV, path, false, true));
  }

  public Flow writeTsv(String path) {
    return sink(new SinkSpec.WriteFiles(SourceFormat.TSV, path, false, false));
  }

  /** Writes a directory of part files, one per partition. */
  public Flow writeFiles(SourceFormat format, String directory, boolean header) {
    return sink(new SinkSpec.WriteFiles(format, directory, true, header));
  }

  /** Calls {@code consumer} for every row, one call at a time, when the flow runs. */
  public Flow forEach(RowConsumer consumer) {
    String fn = flow.name() + "/" + name + "/forEach" + flow.nextFunctionId();
    FunctionRegistry.register(fn, consumer);
    return sink(new SinkSpec.ForEach(fn));
  }

  /** Runs the flow and returns this dataset's rows (in order after a sort or top). */
  public List<Row> collect() {
    String id = "collect:" + name;
    sink(new SinkSpec.Collect(id));
    return flow.run().rows(id);
  }

  private Flow sink(SinkSpec spec) {
    Dataset d = add("sink", new Step.Sink(spec), schema);
    flow.addSink(d);
    return flow;
  }

  // ---- internals -----------------------------------------------------------------------------------------

  private Dataset add(String kind, Step step, Schema outSchema, Dataset... stepInputs) {
    List<Dataset> ins = stepInputs.length == 0 ? List.of(this) : List.of(stepInputs);
    return flow.newDataset(kind, step, ins, outSchema);
  }

  private UserFunction.Java javaFunction(String kind, Object fn) {
    requireNonNull(fn, "function is null");
    return FunctionRegistry.register(flow.name() + "/" + kind + "#" + flow.nextFunctionId(), fn);
  }

  private String firstColumn() {
    return schema.getFields().get(0).getName();
  }

  int[] columns(List<String> names) {
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Schemas.indexOf(schema, names.get(i));
    }
    return idx;
  }

  private List<SortKey> sortKeys(String... order) {
    if (order.length == 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "sort needs at least one column");
    }
    List<SortKey> keys = new ArrayList<>();
    for (String o : order) {
      String[] words = o.trim().split("\\s+");
      int c = Schemas.indexOf(schema, words[0]);
      String dir = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc";
      switch (dir) {
        case "asc" -> keys.add(SortKey.asc(c));
        case "desc" -> keys.add(SortKey.desc(c));
        default -> throw GleamException.user(ErrorCode.INVALID_FLOW, "sort column '%s': expected asc or desc", o);
      }
    }
    return keys;
  }

  private void checkSameFlow(Dataset other) {
    if (other.flow != flow) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "dataset %s belongs to flow %s, not %s",
          other.name, other.flow.name(), flow.name());
    }
  }

  /** Keys of different types never compare equal (nor hash alike), so such a join would silently match nothing. */
  private void checkKeyTypes(Dataset right, int[] lk, int[] rk) {
    for (int i = 0; i < lk.length; i++) {
      Field l = schema.getFields().get(lk[i]);
      Field r = right.schema.getFields().get(rk[i]);
      if (!l.getType().equals(r.getType())) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "join key %s %s and key %s %s differ in type",
            l.getName(), Schemas.typeName(l.getType()), r.getName(), Schemas.typeName(r.getType()));
      }
    }
  }

  private static void checkKeyCount(int[] lk, int[] rk) {
    if (lk.length != rk.length || lk.length == 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "join needs the same non-zero number of keys on each side, got %d and %d",
          lk.length, rk.length);
    }
  }

  private static Schema concat(Schema left, Schema right) {
    List<Field> fields = new ArrayList<>(left.getFields());
    Set<String> names = new HashSet<>();
    left.getFields().forEach(f -> names.add(f.getName()));
    for (Field f : right.getFields()) {
      String n = f.getName();
      while (!names.add(n)) {
        n = n + "_r";
      }
      fields.add(new Field(n, f.getFieldType(), f.getChildren()));
    }
    return new Schema(fields);
  }

  @Override
  public String toString() {
    return name + "(" + Schemas.render(schema) + ")";
  }
}
