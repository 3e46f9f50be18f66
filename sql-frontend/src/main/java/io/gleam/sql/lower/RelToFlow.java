package io.gleam.sql.lower;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import io.gleam.sql.catalog.FileTableSource;
import io.gleam.sql.catalog.GleamTable;
import io.gleam.sql.catalog.ManagedTableSource;
import io.gleam.sql.catalog.TpchTableSource;
import io.gleam.sql.catalog.TypeMapping;
import io.gleam.sql.planner.KeyJoinRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Lowers an optimized tree of Calcite {@code Logical*} nodes to a Gleam {@link Flow}, through the same fluent API
 * Java programs use, so SQL and the fluent API share one physical plan shape.
 *
 * <ul>
 *   <li>table scan: a TPC-H generator, a file source ({@link FileTableSource#toSourceSpec}), or a managed table's
 *       Arrow batches held in memory ({@link SourceSpec#memory}; the rows given as values for tables without);
 *   <li>filter, project, calc: one vectorized {@link Dataset#compute} step with the expressions of
 *       {@link RexToExpr};
 *   <li>aggregate: see {@link AggregateToFlow};
 *   <li>join: a hash join on the equi-keys with the rest of the condition as a residual, its right side broadcast
 *       when it is estimated small (see {@link #broadcasts}), or for an inner join its left side when that one is
 *       ({@link #leftBroadcastJoin}), else both sides shuffled by the keys; a nested loop join (right side
 *       broadcast) when there are no equi-keys;
 *   <li>sort: a sort, or a top-N with FETCH, then an offset step for OFFSET; union, values; INTERSECT and EXCEPT
 *       through Calcite's rewrites to aggregates, their ALL forms over rows numbered by a window;
 *   <li>window: see {@link WindowToFlow}.
 * </ul>
 * Anything else fails with {@link ErrorCode#INVALID_FLOW} naming the node.
 */
public final class RelToFlow {
  private final Flow flow;
  private final RexBuilder rexBuilder;
  private final int shards;
  private final Function<String, Optional<List<List<Object>>>> managedRows;

  /**
   * A lowering into {@code flow}, reading sources in {@code shards} parallel shards and the rows of a managed
   * table (by its name in {@code main}) from {@code managedRows}.
   */
  public RelToFlow(Flow flow, RexBuilder rexBuilder, int shards,
      Function<String, Optional<List<List<Object>>>> managedRows) {
    this.flow = requireNonNull(flow, "flow is null");
    this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
    this.shards = shards;
    this.managedRows = requireNonNull(managedRows, "managedRows is null");
  }

  /** A lowering without managed tables. */
  public RelToFlow(Flow flow, RexBuilder rexBuilder, int shards) {
    this(flow, rexBuilder, shards, name -> Optional.empty());
  }

  /** The dataset of the rows of {@code rel}, one column per field of its row type, in order. */
  public Dataset lower(RelNode rel) {
    if (rel instanceof TableScan scan) {
      return scan(scan);
    } else if (rel instanceof Values values) {
      return values(values);
    } else if (rel instanceof Filter filter) {
      Dataset in = lower(filter.getInput());
      Expr condition = new RexToExpr(in.schema(), rexBuilder).translate(filter.getCondition());
      return in.compute(Optional.of(condition), ColumnRefs.identity(in.schema()), ColumnRefs.names(in.schema()));
    } else if (rel instanceof Project project && project.getInput() instanceof Filter filter) {
      // One compute step: a filter lowered alone would copy every column of the rows it keeps (all sixteen of
      // lineitem's, comments included) for the project above it to pick a few. The filter's row type is its
      // input's, so the project's column references hold for that input.
      Optional<Dataset> pruned = computeOverScan(filter.getInput(), filter.getCondition(),
          project.getProjects(), project.getRowType().getFieldNames());
      if (pruned.isPresent()) {
        return pruned.get();
      }
      Dataset in = lower(filter.getInput());
      RexToExpr rex = new RexToExpr(in.schema(), rexBuilder);
      return in.compute(Optional.of(rex.translate(filter.getCondition())), rex.translate(project.getProjects()),
          project.getRowType().getFieldNames());
    } else if (rel instanceof Project project) {
      Optional<Dataset> pruned = computeOverScan(project.getInput(), null, project.getProjects(),
          project.getRowType().getFieldNames());
      if (pruned.isPresent()) {
        return pruned.get();
      }
      Dataset in = lower(project.getInput());
      List<Expr> exprs = new RexToExpr(in.schema(), rexBuilder).translate(project.getProjects());
      return in.compute(Optional.empty(), exprs, project.getRowType().getFieldNames());
    } else if (rel instanceof Calc calc) {
      return calc(calc);
    } else if (rel instanceof Aggregate aggregate) {
      if (mixesDistinct(aggregate)) {
        return lower(expandDistinct(aggregate));
      }
      return new AggregateToFlow(flow).lower(aggregate, lower(aggregate.getInput()));
    } else if (rel instanceof Window window) {
      return new WindowToFlow().lower(window, lower(window.getInput()));
    } else if (rel instanceof Join join) {
      return join(join);
    } else if (rel instanceof Sort sort) {
      return sort(sort);
    } else if (rel instanceof Union union) {
      return union(union);
    } else if ((rel instanceof Intersect || rel instanceof Minus) && !((SetOp) rel).all) {
      return lower(setOpAsAggregates(rel));
    } else if (rel instanceof Intersect || rel instanceof Minus) {
      return lower(setOpAllAsDistinct((SetOp) rel));
    }
    throw unsupported(rel);
  }

  private Dataset scan(TableScan scan) {
    GleamTable table = scan.getTable().unwrap(GleamTable.class);
    if (table == null) {
      throw unsupported(scan);
    }
    if (table.source() instanceof TpchTableSource t) {
      return flow.readTpch(t.table(), t.scaleFactor(), shards, table.schema());
    } else if (table.source() instanceof FileTableSource f) {
      return flow.read(f.toSourceSpec(table.schema(), shards));
    } else if (table.source() instanceof ManagedTableSource m && !m.tableId().isEmpty()) {
      return flow.read(SourceSpec.memory(m.tableId(), shards, table.schema()));
    } else if (table.source() instanceof ManagedTableSource) {
      List<String> name = scan.getTable().getQualifiedName();
      List<List<Object>> rows = managedRows.apply(name.get(name.size() - 1)).orElseThrow(() ->
          GleamException.user(ErrorCode.INVALID_FLOW, "table %s has no rows in this session",
              String.join(".", name)));
      return flow.fromValues(table.schema(), rows);
    }
    throw unsupported(scan);
  }

  /**
   * A compute (filter {@code condition}, may be null, and {@code exprs}) straight over the scan of a managed table
   * or a file table, the scan producing only the columns they use: a query that needs three of lineitem's sixteen
   * columns shares three of its in-memory vectors per batch instead of sixteen, or decodes three fields of each CSV
   * record; a CSV or TSV scan also gets the column ranges the condition implies ({@link ScanRanges}), so it drops
   * most rows a date range excludes before decoding their other fields. Empty when {@code input} is not such a scan,
   * or when every column is used and there is no range.
   */
  private Optional<Dataset> computeOverScan(RelNode input, RexNode condition, List<RexNode> exprs,
      List<String> names) {
    if (!(input instanceof TableScan scan)) {
      return Optional.empty();
    }
    GleamTable table = scan.getTable().unwrap(GleamTable.class);
    SourceSpec source;
    if (table == null) {
      return Optional.empty();
    } else if (table.source() instanceof ManagedTableSource m && !m.tableId().isEmpty()) {
      source = SourceSpec.memory(m.tableId(), shards, table.schema());
    } else if (table.source() instanceof FileTableSource f && f.format() != SourceFormat.TEXT) {
      source = f.toSourceSpec(table.schema(), shards);
    } else {
      return Optional.empty();
    }
    List<RexNode> all = new ArrayList<>(exprs);
    if (condition != null) {
      all.add(condition);
    }
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(all, null);
    List<Field> tableFields = table.schema().getFields();
    if (condition != null && (source.format() == SourceFormat.CSV || source.format() == SourceFormat.TSV)) {
      source = source.withRanges(ScanRanges.of(condition, table.schema(), rexBuilder));
    }
    if (used.cardinality() == tableFields.size() && source.ranges().isEmpty()) {
      return Optional.empty();
    }
    List<Integer> columns = used.isEmpty() ? List.of(0) : used.asList();  // COUNT(*) still reads row counts
    int[] position = new int[tableFields.size()];
    for (int i = 0; i < columns.size(); i++) {
      position[columns.get(i)] = i;
    }
    Dataset in = flow.read(source.withColumns(columns));
    RexShuttle permute = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(position[ref.getIndex()], ref.getType());
      }
    };
    RexToExpr rex = new RexToExpr(in.schema(), rexBuilder);
    Optional<Expr> filter = condition == null ? Optional.empty() : Optional.of(rex.translate(condition.accept(permute)));
    List<Expr> out = new ArrayList<>();
    for (RexNode e : exprs) {
      out.add(rex.translate(e.accept(permute)));
    }
    return Optional.of(in.compute(filter, out, names));
  }

  private Dataset values(Values values) {
    Schema schema = TypeMapping.toArrowSchema(values.getRowType());
    List<List<Object>> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : values.getTuples()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < tuple.size(); i++) {
        Expr.Literal lit = (Expr.Literal) RexToExpr.literal(tuple.get(i));
        row.add(lit.isNullValue() ? null : javaValue(lit, schema.getFields().get(i).getType()));
      }
      rows.add(row);
    }
    return flow.fromValues(schema, rows);
  }

  /** A literal's value as {@link Flow#fromValues} takes it. */
  private static Object javaValue(Expr.Literal lit, ArrowType type) {
    if (type instanceof ArrowType.Decimal d) {
      return new java.math.BigDecimal((String) lit.value()).setScale(d.getScale(), java.math.RoundingMode.HALF_UP);
    } else if (type instanceof ArrowType.Date) {
      return java.time.LocalDate.ofEpochDay((Long) lit.value());
    } else if (type instanceof ArrowType.Int i && i.getBitWidth() == 32) {
      return ((Long) lit.value()).intValue();
    }
    return lit.value();
  }

  private Dataset calc(Calc calc) {
    RexProgram program = calc.getProgram();
    List<RexNode> expanded = new ArrayList<>();
    for (RexLocalRef ref : program.getProjectList()) {
      expanded.add(program.expandLocalRef(ref));
    }
    Optional<Dataset> pruned = computeOverScan(calc.getInput(),
        program.getCondition() == null ? null : program.expandLocalRef(program.getCondition()), expanded,
        calc.getRowType().getFieldNames());
    if (pruned.isPresent()) {
      return pruned.get();
    }
    Dataset in = lower(calc.getInput());
    RexToExpr rex = new RexToExpr(in.schema(), rexBuilder);
    Optional<Expr> condition = Optional.empty();
    RexLocalRef cond = program.getCondition();
    if (cond != null) {
      condition = Optional.of(rex.translate(program.expandLocalRef(cond)));
    }
    List<Expr> exprs = new ArrayList<>();
    for (RexLocalRef ref : program.getProjectList()) {
      exprs.add(rex.translate(program.expandLocalRef(ref)));
    }
    return in.compute(condition, exprs, calc.getRowType().getFieldNames());
  }

  // ---- join ----------------------------------------------------------------------------------------------

  private Dataset join(Join join) {
    Dataset left = lower(join.getLeft());
    Dataset right = lower(join.getRight());
    JoinType type = switch (join.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> throw unsupported(join);
    };
    if (hasDistinctFrom(join.getCondition())) {
      // NULL-safe equality cannot be a hash key: test the whole condition on every pair.
      Expr condition = new RexToExpr(concat(left.schema(), right.schema()), rexBuilder)
          .translate(join.getCondition());
      return left.nestedLoopJoin(right, condition, type);
    }
    JoinInfo info = join.analyzeCondition();
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>(info.nonEquiConditions);
    int leftWidth = left.schema().getFields().size();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      int l = info.leftKeys.get(i);
      int r = info.rightKeys.get(i);
      ArrowType lt = left.schema().getFields().get(l).getType();
      ArrowType rt = right.schema().getFields().get(r).getType();
      if (lt.equals(rt)) {
        leftKeys.add(l);
        rightKeys.add(r);
      } else {
        // Keys of different types would never hash alike: compare them in the residual condition.
        RelDataType combined = join.getCluster().getTypeFactory().createJoinType(
            join.getLeft().getRowType(), join.getRight().getRowType());
        residual.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
            rexBuilder.makeInputRef(combined.getFieldList().get(l).getType(), l),
            rexBuilder.makeInputRef(combined.getFieldList().get(leftWidth + r).getType(), leftWidth + r)));
      }
    }
    Schema combinedSchema = concat(left.schema(), right.schema());
    RexToExpr rex = new RexToExpr(combinedSchema, rexBuilder);
    Optional<Expr> condition = residual.isEmpty() ? Optional.empty()
        : Optional.of(rex.translate(RexUtil.composeConjunction(rexBuilder, residual)));
    if (leftKeys.isEmpty()) {
      return left.nestedLoopJoin(right, condition.orElse(Expr.Literal.ofBoolean(true)), type);
    }
    List<String> leftKeyNames = ColumnRefs.columnNames(left.schema(), leftKeys);
    List<String> rightKeyNames = ColumnRefs.columnNames(right.schema(), rightKeys);
    if (broadcasts(join.getRight(), join.getLeft(), type)) {
      return left.join(right, leftKeyNames, rightKeyNames, type, JoinDistribution.BROADCAST, condition);
    }
    if (type == JoinType.INNER && broadcasts(join.getLeft(), join.getRight(), type)) {
      return leftBroadcastJoin(left, right, leftKeyNames, rightKeyNames, condition);
    }
    return left.join(right, leftKeyNames, rightKeyNames, type, JoinDistribution.PARTITIONED, condition);
  }

  /**
   * An inner join whose left side is the small one: joined the other way round, so that the left side is broadcast
   * and the large right side stays where it is instead of being shuffled by the keys (TPC-H Q5's year of orders
   * against the lineitems of Asian suppliers), then its columns put back in the join's order, which the runner does
   * as part of the join.
   */
  private static Dataset leftBroadcastJoin(Dataset left, Dataset right, List<String> leftKeys, List<String> rightKeys,
      Optional<Expr> condition) {
    int leftWidth = left.schema().getFields().size();
    int rightWidth = right.schema().getFields().size();
    int[] swappedIndex = new int[leftWidth + rightWidth];
    for (int i = 0; i < swappedIndex.length; i++) {
      swappedIndex[i] = i < leftWidth ? rightWidth + i : i - leftWidth;
    }
    Dataset swapped = right.join(left, rightKeys, leftKeys, JoinType.INNER, JoinDistribution.BROADCAST,
        condition.map(c -> c.remapColumns(swappedIndex)));
    List<Expr> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i : swappedIndex) {
      Field f = swapped.schema().getFields().get(i);
      columns.add(new Expr.ColumnRef(i, f.getType()));
      names.add(f.getName());
    }
    return swapped.compute(Optional.empty(), columns, names);
  }

  /** Estimated rows up to which a join's right side may be broadcast. */
  static final double BROADCAST_MAX_ROWS = 1_000_000;

  /**
   * Whether to send a join's side {@code small} whole to every partition of the other side {@code large}, which
   * then stays where it is, instead of shuffling both sides by the keys: when {@code small} is estimated (by
   * {@link KeyJoinRows}, not by Calcite's 15% per join equality) at most
   * {@link #BROADCAST_MAX_ROWS} rows and its copies together are no more rows than {@code large} (so broadcasting
   * moves fewer rows than shuffling the large side would). RIGHT and FULL joins must see each right row once, so
   * they never broadcast.
   */
  private boolean broadcasts(RelNode small, RelNode large, JoinType type) {
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      return false;
    }
    RelMetadataQuery mq = small.getCluster().getMetadataQuery();
    double smallRows = KeyJoinRows.rows(mq, small);
    double largeRows = KeyJoinRows.rows(mq, large);
    return smallRows <= BROADCAST_MAX_ROWS && smallRows * Math.max(shards, 1) <= largeRows;
  }

  private static Schema concat(Schema left, Schema right) {
    List<Field> fields = new ArrayList<>(left.getFields());
    fields.addAll(right.getFields());
    return new Schema(fields);
  }

  // ---- sort, union ---------------------------------------------------------------------------------------

  private Dataset sort(Sort sort) {
    Dataset in = lower(sort.getInput());
    long offset = sort.offset == null ? 0 : longValue(sort.offset, sort);
    List<SortKey> order = sortKeys(sort.getCollation().getFieldCollations());
    Dataset out;
    if (sort.fetch != null) {
      long fetch = Math.addExact(longValue(sort.fetch, sort), offset);
      out = order.isEmpty() ? in.limit(fetch) : in.top(fetch, order);
    } else {
      out = order.isEmpty() ? in : in.sort(order);
    }
    return offset == 0 ? out : out.offset(offset);
  }

  /** Calcite's field collations as sort keys, NULLs where SQL puts them unless the collation says. */
  static List<SortKey> sortKeys(List<RelFieldCollation> collations) {
    List<SortKey> order = new ArrayList<>();
    for (RelFieldCollation c : collations) {
      boolean desc = c.getDirection().isDescending();
      RelFieldCollation.NullDirection nulls = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? c.getDirection().defaultNullDirection() : c.nullDirection;
      order.add(new SortKey(c.getFieldIndex(), desc ? SortKey.Direction.DESC : SortKey.Direction.ASC,
          nulls == RelFieldCollation.NullDirection.FIRST ? SortKey.NullOrder.FIRST : SortKey.NullOrder.LAST));
    }
    return order;
  }

  private static long longValue(RexNode node, RelNode rel) {
    if (node instanceof RexLiteral l) {
      return l.getValueAs(Long.class);
    }
    throw unsupported(rel);
  }

  /** INTERSECT and EXCEPT as Calcite rewrites them: a union of per-input counts, aggregated and filtered. */
  private static RelNode setOpAsAggregates(RelNode rel) {
    HepProgram program = HepProgram.builder()
        .addRuleInstance(CoreRules.INTERSECT_TO_DISTINCT)
        .addRuleInstance(CoreRules.MINUS_TO_DISTINCT)
        .build();
    HepPlanner hep = new HepPlanner(program);
    hep.setRoot(rel);
    RelNode rewritten = hep.findBestExp();
    if (rewritten instanceof Intersect || rewritten instanceof Minus) {
      throw unsupported(rel);
    }
    return rewritten;
  }

  /**
   * Whether {@code agg} has DISTINCT calls beside others, or over different columns, which
   * {@link AggregateToFlow} does not run directly.
   */
  private static boolean mixesDistinct(Aggregate agg) {
    List<AggregateCall> calls = agg.getAggCallList();
    long distinct = calls.stream().filter(AggregateCall::isDistinct).count();
    return distinct > 0 && (distinct < calls.size()
        || calls.stream().map(AggregateCall::getArgList).distinct().count() > 1);
  }

  /**
   * DISTINCT aggregates mixed with others as Calcite rewrites them: an aggregate over grouping sets of the keys
   * with and without each distinct argument, then an aggregate that picks each call's value with a filter.
   */
  private static RelNode expandDistinct(Aggregate agg) {
    HepProgram program = HepProgram.builder()
        .addRuleInstance(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES)
        .build();
    HepPlanner hep = new HepPlanner(program);
    hep.setRoot(agg);
    RelNode rewritten = hep.findBestExp();
    if (rewritten instanceof Aggregate a && mixesDistinct(a)) {
      throw unsupported(agg);
    }
    return rewritten;
  }

  /**
   * INTERSECT ALL and EXCEPT ALL as their distinct forms over numbered copies: each input's rows get
   * {@code ROW_NUMBER() OVER (PARTITION BY every column)}, so a row that occurs l times on the left and r times on
   * the right becomes (row, 1..l) and (row, 1..r); their INTERSECT keeps min(l, r) copies and their EXCEPT the
   * max(l - r, 0) copies numbered r+1..l. EXCEPT ALL of more than two inputs subtracts them one at a time.
   */
  private static RelNode setOpAllAsDistinct(SetOp setOp) {
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(setOp.getCluster(), null);
    List<RelNode> inputs = setOp.getInputs();
    boolean intersect = setOp instanceof Intersect;
    int width = setOp.getRowType().getFieldCount();
    RelNode result = numbered(b, inputs.get(0));
    for (int i = 1; i < inputs.size(); i++) {
      b.push(result).push(numbered(b, inputs.get(i)));
      if (intersect) {
        b.intersect(false);
      } else {
        b.minus(false);
      }
      result = b.build();
    }
    b.push(result);
    b.project(b.fields().subList(0, width), setOp.getRowType().getFieldNames(), true);
    HepProgram program = HepProgram.builder()
        .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
        .addRuleInstance(CoreRules.INTERSECT_TO_DISTINCT)
        .addRuleInstance(CoreRules.MINUS_TO_DISTINCT)
        .build();
    HepPlanner hep = new HepPlanner(program);
    hep.setRoot(b.build());
    return hep.findBestExp();
  }

  /** {@code input}'s columns and the number of each row among its equal rows. */
  private static RelNode numbered(RelBuilder b, RelNode input) {
    b.push(input);
    List<RexNode> fields = new ArrayList<>(b.fields());
    RexNode number = b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(b.fields()).toRex();
    fields.add(number);
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    names.add("$copy");
    return b.project(fields, names, true).build();
  }

  private Dataset union(Union union) {
    Schema target = TypeMapping.toArrowSchema(union.getRowType());
    List<Dataset> inputs = new ArrayList<>();
    for (RelNode input : union.getInputs()) {
      Dataset d = lower(input);
      List<Expr> exprs = new ArrayList<>();
      for (int i = 0; i < target.getFields().size(); i++) {
        Expr e = ColumnRefs.ref(d.schema(), i);
        ArrowType t = target.getFields().get(i).getType();
        exprs.add(e.type().equals(t) ? e : new Expr.Cast(e, t));
      }
      inputs.add(d.compute(Optional.empty(), exprs, union.getRowType().getFieldNames()));
    }
    Dataset all = inputs.get(0).union(inputs.subList(1, inputs.size()).toArray(new Dataset[0]));
    return union.all ? all : all.distinct();
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private static GleamException unsupported(RelNode rel) {
    return GleamException.user(ErrorCode.INVALID_FLOW, "%s is not supported yet: %s", rel.getRelTypeName(),
        rel.explain().trim());
  }

  /** Whether {@code node} has an IS [NOT] DISTINCT FROM anywhere (its NULLs match, which hash keys never do). */
  private static boolean hasDistinctFrom(RexNode node) {
    if (node.getKind() == SqlKind.IS_NOT_DISTINCT_FROM || node.getKind() == SqlKind.IS_DISTINCT_FROM) {
      return true;
    }
    return node instanceof RexCall call
        && call.getOperands().stream().anyMatch(RelToFlow::hasDistinctFrom);
  }
}
