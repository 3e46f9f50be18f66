package io.gleam.planner;

import io.gleam.planner.expr.Expr;
import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.WindowCall;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceSpec;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/** The step that made a dataset: the logical flow, before it is cut into stages. */
sealed interface Step {
  record Read(SourceSpec source) implements Step {}

  record TpchRead(String table, double scaleFactor, int shards) implements Step {}

  record Compute(Optional<Expr> filter, List<Expr> projections) implements Step {}

  record NestedLoopJoin(Expr condition, JoinType type) implements Step {}

  record Values(List<List<Object>> rows, int shards) implements Step {}

  record Map(UserFunction function, Schema schema) implements Step {}

  record FlatMap(UserFunction function, Schema schema) implements Step {}

  record Filter(UserFunction function) implements Step {}

  record Select(int[] columns) implements Step {}

  record Reduce(int[] keys, Reducer reducer) implements Step {}

  record GroupByKey(int[] keys) implements Step {}

  record Join(int[] leftKeys, int[] rightKeys, JoinType type, JoinDistribution distribution,
      Optional<Expr> condition) implements Step {}

  record CoGroup(int[] leftKeys, int[] rightKeys) implements Step {}

  record Sort(List<SortKey> order) implements Step {}

  record Top(long n, List<SortKey> order) implements Step {}

  record Window(int[] partitionKeys, List<SortKey> order, List<WindowCall> calls) implements Step {}

  record Limit(long n) implements Step {}

  record Offset(long n) implements Step {}

  record Partition(int partitions, int[] keys) implements Step {}

  record Union() implements Step {}

  record Pipe(String command, Schema schema) implements Step {}

  record PipeAsArgs(String command, Schema schema) implements Step {}

  record Sink(SinkSpec sink) implements Step {}
}
