package io.gleam.planner;

import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.Stage;
import io.gleam.planner.plan.StageOutput;
import io.gleam.planner.spi.SinkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts a flow into stages. One-to-one steps fuse into the current stage; a step that needs rows grouped differently
 * closes the stage with an exchange (hash, merge, gather) and opens a new one. A step whose input is already
 * partitioned by its keys adds no exchange. Distributed steps are local work, one exchange, local work:
 * reduceByKey is a partial aggregate, a hash exchange and a final aggregate; sort is parallel local sorts and a
 * streaming merge; top is a top-N per partition, a merge and a limit. A dataset that several steps read is computed
 * once: its stage ends in a shared output that every reader reads in full (a source scan, cheap to read again, is
 * read once per reader instead).
 */
final class PhysicalPlanner {
  private final Flow flow;
  private final List<Stage> stages = new ArrayList<>();
  private final Map<Dataset, Fragment> memo = new HashMap<>();
  /** How many steps read each dataset, counted over the datasets the sinks need. */
  private final Map<Dataset, Integer> consumers = new HashMap<>();
  /** For a dataset whose stage ends in a shared output: the next reader to hand out. */
  private final Map<Dataset, Integer> nextReader = new HashMap<>();

  /** An open stage: its operator tree so far, its partition count, and the hash keys rows are grouped by. */
  private record Fragment(PlanNode node, int partitions, Optional<int[]> hashedBy) {
    boolean isHashedBy(int[] keys, int n) {
      return partitions == n && hashedBy.isPresent() && Arrays.equals(hashedBy.get(), keys);
    }

    Fragment with(PlanNode newNode) {
      return new Fragment(newNode, partitions, hashedBy);
    }
  }

  PhysicalPlanner(Flow flow) {
    this.flow = flow;
  }

  PhysicalPlan plan(List<Dataset> sinks) {
    Set<Dataset> seen = new HashSet<>();
    for (Dataset sink : sinks) {
      countConsumers(sink, seen);
    }
    for (Dataset sink : sinks) {
      Fragment f = fragment(sink);
      stages.add(new Stage(stages.size(), f.partitions(), f.node(), new StageOutput.Result()));
    }
    return new PhysicalPlan(flow.name(), stages, flow.luaLibraries());
  }

  /** Counts, for every dataset the sinks need, how many step inputs name it (a self-join counts twice). */
  private void countConsumers(Dataset d, Set<Dataset> seen) {
    if (!seen.add(d)) {
      return;
    }
    for (Dataset in : d.inputs) {
      consumers.merge(in, 1, Integer::sum);
      countConsumers(in, seen);
    }
  }

  /**
   * The fragment one reader of {@code d} continues. Every step input calls this once, so a dataset with several
   * readers is asked for once per reader: the first call lowers it and, unless it is a bare source scan, closes its
   * stage with a {@link StageOutput.Shared} output; each call then gets its own reader of that output.
   */
  private Fragment fragment(Dataset d) {
    Fragment f = memo.get(d);
    if (f == null) {
      f = lower(d);
      int readers = consumers.getOrDefault(d, 1);
      if (readers > 1 && !isSourceScan(f.node())) {
        int id = closeStage(f, new StageOutput.Shared(f.partitions(), readers));
        f = new Fragment(new PlanNode.ExchangeRead(id, f.node().schema(), List.of()), f.partitions(), f.hashedBy());
        nextReader.put(d, 0);
      }
      memo.put(d, f);
    }
    Integer reader = nextReader.get(d);
    if (reader == null) {
      return f;
    }
    PlanNode.ExchangeRead shared = (PlanNode.ExchangeRead) f.node();
    StageOutput.Shared output = (StageOutput.Shared) stages.get(shared.stage()).output();
    if (reader >= output.readers()) {
      throw new GleamException(ErrorCode.INTERNAL, "dataset " + d.name + " has " + output.readers()
          + " readers, asked for another");
    }
    nextReader.put(d, reader + 1);
    return f.with(new PlanNode.ExchangeRead(shared.stage(), shared.schema(), List.of(), reader));
  }

  /** A scan of a source with nothing on it: reading it once per reader costs what keeping its rows would. */
  private static boolean isSourceScan(PlanNode node) {
    return node instanceof PlanNode.Scan || node instanceof PlanNode.TpchScan || node instanceof PlanNode.Values;
  }

