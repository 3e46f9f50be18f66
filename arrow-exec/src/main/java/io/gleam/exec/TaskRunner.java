package io.gleam.exec;

import io.gleam.connectors.BatchWriter;
import io.gleam.connectors.Sinks;
import io.gleam.connectors.Sources;
import io.gleam.exec.exchange.ExchangeBuffer;
import io.gleam.exec.exchange.ExchangeWriter;
import io.gleam.exec.operator.AggregateOperator;
import io.gleam.exec.operator.CoGroupOperator;
import io.gleam.exec.operator.ComputeOperator;
import io.gleam.exec.operator.ExchangeReadOperator;
import io.gleam.exec.operator.GroupByKeyOperator;
import io.gleam.exec.operator.ColumnarHashJoinOperator;
import io.gleam.exec.operator.HashJoinOperator;
import io.gleam.exec.operator.LimitOperator;
import io.gleam.exec.operator.LongPartialAggregateOperator;
import io.gleam.exec.operator.MergeReadOperator;
import io.gleam.exec.operator.OffsetOperator;
import io.gleam.exec.operator.Operator;
import io.gleam.exec.operator.PipeAsArgsOperator;
import io.gleam.exec.operator.PipeOperator;
import io.gleam.exec.operator.PrimitiveAggregateOperator;
import io.gleam.exec.operator.ProjectOperator;
import io.gleam.exec.operator.RowStepsOperator;
import io.gleam.exec.operator.RowStream;
import io.gleam.exec.operator.ScanOperator;
import io.gleam.exec.operator.SortOperator;
import io.gleam.exec.operator.TopNOperator;
import io.gleam.exec.operator.TpchScanOperator;
import io.gleam.exec.operator.UnionOperator;
import io.gleam.exec.operator.ValuesOperator;
import io.gleam.exec.operator.WindowOperator;
import io.gleam.exec.rows.RowConformer;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.udf.RowTransform;
import io.gleam.exec.udf.LuaChain;
import io.gleam.exec.udf.LuaReducerRecognizer;
import io.gleam.exec.udf.UserCode;
import io.gleam.exec.udf.ValueCombiner;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.fn.FunctionRegistry;
import io.gleam.planner.fn.RowConsumer;
import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Stage;
import io.gleam.planner.plan.StageOutput;
import io.gleam.planner.spi.SinkSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs one task: builds the operator tree of a stage for one partition, then drains it into the stage's output
 * (an exchange or a sink). Consecutive row-wise user steps are fused into one operator.
 */
final class TaskRunner implements Runnable {
  private final RunContext context;
  private final Stage stage;
  private final int partition;
  private final UserCode userCode;
  private final List<ScanOperator> scans = new ArrayList<>();

  TaskRunner(RunContext context, Stage stage, int partition) {
    this.context = context;
    this.stage = stage;
    this.partition = partition;
    this.userCode = new UserCode(context.plan().luaLibraries());
  }

  String name() {
    return "stage " + stage.id() + " task " + partition;
  }

  @Override
  public void run() {
    context.slots().acquire();
    try {
      PlanNode root = stage.root();
      if (root instanceof PlanNode.Sink sink) {
        try (Operator in = build(sink.input())) {
          drainToSink(sink.sink(), in, userRows(sink.input()));
        }
      } else {
        try (Operator op = build(root)) {
          drainToExchange(op);
        }
      }
      long skipped = scans.stream().mapToLong(ScanOperator::skippedRows).sum();
      context.count("source.skippedRows", skipped);
    } catch (Throwable t) {
      context.fail(t);
    } finally {
      context.slots().release();
    }
  }

  private void drainToExchange(Operator op) {
    ExchangeBuffer exchange = context.exchange(stage.id());
    try (ExchangeWriter writer = new ExchangeWriter(exchange, partition, context.allocator(), context.slots())) {
      while (true) {
        // Checked before taking a batch: a batch taken is handed straight to the writer, which owns it.
        context.checkCancelled();
        Optional<VectorSchemaRoot> batch = op.next();
        if (batch.isEmpty()) {
          break;
        }
        writer.write(batch.get());
      }
      writer.finish();
      context.count("stage" + stage.id() + ".rowsOut", writer.rowsOut());
    }
  }

