package io.gleam.sql.lower;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.sql.catalog.TypeMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;

/**
 * Translates Calcite row expressions ({@link RexNode}) over one input into Gleam's expression IR ({@link Expr}):
 * input references, literals (numbers, decimals, strings, dates), arithmetic, comparisons, AND/OR/NOT, IS [NOT]
 * NULL, IS [NOT] DISTINCT FROM, CASE, CAST, LIKE, SUBSTRING, EXTRACT, COALESCE, SEARCH (expanded to comparisons),
 * the string functions ({@code ||}, CHAR_LENGTH/CHARACTER_LENGTH/LENGTH, UPPER, LOWER, TRIM of spaces, POSITION,
 * REPLACE) and date plus or minus a literal interval. Anything else fails with {@link ErrorCode#INVALID_FLOW} naming the expression.
 */
public final class RexToExpr {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final Schema input;
  private final RexBuilder rexBuilder;

  /** A translator for expressions over rows of {@code input}, the schema of the dataset they run on. */
  public RexToExpr(Schema input, RexBuilder rexBuilder) {
    this.input = requireNonNull(input, "input is null");
    this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
  }

  /** The Arrow type of a SQL type, as the catalog maps column types. */
  public static ArrowType arrowType(RelDataType type) {
    return TypeMapping.toArrowField("x", type).getType();
  }