  private Fragment lower(Dataset d) {
    Step step = d.step;
    if (step instanceof Step.Read r) {
      return new Fragment(new PlanNode.Scan(r.source()), r.source().shards(), Optional.empty());
    } else if (step instanceof Step.TpchRead t) {
      return new Fragment(new PlanNode.TpchScan(t.table(), t.scaleFactor(), t.shards(), d.schema), t.shards(),
          Optional.empty());
    } else if (step instanceof Step.Compute c) {
      Fragment in = input(d);
      PlanNode compute = new PlanNode.Compute(in.node(), c.filter(), c.projections(), d.schema);
      return new Fragment(compute, in.partitions(), in.hashedBy().flatMap(k -> passedThrough(k, c.projections())));
    } else if (step instanceof Step.NestedLoopJoin j) {
      return nestedLoopJoin(d, j);
    } else if (step instanceof Step.Values v) {
      return new Fragment(new PlanNode.Values(d.schema, v.rows(), v.shards()), v.shards(), Optional.empty());
    } else if (step instanceof Step.Map m) {
      // A map may rewrite the key columns, so its output is no longer known to be hash partitioned.
      Fragment in = input(d);
      return new Fragment(new PlanNode.Map(d.name, in.node(), m.function(), m.schema()), in.partitions(),
          Optional.empty());
    } else if (step instanceof Step.FlatMap m) {
      Fragment in = input(d);
      return new Fragment(new PlanNode.FlatMap(d.name, in.node(), m.function(), m.schema()), in.partitions(),
          Optional.empty());
    } else if (step instanceof Step.Filter f) {
      Fragment in = input(d);
      return in.with(new PlanNode.Filter(d.name, in.node(), f.function()));
    } else if (step instanceof Step.Select s) {
      Fragment in = input(d);
      return new Fragment(new PlanNode.Project(in.node(), s.columns(), d.schema), in.partitions(), Optional.empty());
    } else if (step instanceof Step.Reduce r) {
      return reduce(d, r);
    } else if (step instanceof Step.GroupByKey g) {
      Fragment grouped = input(d);
      Fragment in = hashed(grouped, g.keys(), exchangePartitions(grouped));
      return new Fragment(new PlanNode.GroupByKey(in.node(), g.keys(), d.schema), in.partitions(),
          Optional.of(prefix(g.keys().length)));
    } else if (step instanceof Step.Join j) {
      return join(d, j);
    } else if (step instanceof Step.CoGroup c) {
      Fragment l = fragment(d.inputs.get(0));
      Fragment r = fragment(d.inputs.get(1));
      int n = Math.max(exchangePartitions(l), exchangePartitions(r));
      Fragment lh = hashed(l, c.leftKeys(), n);
      Fragment rh = hashed(r, c.rightKeys(), n);
      return new Fragment(new PlanNode.CoGroup(lh.node(), rh.node(), c.leftKeys(), c.rightKeys(), d.schema), n,
          Optional.of(prefix(c.leftKeys().length)));
    } else if (step instanceof Step.Sort s) {
      Fragment in = input(d);
      PlanNode sorted = new PlanNode.Sort(in.node(), s.order());
      return in.partitions() == 1 ? in.with(sorted) : merge(in.with(sorted), s.order());
    } else if (step instanceof Step.Top t) {
      Fragment in = input(d);
      PlanNode top = new PlanNode.TopN(in.node(), t.n(), t.order());
      if (in.partitions() == 1) {
        return in.with(top);
      }
      Fragment merged = merge(in.with(top), t.order());
      return merged.with(new PlanNode.Limit(merged.node(), t.n()));
    } else if (step instanceof Step.Window w) {
      return window(d, w);
    } else if (step instanceof Step.Limit l) {
      Fragment in = input(d);
      PlanNode limited = new PlanNode.Limit(in.node(), l.n());
      if (in.partitions() == 1) {
        return in.with(limited);
      }
      Fragment gathered = merge(in.with(limited), List.of());
      return gathered.with(new PlanNode.Limit(gathered.node(), l.n()));
    } else if (step instanceof Step.Offset o) {
      Fragment in = input(d);
      Fragment gathered = in.partitions() == 1 ? in : merge(in, List.of());
      return gathered.with(new PlanNode.Offset(gathered.node(), o.n()));
    } else if (step instanceof Step.Partition p) {
      return exchange(input(d), p.keys(), p.partitions());
    } else if (step instanceof Step.Union u) {
      return union(d);
    } else if (step instanceof Step.Pipe p) {
      Fragment in = input(d);
      return new Fragment(new PlanNode.Pipe(d.name, in.node(), p.command(), p.schema()), in.partitions(),
          Optional.empty());
    } else if (step instanceof Step.PipeAsArgs p) {
      Fragment in = input(d);
      return new Fragment(new PlanNode.PipeAsArgs(d.name, in.node(), p.command(), p.schema()), in.partitions(),
          Optional.empty());
    } else if (step instanceof Step.Sink s) {
      Dataset source = d.inputs.get(0);
      if (s.sink() instanceof SinkSpec.WriteFiles w && w.directory() && source.step instanceof Step.Sort sort
          && consumers.getOrDefault(source, 1) == 1 && exchangePartitions(null) > 1) {
        Fragment sorted = rangeSort(fragment(source.inputs.get(0)), sort.order());
        return sorted.with(new PlanNode.Sink(sorted.node(), s.sink()));
      }
      Fragment in = input(d);
      boolean oneFile = s.sink() instanceof SinkSpec.WriteFiles w ? !w.directory()
          : s.sink() instanceof SinkSpec.Printf p && p.path().isPresent();
      if (oneFile && in.partitions() > 1) {
        in = merge(in, List.of());
      }
      return in.with(new PlanNode.Sink(in.node(), s.sink()));
    }
    throw new GleamException(ErrorCode.INTERNAL, "unknown step " + step);
  }

