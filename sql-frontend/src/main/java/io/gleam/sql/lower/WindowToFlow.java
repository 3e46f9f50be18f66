package io.gleam.sql.lower;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.WindowCall;
import io.gleam.planner.plan.WindowFrame;
import io.gleam.planner.plan.WindowFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlKind;

/**
 * Lowers a Calcite window ({@code LogicalWindow}, made from OVER expressions by {@code ProjectToWindowRule}) to
 * {@link Dataset#window} steps: the window's constants become columns, each group of calls with one window spec
 * becomes one window step (hash exchange on its PARTITION BY keys, sort, window operator), and a compute keeps the
 * input columns and gives each call's column its SQL type ({@code $SUM0} is SUM with NULL as 0).
 */
final class WindowToFlow {
  private final Map<Window.RexWinAggCall, Integer> defaultColumns = new IdentityHashMap<>();

  /** The rows of {@code window} over {@code in}, the lowered input. */
  Dataset lower(Window window, Dataset in) {
    int inputWidth = window.getInput().getRowType().getFieldCount();
    // Calcite numbers the constants after the input's fields: appended as columns, its references stay valid.
    List<Expr> pre = new ArrayList<>(ColumnRefs.identity(in.schema()));
    List<String> preNames = new ArrayList<>(ColumnRefs.names(in.schema()));
    for (int i = 0; i < window.constants.size(); i++) {
      pre.add(RexToExpr.literal(window.constants.get(i)));
      preNames.add("$const" + i);
    }
    Dataset current = window.constants.isEmpty() ? in : in.compute(Optional.empty(), pre, preNames);

    List<Integer> outColumns = new ArrayList<>();
    List<SqlKind> kinds = new ArrayList<>();
    for (Window.Group group : window.groups) {
      if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "window frame %s is not supported yet", group.exclude);
      }
      WindowFrame frame = frame(group, window, inputWidth);
      List<SortKey> order = RelToFlow.sortKeys(group.orderKeys.getFieldCollations());
      current = castDefaults(group, current);
      List<WindowCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall call : group.aggCalls) {
        calls.add(call(call, frame, window, inputWidth, current, calls.size()));
        kinds.add(call.getKind());
      }
      int first = current.schema().getFields().size();
      current = current.window(ColumnRefs.columnNames(current.schema(), group.keys.asList()), order, calls);
      for (int i = 0; i < calls.size(); i++) {
        outColumns.add(first + i);
      }
    }

    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < inputWidth; i++) {
      exprs.add(ColumnRefs.ref(current.schema(), i));
    }
    List<RelDataTypeField> fields = window.getRowType().getFieldList();
    for (int c = 0; c < outColumns.size(); c++) {
      Expr value = ColumnRefs.ref(current.schema(), outColumns.get(c));
      ArrowType type = RexToExpr.arrowType(fields.get(inputWidth + c).getType());
      if (kinds.get(c) == SqlKind.SUM0) {
        value = Expr.Call.of(Operator.COALESCE, value.type(), value, zero(value.type()));
      }
      exprs.add(value.type().equals(type) ? value : new Expr.Cast(value, type));
    }
    return current.compute(Optional.empty(), exprs, window.getRowType().getFieldNames());
  }

  /**
   * LAG/LEAD defaults of another type than their value (LAG(decimal_column, 1, 0)) as columns cast to the value's
   * type, appended; the calls' default references move to them ({@link #defaultColumns}).
   */
  private Dataset castDefaults(Window.Group group, Dataset in) {
    List<Expr> exprs = new ArrayList<>(ColumnRefs.identity(in.schema()));
    List<String> names = new ArrayList<>(ColumnRefs.names(in.schema()));
    for (Window.RexWinAggCall call : group.aggCalls) {
      if ((call.getKind() == SqlKind.LAG || call.getKind() == SqlKind.LEAD) && call.getOperands().size() > 2) {
        int value = column(call.getOperands().get(0), call);
        int dflt = column(call.getOperands().get(2), call);
        ArrowType type = in.schema().getFields().get(value).getType();
        if (!in.schema().getFields().get(dflt).getType().equals(type)) {
          defaultColumns.put(call, exprs.size());
          exprs.add(new Expr.Cast(ColumnRefs.ref(in.schema(), dflt), type));
          names.add("$default");
        }
      }
    }
    return exprs.size() == in.schema().getFields().size() ? in : in.compute(Optional.empty(), exprs, names);
  }

  private WindowCall call(Window.RexWinAggCall call, WindowFrame frame, Window window, int inputWidth,
      Dataset in, int index) {
    String name = "w" + index;
    if (call.distinct) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "DISTINCT in window function %s is not supported yet",
          call);
    }
    if (call.ignoreNulls) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "IGNORE NULLS in window function %s is not supported yet",
          call);
    }
    List<RexNode> args = call.getOperands();
    switch (call.getKind()) {
      case ROW_NUMBER:
        return WindowCall.of(WindowFunction.ROW_NUMBER, -1, frame, name);
      case RANK:
        return WindowCall.of(WindowFunction.RANK, -1, frame, name);
      case DENSE_RANK:
        return WindowCall.of(WindowFunction.DENSE_RANK, -1, frame, name);
      case NTILE:
        return new WindowCall(WindowFunction.NTILE, -1, constant(args.get(0), window, inputWidth, call), -1, frame,
            name);
      case LAG:
      case LEAD: {
        long offset = args.size() > 1 ? constant(args.get(1), window, inputWidth, call) : 1;
        int defaultColumn = args.size() < 3 ? -1
            : defaultColumns.getOrDefault(call, column(args.get(2), call));
        int value = column(args.get(0), call);
        return new WindowCall(call.getKind() == SqlKind.LAG ? WindowFunction.LAG : WindowFunction.LEAD, value,
            offset, defaultColumn, frame, name);
      }
      case FIRST_VALUE:
        return WindowCall.of(WindowFunction.FIRST_VALUE, column(args.get(0), call), frame, name);
      case LAST_VALUE:
        return WindowCall.of(WindowFunction.LAST_VALUE, column(args.get(0), call), frame, name);
      case SUM:
      case SUM0:
        return WindowCall.of(WindowFunction.SUM, column(args.get(0), call), frame, name);
      case MIN:
        return WindowCall.of(WindowFunction.MIN, column(args.get(0), call), frame, name);
      case MAX:
        return WindowCall.of(WindowFunction.MAX, column(args.get(0), call), frame, name);
      case COUNT:
        if (args.size() > 1) {
          throw GleamException.user(ErrorCode.INVALID_FLOW, "window function %s: more than one argument", call);
        }
        return WindowCall.of(WindowFunction.COUNT, args.isEmpty() ? -1 : column(args.get(0), call), frame, name);
      default:
        throw GleamException.user(ErrorCode.INVALID_FLOW, "window function %s is not supported yet",
            call.getOperator().getName());
    }
  }

  private static WindowFrame frame(Window.Group group, Window window, int inputWidth) {
    WindowFrame.Unit unit = group.isRows ? WindowFrame.Unit.ROWS : WindowFrame.Unit.RANGE;
    WindowFrame.Bound lower = bound(group.lowerBound, window, inputWidth, group);
    WindowFrame.Bound upper = bound(group.upperBound, window, inputWidth, group);
    if (unit == WindowFrame.Unit.RANGE && (lower.offset() != 0 || upper.offset() != 0)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW,
          "window frame RANGE BETWEEN %s AND %s: RANGE frames with an offset are not supported yet (use ROWS)",
          lower, upper);
    }
    return new WindowFrame(unit, lower, upper);
  }

  private static WindowFrame.Bound bound(RexWindowBound b, Window window, int inputWidth, Window.Group group) {
    if (b.isUnboundedPreceding()) {
      return WindowFrame.Bound.unboundedPreceding();
    } else if (b.isUnboundedFollowing()) {
      return WindowFrame.Bound.unboundedFollowing();
    } else if (b.isCurrentRow()) {
      return WindowFrame.Bound.currentRow();
    }
    long n = constant(b.getOffset(), window, inputWidth, group);
    if (n == 0) {
      return WindowFrame.Bound.currentRow();
    }
    return b.isPreceding() ? WindowFrame.Bound.preceding(n) : WindowFrame.Bound.following(n);
  }

  /** The value of a constant argument: a literal, or a reference to one of the window's constants. */
  private static long constant(RexNode node, Window window, int inputWidth, Object where) {
    RexNode n = node;
    if (n instanceof RexInputRef ref && ref.getIndex() >= inputWidth) {
      n = window.constants.get(ref.getIndex() - inputWidth);
    }
    if (n instanceof RexLiteral lit) {
      Long value = lit.getValueAs(Long.class);
      if (value == null || value < 0) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: expected a non-negative number, got %s", where,
            lit);
      }
      return value;
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: %s must be a constant", where, node);
  }

  private static int column(RexNode node, Object where) {
    if (node instanceof RexInputRef ref) {
      return ref.getIndex();
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: argument %s is not a column", where, node);
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
