package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.DateString;

/**
 * Evaluates constant expressions for the optimizer's constant reduction, without generating code for the common
 * cases: {@code +}, {@code -} and {@code *} of exact numbers, unary minus, a DATE plus or minus an interval of whole
 * days or months, and CAST of a literal between exact numeric types or from text to DATE. A CAST to a DECIMAL of
 * smaller scale rounds half up, as the run time does. Any other expression, or one whose result would need rounding
 * (an integer cast of a fraction) or overflow its type, goes to {@code fallback} (Calcite's code-generating
 * executor), all in one batch.
 *
 * <p>TPC-H's {@code date '1998-12-01' - interval '90' day (3)} and {@code l_quantity <= 1 + 10} fold here; the
 * fallback compiles Java with Janino, which costs milliseconds a call.
 */
final class ConstantFolder implements RexExecutor {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final RexExecutor fallback;

  ConstantFolder(RexExecutor fallback) {
    this.fallback = requireNonNull(fallback, "fallback is null");
  }

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    List<RexNode> results = new ArrayList<>(constExps.size());
    List<RexNode> others = new ArrayList<>();
    List<Integer> otherPositions = new ArrayList<>();
    for (RexNode e : constExps) {
      Optional<RexLiteral> folded = fold(rexBuilder, e);
      if (folded.isPresent()) {
        results.add(folded.get());
      } else {
        otherPositions.add(results.size());
        others.add(e);
        results.add(e);
      }
    }
    if (!others.isEmpty()) {
      List<RexNode> reducedOthers = new ArrayList<>(others.size());
      fallback.reduce(rexBuilder, others, reducedOthers);
      for (int i = 0; i < otherPositions.size(); i++) {
        results.set(otherPositions.get(i), reducedOthers.get(i));
      }
    }
    reducedValues.addAll(results);
  }

  /** The value of {@code e} as a literal of its type, if this class can compute it exactly. */
  static Optional<RexLiteral> fold(RexBuilder rexBuilder, RexNode e) {
    if (e instanceof RexLiteral literal) {
      return Optional.of(literal);
    }
    if (!(e instanceof RexCall call)) {
      return Optional.empty();
    }
    List<RexLiteral> operands = new ArrayList<>(call.getOperands().size());
    for (RexNode operand : call.getOperands()) {
      Optional<RexLiteral> value = fold(rexBuilder, operand);
      if (value.isEmpty() || value.get().isNull()) {
        return Optional.empty();
      }
      operands.add(value.get());
    }
    RelDataType type = call.getType();
    switch (call.getKind()) {
      case PLUS:
      case MINUS:
        if (isDate(type)) {
          return dateArithmetic(rexBuilder, call, operands);
        }
        return arithmetic(rexBuilder, call, operands);
      case TIMES:
      case MINUS_PREFIX:
        return arithmetic(rexBuilder, call, operands);
      case CAST:
        return cast(rexBuilder, type, operands.get(0));
      default:
        return Optional.empty();
    }
  }

  private static Optional<RexLiteral> arithmetic(RexBuilder rexBuilder, RexCall call, List<RexLiteral> operands) {
    RelDataType type = call.getType();
    if (!SqlTypeUtil.isExactNumeric(type)) {
      return Optional.empty();
    }
    List<BigDecimal> values = new ArrayList<>(operands.size());
    for (RexLiteral operand : operands) {
      if (!SqlTypeUtil.isExactNumeric(operand.getType())) {
        return Optional.empty();
      }
      values.add(requireNonNull(operand.getValueAs(BigDecimal.class), "exact numeric literal"));
    }
    BigDecimal result;
    switch (call.getKind()) {
      case PLUS:
        result = values.get(0).add(values.get(1));
        break;
      case MINUS:
        result = values.get(0).subtract(values.get(1));
        break;
      case TIMES:
        result = values.get(0).multiply(values.get(1));
        break;
      case MINUS_PREFIX:
        result = values.get(0).negate();
        break;
      default:
        return Optional.empty();
    }
    return exact(rexBuilder, result, type);
  }

  /** DATE plus or minus an interval of whole days or months (in either operand order for plus). */
  private static Optional<RexLiteral> dateArithmetic(RexBuilder rexBuilder, RexCall call, List<RexLiteral> operands) {
    if (operands.size() != 2) {
      return Optional.empty();
    }
    int dateIndex = isDate(operands.get(0).getType()) ? 0 : 1;
    RexLiteral date = operands.get(dateIndex);
    RexLiteral interval = operands.get(1 - dateIndex);
    if (!isDate(date.getType()) || (call.getKind() == SqlKind.MINUS && dateIndex != 0)) {
      return Optional.empty();
    }
    Integer days = date.getValueAs(Integer.class);
    BigDecimal amount = interval.getValueAs(BigDecimal.class);
    if (days == null || amount == null) {
      return Optional.empty();
    }
    int sign = call.getKind() == SqlKind.MINUS ? -1 : 1;
    LocalDate start = LocalDate.ofEpochDay(days);
    LocalDate end;
    SqlTypeFamily family = interval.getType().getSqlTypeName().getFamily();
    try {
      if (family == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
        end = start.plusMonths(sign * amount.longValueExact());
      } else if (family == SqlTypeFamily.INTERVAL_DAY_TIME) {
        BigDecimal[] daysAndRest = amount.divideAndRemainder(BigDecimal.valueOf(MILLIS_PER_DAY));
        if (daysAndRest[1].signum() != 0) {
          return Optional.empty();
        }
        end = start.plusDays(sign * daysAndRest[0].longValueExact());
      } else {
        return Optional.empty();
      }
    } catch (ArithmeticException | DateTimeException outOfRange) {
      return Optional.empty(); // the fallback reports or handles it
    }
    return Optional.of(rexBuilder.makeDateLiteral(DateString.fromDaysSinceEpoch(Math.toIntExact(end.toEpochDay()))));
  }

  private static Optional<RexLiteral> cast(RexBuilder rexBuilder, RelDataType type, RexLiteral operand) {
    RelDataType from = operand.getType();
    if (SqlTypeUtil.isExactNumeric(type) && SqlTypeUtil.isExactNumeric(from)) {
      BigDecimal value = requireNonNull(operand.getValueAs(BigDecimal.class), "exact numeric literal");
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL && value.scale() > type.getScale()) {
        // as at run time (and in DuckDB): CAST(1.005 AS DECIMAL(10, 2)) is 1.01, CAST(-1.005 ...) is -1.01
        value = value.setScale(type.getScale(), RoundingMode.HALF_UP);
      }
      return exact(rexBuilder, value, type);
    }
    if (isDate(type) && SqlTypeUtil.isCharacter(from)) {
      String text = requireNonNull(operand.getValueAs(String.class), "character literal").trim();
      if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Optional.empty();
      }
      try {
        return Optional.of(rexBuilder.makeDateLiteral(new DateString(text)));
      } catch (IllegalArgumentException notADate) {
        return Optional.empty(); // e.g. 1995-02-30: the fallback decides
      }
    }
    return Optional.empty();
  }

  /** {@code value} as a literal of exact numeric {@code type}, if it fits without rounding. */
  private static Optional<RexLiteral> exact(RexBuilder rexBuilder, BigDecimal value, RelDataType type) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.getSqlTypeName() == SqlTypeName.DECIMAL ? type.getScale() : 0);
    } catch (ArithmeticException needsRounding) {
      return Optional.empty();
    }
    if (!fits(scaled, type)) {
      return Optional.empty();
    }
    return Optional.of((RexLiteral) rexBuilder.makeLiteral(scaled, type, false));
  }

  private static boolean fits(BigDecimal value, RelDataType type) {
    switch (type.getSqlTypeName()) {
      case TINYINT:
        return inRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT:
        return inRange(value, Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER:
        return inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT:
        return inRange(value, Long.MIN_VALUE, Long.MAX_VALUE);
      case DECIMAL:
        return value.precision() - value.scale() <= type.getPrecision() - type.getScale();
      default:
        return false;
    }
  }

  private static boolean inRange(BigDecimal value, long min, long max) {
    BigInteger v = value.toBigIntegerExact();
    return v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  private static boolean isDate(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.DATE;
  }
}