  /**
   * A sort that stays parallel to the end: a range exchange on the order (boundaries sampled at run time), then a
   * local sort per partition. Partition {@code i} holds keys before those of partition {@code i + 1}, so the
   * partitions in order are the sorted rows, e.g. the part files of a directory sink in name order.
   */
  private Fragment rangeSort(Fragment in, List<SortKey> order) {
    int n = exchangePartitions(in);
    int id = closeStage(in, new StageOutput.Range(order, n));
    PlanNode read = new PlanNode.ExchangeRead(id, in.node().schema(), List.of());
    return new Fragment(new PlanNode.Sort(read, order), n, Optional.empty());
  }

  private Fragment input(Dataset d) {
    return fragment(d.inputs.get(0));
  }

  private Fragment reduce(Dataset d, Step.Reduce r) {
    Fragment in = input(d);
    int n = exchangePartitions(in);
    int[] outKeys = prefix(r.keys().length);
    if (in.isHashedBy(r.keys(), in.partitions())) {
      PlanNode agg = new PlanNode.Aggregate(in.node(), r.keys(), r.reducer(), PlanNode.AggMode.SINGLE, d.schema);
      return new Fragment(agg, in.partitions(), Optional.of(outKeys));
    }
    Reducer reducer = r.reducer();
    PlanNode partial = new PlanNode.Aggregate(in.node(), r.keys(), reducer, PlanNode.AggMode.PARTIAL,
        AggregateSchemas.partial(d.inputs.get(0).schema, r.keys(), reducer));
    Fragment shuffled = exchange(in.with(partial), outKeys, n);
    PlanNode fin = new PlanNode.Aggregate(shuffled.node(), outKeys, reducer, PlanNode.AggMode.FINAL, d.schema);
    return shuffled.with(fin);
  }

  /**
   * A window step: rows hash-partitioned by the partition keys and sorted by them and the order within each
   * partition; without partition keys, parallel local sorts by the order and a streaming merge into one partition.
   * The output keeps the input's columns in place, so its hash partitioning too.
   */
  private Fragment window(Dataset d, Step.Window w) {
    Fragment in = input(d);
    Fragment sorted;
    if (w.partitionKeys().length == 0) {
      if (w.order().isEmpty()) {
        sorted = in.partitions() == 1 ? in : merge(in, List.of());
      } else {
        PlanNode local = new PlanNode.Sort(in.node(), w.order());
        sorted = in.partitions() == 1 ? in.with(local) : merge(in.with(local), w.order());
      }
    } else {
      Fragment hashed = hashed(in, w.partitionKeys(), in.isHashedBy(w.partitionKeys(), in.partitions())
          ? in.partitions() : exchangePartitions(in));
      List<SortKey> order = new ArrayList<>();
      for (int k : w.partitionKeys()) {
        order.add(SortKey.asc(k));
      }
      order.addAll(w.order());
      sorted = hashed.with(new PlanNode.Sort(hashed.node(), order));
    }
    return sorted.with(new PlanNode.Window(sorted.node(), w.partitionKeys(), w.order(), w.calls(), d.schema));
  }