  public Expr translate(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return new Expr.ColumnRef(ref.getIndex(), input.getFields().get(ref.getIndex()).getType());
    } else if (node instanceof RexLiteral literal) {
      return literal(literal);
    } else if (node instanceof RexCall call) {
      return call(call);
    }
    throw unsupported(node);
  }

  public List<Expr> translate(List<RexNode> nodes) {
    List<Expr> out = new ArrayList<>(nodes.size());
    for (RexNode n : nodes) {
      out.add(translate(n));
    }
    return out;
  }

  static Expr literal(RexLiteral literal) {
    RelDataType relType = literal.getType();
    SqlTypeName name = relType.getSqlTypeName();
    if (name == SqlTypeName.NULL) {
      return Expr.Literal.nullOf(ExprTypes.BOOLEAN);
    }
    ArrowType type = arrowType(relType);
    if (literal.isNull()) {
      return Expr.Literal.nullOf(type);
    }
    switch (name) {
      case BOOLEAN:
        return new Expr.Literal(literal.getValueAs(Boolean.class), type);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return new Expr.Literal(literal.getValueAs(Long.class), type);
      case DECIMAL:
        return new Expr.Literal(literal.getValueAs(BigDecimal.class)
            .setScale(((ArrowType.Decimal) type).getScale(), java.math.RoundingMode.HALF_UP), type);
      case DOUBLE:
      case FLOAT:
      case REAL:
        return new Expr.Literal(literal.getValueAs(Double.class), type);
      case CHAR:
      case VARCHAR:
        return new Expr.Literal(literal.getValueAs(String.class), type);
      case DATE:
        return new Expr.Literal((long) literal.getValueAs(DateString.class).getDaysSinceEpoch(), type);
      default:
        throw unsupported(literal);
    }
  }

  private Expr call(RexCall call) {
    SqlKind kind = call.getKind();
    ArrowType type = call.getType().getSqlTypeName() == SqlTypeName.NULL ? ExprTypes.BOOLEAN
        : arrowType(call.getType());
    switch (kind) {
      case SEARCH:
        return translate(RexUtil.expandSearch(rexBuilder, null, call));
      case PLUS:
      case MINUS:
        if (isInterval(call.getOperands().get(1)) && call.getType().getSqlTypeName() == SqlTypeName.DATE) {
          return dateArithmetic(call, kind == SqlKind.MINUS);
        }
        return Expr.Call.of(kind == SqlKind.PLUS ? Operator.PLUS : Operator.MINUS, type, args(call));
      case TIMES:
        return Expr.Call.of(Operator.MULTIPLY, type, args(call));
      case DIVIDE:
        return Expr.Call.of(Operator.DIVIDE, type, args(call));
      case MOD: {
        // Calcite types MOD(BIGINT, INTEGER) as INTEGER (the remainder is smaller than the divisor): compute it in
        // the operands' common type, then narrow, so a BIGINT operand is never narrowed before the division.
        RelDataType common = rexBuilder.getTypeFactory().leastRestrictive(
            List.of(call.getOperands().get(0).getType(), call.getOperands().get(1).getType()));
        if (common == null || common.getSqlTypeName() == call.getType().getSqlTypeName()) {
          return Expr.Call.of(Operator.MOD, type, args(call));
        }
        return new Expr.Cast(Expr.Call.of(Operator.MOD, arrowType(common), args(call)), type);
      }
      case MINUS_PREFIX:
        return Expr.Call.of(Operator.NEGATE, type, args(call));
      case PLUS_PREFIX:
        return translate(call.getOperands().get(0));
      case EQUALS:
        return Expr.Call.of(Operator.EQUALS, type, args(call));
      case NOT_EQUALS:
        return Expr.Call.of(Operator.NOT_EQUALS, type, args(call));
      case LESS_THAN:
        return Expr.Call.of(Operator.LESS_THAN, type, args(call));
      case LESS_THAN_OR_EQUAL:
        return Expr.Call.of(Operator.LESS_THAN_OR_EQUAL, type, args(call));
      case GREATER_THAN:
        return Expr.Call.of(Operator.GREATER_THAN, type, args(call));
      case GREATER_THAN_OR_EQUAL:
        return Expr.Call.of(Operator.GREATER_THAN_OR_EQUAL, type, args(call));
      case AND:
        return Expr.Call.of(Operator.AND, type, args(call));
      case OR:
        return Expr.Call.of(Operator.OR, type, args(call));
      case NOT:
        return Expr.Call.of(Operator.NOT, type, args(call));
      case IS_NULL:
        return Expr.Call.of(Operator.IS_NULL, ExprTypes.BOOLEAN, args(call));
      case IS_NOT_NULL:
        return Expr.Call.of(Operator.IS_NOT_NULL, ExprTypes.BOOLEAN, args(call));
      case IS_TRUE:
        return Expr.Call.of(Operator.IS_TRUE, ExprTypes.BOOLEAN, args(call));
      case IS_FALSE:
        return Expr.Call.of(Operator.IS_FALSE, ExprTypes.BOOLEAN, args(call));
      case IS_NOT_TRUE:
        return Expr.Call.of(Operator.IS_NOT_TRUE, ExprTypes.BOOLEAN, args(call));
      case IS_NOT_FALSE:
        return Expr.Call.of(Operator.IS_NOT_FALSE, ExprTypes.BOOLEAN, args(call));
      case IS_NOT_DISTINCT_FROM:
      case IS_DISTINCT_FROM: {
        Expr a = translate(call.getOperands().get(0));
        Expr b = translate(call.getOperands().get(1));
        Expr bothNull = Expr.Call.of(Operator.AND, ExprTypes.BOOLEAN,
            Expr.Call.of(Operator.IS_NULL, ExprTypes.BOOLEAN, a), Expr.Call.of(Operator.IS_NULL, ExprTypes.BOOLEAN, b));
        Expr equal = Expr.Call.of(Operator.IS_TRUE, ExprTypes.BOOLEAN,
            Expr.Call.of(Operator.EQUALS, ExprTypes.BOOLEAN, a, b));
        Expr same = Expr.Call.of(Operator.OR, ExprTypes.BOOLEAN, bothNull, equal);
        return kind == SqlKind.IS_NOT_DISTINCT_FROM ? same : Expr.Call.of(Operator.NOT, ExprTypes.BOOLEAN, same);
      }
      case COALESCE:
        return Expr.Call.of(Operator.COALESCE, type, args(call));
      case LIKE: {
        String opName = call.getOperator().getName();
        return Expr.Call.of(opName.startsWith("NOT") ? Operator.NOT_LIKE : Operator.LIKE, type, args(call));
      }
      case CASE:
        return caseExpr(call, type);
      case CAST: {
        Expr in = translate(call.getOperands().get(0));
        return in.type().equals(type) ? in : new Expr.Cast(in, type);
      }
      case EXTRACT:
        return extract(call, type);
      case TRIM:
        return trim(call, type);
      case POSITION:
        if (call.getOperands().size() != 2) {
          throw unsupported(call); // POSITION(a IN b FROM n)
        }
        return Expr.Call.of(Operator.POSITION, type, stringArgs(call));
      default:
        return function(call, type);
    }
  }

  private Expr function(RexCall call, ArrowType type) {
    String name = call.getOperator().getName();
    switch (name) {
      case "SUBSTRING":
        return Expr.Call.of(Operator.SUBSTRING, type, args(call));
      case "UPPER":
        return Expr.Call.of(Operator.UPPER, type, stringArgs(call));
      case "LOWER":
        return Expr.Call.of(Operator.LOWER, type, stringArgs(call));
      case "CHAR_LENGTH":
      case "CHARACTER_LENGTH":
      case "LENGTH":
        return Expr.Call.of(Operator.CHAR_LENGTH, type, stringArgs(call));
      case "||":
        return Expr.Call.of(Operator.CONCAT, type, stringArgs(call));
      case "REPLACE":
        return Expr.Call.of(Operator.REPLACE, type, stringArgs(call));
      case "ABS":
        return Expr.Call.of(Operator.ABS, type, args(call));
      default:
        throw unsupported(call);
    }
  }

  /** {@code TRIM([BOTH|LEADING|TRAILING] ' ' FROM s)}: only spaces are trimmed. */
  private Expr trim(RexCall call, ArrowType type) {
    List<RexNode> ops = call.getOperands();
    if (ops.size() != 3 || !(ops.get(0) instanceof RexLiteral flag) || !(ops.get(1) instanceof RexLiteral chars)
        || !" ".equals(chars.getValueAs(String.class))) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "expression %s: TRIM removes only spaces yet", call);
    }
    Operator op = switch (flag.getValueAs(SqlTrimFunction.Flag.class)) {
      case BOTH -> Operator.TRIM;
      case LEADING -> Operator.LTRIM;
      case TRAILING -> Operator.RTRIM;
    };
    return Expr.Call.of(op, type, conform(translate(ops.get(2)), ExprTypes.STRING));
  }

  private Expr caseExpr(RexCall call, ArrowType type) {
    List<RexNode> ops = call.getOperands();
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      whens.add(translate(ops.get(i)));
      thens.add(conform(translate(ops.get(i + 1)), type));
    }
    Expr otherwise = ops.size() % 2 == 1 ? conform(translate(ops.get(ops.size() - 1)), type)
        : Expr.Literal.nullOf(type);
    return new Expr.Case(whens, thens, otherwise, type);
  }

  /** A NULL literal retyped, or the expression itself. */
  private static Expr conform(Expr e, ArrowType type) {
    if (e instanceof Expr.Literal l && l.isNullValue() && !l.type().equals(type)) {
      return Expr.Literal.nullOf(type);
    }
    return e;
  }

  private Expr extract(RexCall call, ArrowType type) {
    RexLiteral unit = (RexLiteral) call.getOperands().get(0);
    TimeUnitRange range = unit.getValueAs(TimeUnitRange.class);
    Expr arg = translate(call.getOperands().get(1));
    Operator op = switch (range) {
      case YEAR -> Operator.EXTRACT_YEAR;
      case MONTH -> Operator.EXTRACT_MONTH;
      case DAY -> Operator.EXTRACT_DAY;
      default -> throw unsupported(call);
    };
    return Expr.Call.of(op, type, arg);
  }

  private Expr dateArithmetic(RexCall call, boolean minus) {
    Expr date = translate(call.getOperands().get(0));
    RexNode interval = call.getOperands().get(1);
    if (!(interval instanceof RexLiteral literal) || literal.isNull()) {
      throw unsupported(call);
    }
    long value = literal.getValueAs(BigDecimal.class).longValueExact();
    boolean months = interval.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
    long amount = months ? value : value / MILLIS_PER_DAY;
    if (!months && value % MILLIS_PER_DAY != 0) {
      throw unsupported(call);
    }
    Expr n = Expr.Literal.ofLong(minus ? -amount : amount);
    return Expr.Call.of(months ? Operator.DATE_ADD_MONTHS : Operator.DATE_ADD_DAYS, ExprTypes.DATE, date, n);
  }

  private static boolean isInterval(RexNode node) {
    SqlTypeFamily family = node.getType().getSqlTypeName().getFamily();
    return family == SqlTypeFamily.INTERVAL_YEAR_MONTH || family == SqlTypeFamily.INTERVAL_DAY_TIME;
  }

  /** The arguments of a string function, an untyped NULL among them as a NULL string. */
  private Expr[] stringArgs(RexCall call) {
    Expr[] args = args(call);
    for (int i = 0; i < args.length; i++) {
      args[i] = conform(args[i], ExprTypes.STRING);
    }
    return args;
  }

  private Expr[] args(RexCall call) {
    return translate(call.getOperands()).toArray(new Expr[0]);
  }

  private static GleamException unsupported(RexNode node) {
    return GleamException.user(ErrorCode.INVALID_FLOW, "expression %s (%s) is not supported yet", node,
        node.getKind());
  }
}
