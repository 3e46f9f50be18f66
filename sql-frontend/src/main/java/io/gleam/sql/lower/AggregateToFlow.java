package io.gleam.sql.lower;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.JoinType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Lowers a Calcite aggregate: a partial aggregate, a hash exchange and a final aggregate
 * ({@link Dataset#aggregate}), then a compute that finishes AVG (sum over count, NULL for no rows) and gives each
 * column its SQL type. COUNT(DISTINCT x) aggregates the distinct (keys, x) pairs; {@code FILTER (WHERE f)} becomes
 * a CASE expression over the argument. A global aggregate (no GROUP BY) groups by a constant, so one task finishes
 * it, and is left-joined to a one-row dataset so that it yields one row even on empty input. GROUPING SETS, ROLLUP
 * and CUBE are a union of one aggregate per grouping set. SINGLE_VALUE (a scalar subquery's value, where Calcite
 * cannot prove the subquery returns at most one row) is MAX of the value and COUNT(*), finished by
 * {@code CASE WHEN count > 1 THEN FAIL('more than one row ...') ELSE max END}: the query fails at run time only if
 * some group has two rows.
 */
final class AggregateToFlow {
  /** The error of a scalar subquery that returned more than one row (PostgreSQL's words). */
  static final String MORE_THAN_ONE_ROW = "more than one row returned by a subquery used as an expression";

  private final Flow flow;

  AggregateToFlow(Flow flow) {
    this.flow = requireNonNull(flow, "flow is null");
  }

  /** The rows of {@code agg} over {@code in}, the lowered input. */
  Dataset lower(Aggregate agg, Dataset in) {
    if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
      return groupingSets(agg, in);
    }
    List<Integer> keys = agg.getGroupSet().asList();
    List<AggregateCall> calls = agg.getAggCallList();
    boolean global = keys.isEmpty();
    if (global) {
      // Group by a constant, so that one task finishes the aggregate; keep only the columns the calls read (none
      // for COUNT(*)), so that no operator carries the others.
      SortedSet<Integer> used = new TreeSet<>();
      for (AggregateCall call : calls) {
        used.addAll(call.getArgList());
        if (call.filterArg >= 0) {
          used.add(call.filterArg);
        }
      }
      Map<Integer, Integer> position = new HashMap<>();
      List<Expr> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int column : used) {
        position.put(column, exprs.size());
        exprs.add(ColumnRefs.ref(in.schema(), column));
        names.add(in.schema().getFields().get(column).getName());
      }
      exprs.add(Expr.Literal.ofInt(0));
      names.add("$global");
      in = in.compute(Optional.empty(), exprs, names);
      keys = List.of(in.schema().getFields().size() - 1);
      List<AggregateCall> remapped = new ArrayList<>();
      for (AggregateCall call : calls) {
        remapped.add(call.copy(call.getArgList().stream().map(position::get).toList(),
            call.filterArg < 0 ? -1 : position.get(call.filterArg), call.distinctKeys, call.collation));
      }
      calls = remapped;
    }

    if (calls.stream().anyMatch(c -> c.filterArg >= 0)) {
      // agg(x) FILTER (WHERE f) is agg(CASE WHEN f THEN x END); COUNT(*) FILTER counts CASE WHEN f THEN 1 END.
      List<Expr> exprs = new ArrayList<>(ColumnRefs.identity(in.schema()));
      List<String> names = new ArrayList<>(ColumnRefs.names(in.schema()));
      List<AggregateCall> unfiltered = new ArrayList<>();
      for (AggregateCall call : calls) {
        if (call.filterArg < 0) {
          unfiltered.add(call);
          continue;
        }
        Expr value = call.getArgList().isEmpty() ? Expr.Literal.ofInt(1) : ColumnRefs.ref(in.schema(), call.getArgList().get(0));
        exprs.add(new Expr.Case(List.of(ColumnRefs.ref(in.schema(), call.filterArg)), List.of(value),
            Expr.Literal.nullOf(value.type()), value.type()));
        names.add("$filtered");
        unfiltered.add(call.copy(List.of(exprs.size() - 1), -1, call.distinctKeys, call.collation));
      }
      in = in.compute(Optional.empty(), exprs, names);
      calls = unfiltered;
    }
    List<Integer> distinctArgs = new ArrayList<>();
    for (AggregateCall call : calls) {
      if (call.getArgList().size() > 1) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "aggregate %s: more than one argument", call);
      }
      if (call.isDistinct()) {
        distinctArgs.add(call.getArgList().get(0));
      }
    }
    List<Integer> inputKeys = keys;
    if (!distinctArgs.isEmpty()) {
      int arg = distinctArgs.get(0);
      if (distinctArgs.size() != calls.size() || distinctArgs.stream().anyMatch(a -> a != arg)) {
        throw GleamException.user(ErrorCode.INVALID_FLOW,
            "aggregate %s: DISTINCT is supported only when every call is DISTINCT over the same column", calls);
      }
      // First the distinct (keys, arg) pairs, then the aggregate over them.
      List<Integer> pairs = new ArrayList<>(keys);
      pairs.add(arg);
      in = in.aggregate(ColumnRefs.columnNames(in.schema(), pairs), List.of());
      inputKeys = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        inputKeys.add(i);
      }
      final int distinctColumn = keys.size();
      List<AggregateCall> rebased = new ArrayList<>();
      for (AggregateCall c : calls) {
        rebased.add(c.copy(List.of(distinctColumn), -1, c.distinctKeys, c.collation));
      }
      calls = rebased;
    }

    List<AggCall> gleamCalls = new ArrayList<>();
    List<int[]> slots = new ArrayList<>();  // per SQL call: its aggregate columns (after the keys)
    for (AggregateCall call : calls) {
      int arg = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
      int first = gleamCalls.size();
      String name = "agg" + gleamCalls.size();
      switch (call.getAggregation().getKind()) {
        case SUM, SUM0 -> gleamCalls.add(new AggCall(AggFunction.SUM, arg, name));
        case COUNT -> gleamCalls.add(new AggCall(AggFunction.COUNT, arg, name));
        case MIN -> gleamCalls.add(new AggCall(AggFunction.MIN, arg, name));
        case MAX -> gleamCalls.add(new AggCall(AggFunction.MAX, arg, name));
        case AVG -> {
          gleamCalls.add(new AggCall(AggFunction.SUM, arg, name));
          gleamCalls.add(new AggCall(AggFunction.COUNT, arg, name + "c"));
        }
        // The same constant for every group (Calcite's NOT IN rewrite over a column not known to be unique).
        case LITERAL_AGG -> { }
        // A scalar subquery's value: the value of the group's one row, and how many rows there are.
        case SINGLE_VALUE -> {
          gleamCalls.add(new AggCall(AggFunction.MAX, arg, name));
          gleamCalls.add(new AggCall(AggFunction.COUNT, -1, name + "n"));
        }
        default -> throw GleamException.user(ErrorCode.INVALID_FLOW, "aggregate function %s is not supported yet",
            call.getAggregation().getName());
      }
      int[] slot = new int[gleamCalls.size() - first];
      for (int i = 0; i < slot.length; i++) {
        slot[i] = first + i;
      }
      slots.add(slot);
    }
    Dataset aggregated = in.aggregate(ColumnRefs.columnNames(in.schema(), inputKeys), gleamCalls);
    int keyCount = inputKeys.size();
    if (global) {
      aggregated = oneRow(aggregated);  // the key column $global stays first
    }

    Schema s = aggregated.schema();
    List<Expr> exprs = new ArrayList<>();
    List<RelDataTypeField> outFields = agg.getRowType().getFieldList();
    int out = 0;
    if (!global) {
      for (int k = 0; k < keyCount; k++, out++) {
        exprs.add(ColumnRefs.ref(s, k));
      }
    }
    for (int c = 0; c < calls.size(); c++, out++) {
      AggregateCall call = calls.get(c);
      ArrowType type = RexToExpr.arrowType(outFields.get(out).getType());
      Expr value = call.getAggregation().getKind() == SqlKind.LITERAL_AGG
          ? RexToExpr.literal((RexLiteral) call.rexList.get(0))
          : ColumnRefs.ref(s, keyCount + slots.get(c)[0]);
      switch (call.getAggregation().getKind()) {
        case SUM0 -> value = Expr.Call.of(Operator.COALESCE, value.type(), value, zero(value.type()));
        case COUNT -> value = global
            ? Expr.Call.of(Operator.COALESCE, value.type(), value, Expr.Literal.ofLong(0)) : value;
        case AVG -> {
          Expr count = ColumnRefs.ref(s, keyCount + slots.get(c)[1]);
          Expr zeroCount = Expr.Call.of(Operator.EQUALS, ExprTypes.BOOLEAN, count, Expr.Literal.ofLong(0));
          // Integers divide as BIGINT (the sum is one) and are cast to the SQL type below.
          ArrowType divType = type instanceof ArrowType.Int ? ExprTypes.BIGINT
              : ExprTypes.isNumeric(type) ? type : ExprTypes.DOUBLE;
          Expr quotient = Expr.Call.of(Operator.DIVIDE, divType, value, count);
          if (!widensForDivide(value.type(), divType)) {
            quotient = Expr.Call.of(Operator.DIVIDE, divType, new Expr.Cast(value, divType), count);
          }
          value = new Expr.Case(List.of(zeroCount), List.of(Expr.Literal.nullOf(divType)), quotient, divType);
        }
        case SINGLE_VALUE -> {
          Expr rows = ColumnRefs.ref(s, keyCount + slots.get(c)[1]);
          Expr several = Expr.Call.of(Operator.GREATER_THAN, ExprTypes.BOOLEAN, rows, Expr.Literal.ofLong(1));
          Expr fail = Expr.Call.of(Operator.FAIL, value.type(), Expr.Literal.ofString(MORE_THAN_ONE_ROW));
          value = new Expr.Case(List.of(several), List.of(fail), value, value.type());
        }
        default -> { }
      }
      exprs.add(value.type().equals(type) ? value : new Expr.Cast(value, type));
    }
    return aggregated.compute(Optional.empty(), exprs, agg.getRowType().getFieldNames());
  }

  /**
   * GROUPING SETS, ROLLUP and CUBE: one aggregate per grouping set over the same input, each made the shape of the
   * whole (the keys outside its set NULL, GROUPING and GROUPING_ID constants), then their union.
   */
  private Dataset groupingSets(Aggregate agg, Dataset in) {
    List<Integer> allKeys = agg.getGroupSet().asList();
    List<RelDataTypeField> outFields = agg.getRowType().getFieldList();
    if (agg.getGroupSets().size() != agg.getGroupSets().stream().distinct().count()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a grouping set listed twice is not supported yet: %s",
          agg.getGroupSets());
    }
    List<Dataset> branches = new ArrayList<>();
    for (ImmutableBitSet set : agg.getGroupSets()) {
      List<AggregateCall> calls = new ArrayList<>();
      for (AggregateCall call : agg.getAggCallList()) {
        if (!isGroupingFunction(call)) {
          // The type inferred for this set alone: with grouping sets, Calcite made every call's type nullable.
          calls.add(AggregateCall.create(call.getParserPosition(), call.getAggregation(), call.isDistinct(),
              call.isApproximate(), call.ignoreNulls(), call.rexList, call.getArgList(), call.filterArg,
              call.distinctKeys, call.collation, set.cardinality(), agg.getInput(), null, call.getName()));
        }
      }
      Aggregate one = LogicalAggregate.create(agg.getInput(), List.of(), set, null, calls);
      Dataset aggregated = lower(one, in);
      Schema s = aggregated.schema();
      List<Expr> exprs = new ArrayList<>();
      List<Integer> setKeys = set.asList();
      for (int k = 0; k < allKeys.size(); k++) {
        ArrowType type = RexToExpr.arrowType(outFields.get(k).getType());
        int pos = setKeys.indexOf(allKeys.get(k));
        exprs.add(pos < 0 ? Expr.Literal.nullOf(type) : cast(ColumnRefs.ref(s, pos), type));
      }
      int next = setKeys.size();
      for (int c = 0; c < agg.getAggCallList().size(); c++) {
        AggregateCall call = agg.getAggCallList().get(c);
        ArrowType type = RexToExpr.arrowType(outFields.get(allKeys.size() + c).getType());
        if (isGroupingFunction(call)) {
          long bits = 0;
          if (call.getAggregation().getKind() != SqlKind.GROUP_ID) {
            for (int arg : call.getArgList()) {
              bits = (bits << 1) | (set.get(arg) ? 0 : 1);
            }
          }
          exprs.add(cast(Expr.Literal.ofLong(bits), type));
        } else {
          exprs.add(cast(ColumnRefs.ref(s, next++), type));
        }
      }
      branches.add(aggregated.compute(Optional.empty(), exprs, agg.getRowType().getFieldNames()));
    }
    return branches.get(0).union(branches.subList(1, branches.size()).toArray(new Dataset[0]));
  }

  private static boolean isGroupingFunction(AggregateCall call) {
    SqlKind kind = call.getAggregation().getKind();
    return kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID || kind == SqlKind.GROUP_ID;
  }

  private static Expr cast(Expr e, ArrowType type) {
    return e.type().equals(type) ? e : new Expr.Cast(e, type);
  }

  private static boolean widensForDivide(ArrowType from, ArrowType to) {
    return from.equals(to) || (to instanceof ArrowType.Decimal && (from instanceof ArrowType.Decimal
        || from instanceof ArrowType.Int)) || (to instanceof ArrowType.FloatingPoint
        && !(from instanceof ArrowType.Utf8));
  }

  /**
   * The rows of a global aggregate (at most one) made exactly one: a one-row dataset left-joined to it, so that
   * an empty input still gives a row (of NULLs, which COUNT turns into 0). The output keeps the aggregate's columns.
   */
  private Dataset oneRow(Dataset aggregated) {
    Schema one = new Schema(List.of(new Field("$one", FieldType.notNullable(
        ExprTypes.INT), null)));
    Dataset single = flow.fromValues(one, List.of(List.of(0)));
    Dataset joined = single.nestedLoopJoin(aggregated, Expr.Literal.ofBoolean(true), JoinType.LEFT);
    List<Expr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 1; i < joined.schema().getFields().size(); i++) {
      exprs.add(ColumnRefs.ref(joined.schema(), i));
      names.add(joined.schema().getFields().get(i).getName());
    }
    return joined.compute(Optional.empty(), exprs, names);
  }

  private static Expr zero(ArrowType type) {
    if (type instanceof ArrowType.Decimal d) {
      return new Expr.Literal(BigDecimal.ZERO.setScale(d.getScale()), type);
    } else if (type instanceof ArrowType.FloatingPoint) {
      return new Expr.Literal(0.0, type);
    }
    return new Expr.Literal(0L, type);
  }
}