  private void drainToSink(SinkSpec sink, Operator in, Optional<RowConformer> conformer) {
    if (sink instanceof SinkSpec.Collect c) {
      RowInput rows = new RowInput(in);
      List<Row> out = new ArrayList<>();
      try {
        Object[] row;
        while ((row = rows.nextRow()) != null) {
          out.add(Row.wrap(conformer.isPresent() ? conformer.get().conform(row) : row));
        }
      } finally {
        rows.release();
      }
      context.collect(c.id(), partition, out);
    } else if (sink instanceof SinkSpec.ForEach f) {
      RowConsumer consumer = FunctionRegistry.lookup(f.function(), RowConsumer.class);
      RowInput rows = new RowInput(in);
      try {
        Object[] row;
        while ((row = rows.nextRow()) != null) {
          synchronized (consumer) {
            consumer.accept(Row.wrap(conformer.isPresent() ? conformer.get().conform(row) : row));
          }
        }
      } finally {
        rows.release();
      }
    } else {
      try (BatchWriter writer = Sinks.open(sink, partition, in.schema())) {
        Optional<VectorSchemaRoot> batch;
        while ((batch = in.next()).isPresent()) {
          try (VectorSchemaRoot b = batch.get()) {
            context.checkCancelled();
            writer.write(b);
          }
        }
      }
    }
  }

  private String consumer(String op) {
    return op + "[stage " + stage.id() + ", task " + partition + "]";
  }

  private ColumnarHashJoinOperator columnarJoin(PlanNode.HashJoin j, int[] projection) {
    return new ColumnarHashJoinOperator(j, projection, build(j.left()), build(j.right()), context,
        consumer("HashJoin"));
  }

  /**
   * A compute right over a columnar join: the join emits only the columns the compute reads (TPC-H Q5's last join
   * has 16 columns, of which its compute reads 3), and the compute reads them at their new places.
   */
  private Operator computeOverNarrowedJoin(PlanNode.Compute c, PlanNode.HashJoin j) {
    BitSet used = new BitSet();
    c.filter().ifPresent(f -> f.addColumns(used));
    c.projections().forEach(e -> e.addColumns(used));
    int width = j.schema().getFields().size();
    if (used.cardinality() == width) {
      return new ComputeOperator(c, build(j), context.allocator());
    }
    if (used.isEmpty()) {
      used.set(0);  // a batch keeps at least one column to carry its row count
    }
    int[] projection = used.stream().toArray();
    int[] newIndex = new int[width];
    for (int i = 0; i < projection.length; i++) {
      newIndex[projection[i]] = i;
    }
    PlanNode.Compute narrowed = new PlanNode.Compute(j, c.filter().map(f -> f.remapColumns(newIndex)),
        c.projections().stream().map(e -> e.remapColumns(newIndex)).toList(), c.schema());
    ColumnarHashJoinOperator join = columnarJoin(j, projection);
    context.count("join.columnsNotGathered", width - projection.length);
    return new ComputeOperator(narrowed, join.schema(), join, context.allocator());
  }