  private Fragment join(Dataset d, Step.Join j) {
    Fragment l = fragment(d.inputs.get(0));
    Fragment r = fragment(d.inputs.get(1));
    if (j.distribution() == JoinDistribution.BROADCAST) {
      int id = closeStage(r, new StageOutput.Broadcast(l.partitions()));
      PlanNode read = new PlanNode.ExchangeRead(id, r.node().schema(), List.of());
      PlanNode join = new PlanNode.HashJoin(l.node(), read, j.leftKeys(), j.rightKeys(), j.type(), j.condition(),
          d.schema);
      return l.with(join);
    }
    int n = l.isHashedBy(j.leftKeys(), l.partitions()) ? l.partitions()
        : r.isHashedBy(j.rightKeys(), r.partitions()) ? r.partitions()
        : Math.max(exchangePartitions(l), exchangePartitions(r));
    Fragment lh = hashed(l, j.leftKeys(), n);
    Fragment rh = hashed(r, j.rightKeys(), n);
    PlanNode join = new PlanNode.HashJoin(lh.node(), rh.node(), j.leftKeys(), j.rightKeys(), j.type(),
        j.condition(), d.schema);
    Optional<int[]> hashed = j.type() == JoinType.RIGHT || j.type() == JoinType.FULL
        ? Optional.empty() : Optional.of(j.leftKeys());
    return new Fragment(join, n, hashed);
  }

  /**
   * A nested loop join broadcasts its (small) right side to every left partition; RIGHT and FULL joins, whose
   * unmatched right rows must be emitted once, gather both sides into one partition instead.
   */
  private Fragment nestedLoopJoin(Dataset d, Step.NestedLoopJoin j) {
    Fragment l = fragment(d.inputs.get(0));
    Fragment r = fragment(d.inputs.get(1));
    if (j.type() == JoinType.RIGHT || j.type() == JoinType.FULL) {
      Fragment lg = l.partitions() == 1 ? l : merge(l, List.of());
      Fragment rg = r.partitions() == 1 ? r : merge(r, List.of());
      return new Fragment(new PlanNode.NestedLoopJoin(lg.node(), rg.node(), j.condition(), j.type(), d.schema), 1,
          Optional.empty());
    }
    int id = closeStage(r, new StageOutput.Broadcast(l.partitions()));
    PlanNode read = new PlanNode.ExchangeRead(id, r.node().schema(), List.of());
    return l.with(new PlanNode.NestedLoopJoin(l.node(), read, j.condition(), j.type(), d.schema));
  }

  /** The output positions of hash keys a projection passes through unchanged, if it passes all of them. */
  private static Optional<int[]> passedThrough(int[] keys, List<io.gleam.planner.expr.Expr> projections) {
    int[] out = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = -1;
      for (int j = 0; j < projections.size(); j++) {
        if (projections.get(j) instanceof io.gleam.planner.expr.Expr.ColumnRef ref && ref.index() == keys[i]) {
          out[i] = j;
          break;
        }
      }
      if (out[i] < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }

  private Fragment union(Dataset d) {
    List<Fragment> ins = d.inputs.stream().map(this::fragment).toList();
    int n = ins.get(0).partitions();
    boolean same = ins.stream().allMatch(f -> f.partitions() == n);
    int target = same ? n : ins.stream().mapToInt(Fragment::partitions).max().orElse(1);
    List<PlanNode> nodes = new ArrayList<>();
    for (Fragment f : ins) {
      nodes.add(same ? f.node() : exchange(f, new int[0], target).node());
    }
    return new Fragment(new PlanNode.Union(nodes), target, Optional.empty());
  }

  /** {@code f} hash-partitioned by {@code keys} into {@code n}, adding an exchange only when needed. */
  private Fragment hashed(Fragment f, int[] keys, int n) {
    return f.isHashedBy(keys, n) ? f : exchange(f, keys, n);
  }

  private Fragment exchange(Fragment f, int[] keys, int n) {
    int id = closeStage(f, new StageOutput.Hash(keys, n));
    Optional<int[]> hashedBy = keys.length == 0 ? Optional.empty() : Optional.of(keys);
    return new Fragment(new PlanNode.ExchangeRead(id, f.node().schema(), List.of()), n, hashedBy);
  }

  private Fragment merge(Fragment f, List<SortKey> order) {
    int id = closeStage(f, new StageOutput.Merge(order));
    return new Fragment(new PlanNode.ExchangeRead(id, f.node().schema(), order), 1, Optional.empty());
  }

  private int closeStage(Fragment f, StageOutput output) {
    int id = stages.size();
    stages.add(new Stage(id, f.partitions(), f.node(), output));
    return id;
  }

  private int exchangePartitions(Fragment in) {
    return Math.max(flow.parallelism(), 1);
  }

  private static int[] prefix(int n) {
    int[] k = new int[n];
    for (int i = 0; i < n; i++) {
      k[i] = i;
    }
    return k;
  }
}