  Operator build(PlanNode node) {
    int batchRows = context.options().batchRows();
    if (node instanceof PlanNode.Scan s) {
      ScanOperator scan = new ScanOperator(Sources.open(s.source(), partition, context.allocator(), batchRows));
      scans.add(scan);
      return scan;
    } else if (node instanceof PlanNode.TpchScan t) {
      return new TpchScanOperator(t, partition, context.allocator(), batchRows);
    } else if (node instanceof PlanNode.Compute c) {
      if (c.input() instanceof PlanNode.Compute inner && inner.filter().isEmpty()
          && inner.projections().stream().allMatch(e -> e instanceof Expr.ColumnRef)) {
        // a compute over one that only picks columns (a join's columns put back in order): one compute
        int[] picked = inner.projections().stream().mapToInt(e -> ((Expr.ColumnRef) e).index()).toArray();
        return build(new PlanNode.Compute(inner.input(), c.filter().map(f -> f.remapColumns(picked)),
            c.projections().stream().map(e -> e.remapColumns(picked)).toList(), c.schema()));
      }
      if (c.input() instanceof PlanNode.HashJoin j && ColumnarHashJoinOperator.applies(j)) {
        return computeOverNarrowedJoin(c, j);
      }
      return new ComputeOperator(c, build(c.input()), context.allocator());
    } else if (node instanceof PlanNode.NestedLoopJoin j) {
      // A nested loop join is a hash join without keys: every right row lands in one bucket, and every pair is
      // tested against the condition.
      PlanNode.HashJoin asHash = new PlanNode.HashJoin(j.left(), j.right(), new int[0], new int[0], j.type(),
          Optional.of(j.condition()), j.schema());
      return new HashJoinOperator(asHash, build(j.left()), build(j.right()), context, consumer("NestedLoopJoin"));
    } else if (node instanceof PlanNode.Values v) {
      return new ValuesOperator(v.schema(), v.rows(), partition, stage.partitions(), context.allocator(), batchRows);
    } else if (node instanceof PlanNode.ExchangeRead r) {
      ExchangeBuffer exchange = context.exchange(r.stage());
      if (exchange.perProducer()) {
        return new MergeReadOperator(r.schema(), exchange, r.mergeOrder(), context.slots(), context.allocator(),
            batchRows);
      }
      return new ExchangeReadOperator(r.schema(), exchange, partition, r.reader(), context.slots());
    } else if (node instanceof PlanNode.Map || node instanceof PlanNode.FlatMap || node instanceof PlanNode.Filter) {
      return rowSteps(node, new int[0]);
    } else if (node instanceof PlanNode.Project p) {
      if (p.input() instanceof PlanNode.HashJoin j && ColumnarHashJoinOperator.applies(j)) {
        context.count("join.columnsNotGathered", j.schema().getFields().size() - p.columns().length);
        return columnarJoin(j, p.columns());
      }
      return new ProjectOperator(p.schema(), build(p.input()), p.columns());
    } else if (node instanceof PlanNode.Aggregate a) {
      int[] stateKeys = a.mode() == PlanNode.AggMode.FINAL ? prefix(a.keys().length) : a.keys();
      Optional<Reducer> builtin = LuaReducerRecognizer.builtinFor(a.reducer(), a.input().schema(), stateKeys);
      if (builtin.isPresent()) {
        a = new PlanNode.Aggregate(a.input(), a.keys(), builtin.get(), a.mode(), a.schema());
      }
      ValueCombiner combiner = a.reducer() instanceof Reducer.User u
          ? userCode.reducer(consumer("reduce"), u.function()) : null;
      boolean rawKeys = a.mode() != PlanNode.AggMode.FINAL && a.reducer() instanceof Reducer.Builtin
          && endsInLua(a.input());
      Operator input = rawKeys ? rowSteps(a.input(), a.keys()) : build(a.input());
      // Batches in (SQL): the columnar aggregate, which reads only the columns it aggregates; rows in (user code,
      // word count): the row aggregate for COUNT/SUM, which takes rows without building batches.
      if (!(input instanceof RowStream) && PrimitiveAggregateOperator.applies(a)) {
        return new PrimitiveAggregateOperator(a, input, context, consumer("Aggregate"));
      }
      if (LongPartialAggregateOperator.applies(a)) {
        return new LongPartialAggregateOperator(a, input, context, consumer("Aggregate"));
      }
      return new AggregateOperator(a, input, combiner, context, consumer("Aggregate"));
    } else if (node instanceof PlanNode.GroupByKey g) {
      return new GroupByKeyOperator(g, build(g.input()), context, consumer("GroupByKey"));
    } else if (node instanceof PlanNode.HashJoin j) {
      if (ColumnarHashJoinOperator.applies(j)) {
        return columnarJoin(j, null);
      }
      return new HashJoinOperator(j, build(j.left()), build(j.right()), context, consumer("HashJoin"));
    } else if (node instanceof PlanNode.CoGroup c) {
      return new CoGroupOperator(c, build(c.left()), build(c.right()), context, consumer("CoGroup"));
    } else if (node instanceof PlanNode.Sort s) {
      return new SortOperator(s, build(s.input()), context, consumer("Sort"));
    } else if (node instanceof PlanNode.Window w) {
      return new WindowOperator(w, build(w.input()), context, consumer("Window"));
    } else if (node instanceof PlanNode.TopN t) {
      return new TopNOperator(t, build(t.input()), context);
    } else if (node instanceof PlanNode.Limit l) {
      return new LimitOperator(build(l.input()), l.limit());
    } else if (node instanceof PlanNode.Offset o) {
      return new OffsetOperator(build(o.input()), o.offset());
    } else if (node instanceof PlanNode.Pipe p) {
      return new PipeOperator(p, build(p.input()), context);
    } else if (node instanceof PlanNode.PipeAsArgs p) {
      return new PipeAsArgsOperator(p, build(p.input()), context);
    } else if (node instanceof PlanNode.Union u) {
      List<Operator> ins = new ArrayList<>();
      for (PlanNode child : u.inputs()) {
        ins.add(build(child));
      }
      return new UnionOperator(u.schema(), ins);
    } else if (node instanceof PlanNode.Sink) {
      throw new GleamException(ErrorCode.INTERNAL, "a sink inside a stage: " + node.explain());
    }
    throw new GleamException(ErrorCode.INTERNAL, "no operator for " + node.explain());
  }

  /**
   * Fuses a chain of map/flatMap/filter nodes into one operator; consecutive Lua steps become one {@link LuaChain}
   * whose values stay Lua values between steps.
   */
  private Operator rowSteps(PlanNode top, int[] rawStringColumns) {
    List<PlanNode> chain = new ArrayList<>();
    PlanNode node = top;
    while (node instanceof PlanNode.Map || node instanceof PlanNode.FlatMap || node instanceof PlanNode.Filter) {
      chain.add(0, node);
      node = node.children().get(0);
    }
    List<RowTransform> steps = new ArrayList<>();
    LuaChain lua = null;
    for (PlanNode n : chain) {
      UserFunction fn = n instanceof PlanNode.Map m ? m.function()
          : n instanceof PlanNode.FlatMap f ? f.function() : ((PlanNode.Filter) n).function();
      String step = n instanceof PlanNode.Map m ? m.step()
          : n instanceof PlanNode.FlatMap f ? f.step() : ((PlanNode.Filter) n).step();
      if (fn instanceof UserFunction.Lua) {
        if (lua == null) {
          lua = new LuaChain();
          steps.add(lua);
        }
        LuaChain.Kind kind = n instanceof PlanNode.Map ? LuaChain.Kind.MAP
            : n instanceof PlanNode.FlatMap ? LuaChain.Kind.FLAT_MAP : LuaChain.Kind.FILTER;
        lua.add(kind, userCode.lua(step, (UserFunction.Lua) fn));
        continue;
      }
      lua = null;
      if (n instanceof PlanNode.Map) {
        steps.add(userCode.map(step, fn));
      } else if (n instanceof PlanNode.FlatMap) {
        steps.add(userCode.flatMap(step, fn));
      } else {
        steps.add(userCode.filter(step, fn));
      }
    }
    if (lua != null && rawStringColumns.length > 0) {
      lua.keepRawStrings(rawStringColumns);
    }
    String lastStep = top instanceof PlanNode.Map m ? m.step()
        : top instanceof PlanNode.FlatMap f ? f.step() : ((PlanNode.Filter) top).step();
    ErrorCode widthError = endsInLua(top) ? ErrorCode.LUA_ERROR : ErrorCode.USER_FUNCTION_FAILED;
    return new RowStepsOperator(top.schema(), build(node), steps, context, context.allocator(),
        context.options().batchRows(), lastStep, widthError);
  }

  /** True when {@code node} is a row-step chain whose last step is Lua (so its output rows come from Lua). */
  private static boolean endsInLua(PlanNode node) {
    UserFunction fn = node instanceof PlanNode.Map m ? m.function()
        : node instanceof PlanNode.FlatMap f ? f.function()
        : node instanceof PlanNode.Filter f ? f.function() : null;
    return fn instanceof UserFunction.Lua;
  }

  private static int[] prefix(int n) {
    int[] k = new int[n];
    for (int i = 0; i < n; i++) {
      k[i] = i;
    }
    return k;
  }

  /**
   * When the rows reaching a collect or forEach sink come straight from user code in this task (not through
   * Arrow, which checks and converts them), a conformer that makes them rows of the declared schema, blaming the
   * user step that made them.
   */
  private static Optional<RowConformer> userRows(PlanNode node) {
    while (node instanceof PlanNode.Filter || node instanceof PlanNode.Limit || node instanceof PlanNode.TopN
        || node instanceof PlanNode.Sort || node instanceof PlanNode.Offset) {
      node = node.children().get(0);
    }
    if (node instanceof PlanNode.Map m) {
      return Optional.of(new RowConformer(m.step(), node.schema(), errorCode(m.function())));
    } else if (node instanceof PlanNode.FlatMap f) {
      return Optional.of(new RowConformer(f.step(), node.schema(), errorCode(f.function())));
    }
    return Optional.empty();
  }

  private static ErrorCode errorCode(UserFunction fn) {
    return fn instanceof UserFunction.Lua ? ErrorCode.LUA_ERROR : ErrorCode.USER_FUNCTION_FAILED;
  }

  static int queueCapacity(Stage producer) {
    return Math.max(4, 2 * producer.partitions());
  }

  static boolean hasExchange(Stage s) {
    return !(s.output() instanceof StageOutput.Result);
  }
}
