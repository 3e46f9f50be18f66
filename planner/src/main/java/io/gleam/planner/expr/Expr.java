package io.gleam.planner.expr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A scalar expression over the columns of one input row: plain, immutable, serializable data, the form SQL row
 * expressions take in a physical plan. Every node carries its result type as an Arrow type. Nodes render as
 * readable SQL-like text ({@code $3 * (1 - $6)}) for explain output.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "expr")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Expr.ColumnRef.class, name = "ColumnRef"),
    @JsonSubTypes.Type(value = Expr.Literal.class, name = "Literal"),
    @JsonSubTypes.Type(value = Expr.Call.class, name = "Call"),
    @JsonSubTypes.Type(value = Expr.Case.class, name = "Case"),
    @JsonSubTypes.Type(value = Expr.Cast.class, name = "Cast")})
public sealed interface Expr {
  /** The type of the value the expression produces. */
  ArrowType type();

  /** The direct sub-expressions, in evaluation order. */
  @JsonIgnore
  List<Expr> children();

  /** Readable text such as {@code $3 * (1 - $6)}; deterministic, for explain. */
  default String render() {
    return ExprRenderer.render(this);
  }

  /** Adds the indexes of the input columns this expression reads to {@code into}. */
  default void addColumns(BitSet into) {
    if (this instanceof ColumnRef ref) {
      into.set(ref.index());
    }
    for (Expr child : children()) {
      child.addColumns(into);
    }
  }

  /**
   * This expression with each column reference {@code $i} replaced by {@code $newIndex[i]}; the input columns it
   * reads must all have a new index.
   */
  default Expr remapColumns(int[] newIndex) {
    if (this instanceof ColumnRef ref) {
      return new ColumnRef(newIndex[ref.index()], ref.type());
    } else if (this instanceof Literal) {
      return this;
    } else if (this instanceof Call call) {
      return new Call(call.op(), call.args().stream().map(a -> a.remapColumns(newIndex)).toList(), call.type());
    } else if (this instanceof Case c) {
      return new Case(c.whens().stream().map(w -> w.remapColumns(newIndex)).toList(),
          c.thens().stream().map(t -> t.remapColumns(newIndex)).toList(), c.otherwise().remapColumns(newIndex),
          c.type());
    }
    Cast cast = (Cast) this;
    return new Cast(cast.input().remapColumns(newIndex), cast.type());
  }

  /** Column {@code index} of the input row, rendered {@code $index}. */
  record ColumnRef(int index, ArrowType type) implements Expr {
    public ColumnRef {
      requireNonNull(type, "type is null");
      if (index < 0) {
        throw new GleamException(ErrorCode.INVALID_FLOW, "column reference $" + index + " is negative");
      }
    }

    @Override
    public List<Expr> children() {
      return List.of();
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /**
   * A constant. The value is JSON-safe and canonical for its type: NULL as {@code null}; boolean as
   * {@link Boolean}; any integer type as {@link Long}; double as {@link Double}; string as {@link String}; decimal
   * as the plain {@link String} of the value at the type's scale ({@code "0.04"}); date as {@link Long} days since
   * 1970-01-01. The constructor also takes the natural Java forms ({@link Integer}, {@link BigDecimal},
   * {@link LocalDate}) and converts them.
   */
  record Literal(Object value, ArrowType type) implements Expr {
    public Literal {
      requireNonNull(type, "type is null");
      value = LiteralValues.canonical(value, type);
    }

    public static Literal ofLong(long value) {
      return new Literal(value, ExprTypes.BIGINT);
    }

    public static Literal ofInt(int value) {
      return new Literal((long) value, ExprTypes.INT);
    }

    public static Literal ofDouble(double value) {
      return new Literal(value, ExprTypes.DOUBLE);
    }

    public static Literal ofBoolean(boolean value) {
      return new Literal(value, ExprTypes.BOOLEAN);
    }

    public static Literal ofString(String value) {
      return new Literal(requireNonNull(value, "value is null"), ExprTypes.STRING);
    }

    /** A decimal literal of the value's own precision and scale: {@code 0.04} is decimal(3,2). */
    public static Literal ofDecimal(BigDecimal value) {
      requireNonNull(value, "value is null");
      int scale = Math.max(value.scale(), 0);
      BigDecimal scaled = value.setScale(scale);
      return new Literal(scaled, ExprTypes.decimal(Math.max(scaled.precision(), scale + 1), scale));
    }

    public static Literal ofDate(LocalDate value) {
      return new Literal(value.toEpochDay(), ExprTypes.DATE);
    }

    public static Literal nullOf(ArrowType type) {
      return new Literal(null, type);
    }

    @JsonIgnore
    public boolean isNullValue() {
      return value == null;
    }

    /** The value of a decimal literal; fails for other types. */
    public BigDecimal decimalValue() {
      return new BigDecimal((String) value);
    }

    @Override
    public List<Expr> children() {
      return List.of();
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /** An {@link Operator} applied to arguments; {@code type} is the result type. */
  record Call(Operator op, List<Expr> args, ArrowType type) implements Expr {
    public Call {
      requireNonNull(op, "op is null");
      requireNonNull(type, "type is null");
      args = List.copyOf(requireNonNull(args, "args is null"));
      if (args.size() < op.minArgs() || args.size() > op.maxArgs()) {
        String expected = op.minArgs() == op.maxArgs() ? String.valueOf(op.minArgs())
            : op.maxArgs() == Integer.MAX_VALUE ? "at least " + op.minArgs()
            : op.minArgs() + " to " + op.maxArgs();
        throw GleamException.user(ErrorCode.INVALID_FLOW, "%s takes %s arguments, got %d: %s", op, expected,
            args.size(), args);
      }
    }

    public static Call of(Operator op, ArrowType type, Expr... args) {
      return new Call(op, Arrays.asList(args), type);
    }

    @Override
    public List<Expr> children() {
      return args;
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /**
   * {@code CASE WHEN whens[0] THEN thens[0] ... ELSE otherwise END}: the first WHEN that is TRUE (not FALSE, not
   * NULL) picks its THEN; only that branch is evaluated. A CASE without ELSE has a NULL literal as otherwise.
   */
  record Case(List<Expr> whens, List<Expr> thens, Expr otherwise, ArrowType type) implements Expr {
    public Case {
      whens = List.copyOf(requireNonNull(whens, "whens is null"));
      thens = List.copyOf(requireNonNull(thens, "thens is null"));
      requireNonNull(otherwise, "otherwise is null");
      requireNonNull(type, "type is null");
      if (whens.isEmpty() || whens.size() != thens.size()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "CASE needs as many THENs as WHENs (at least one), "
            + "got %d WHENs and %d THENs", whens.size(), thens.size());
      }
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>();
      for (int i = 0; i < whens.size(); i++) {
        all.add(whens.get(i));
        all.add(thens.get(i));
      }
      all.add(otherwise);
      return all;
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /**
   * {@code CAST(input AS type)} between numbers, decimals, strings, dates and booleans. Decimals round half up to
   * the target scale; a decimal or double cast to an integer truncates toward zero; a value that does not convert
   * is an error naming it.
   */
  record Cast(Expr input, ArrowType type) implements Expr {
    public Cast {
      requireNonNull(input, "input is null");
      requireNonNull(type, "type is null");
    }

    @Override
    public List<Expr> children() {
      return List.of(input);
    }

    @Override
    public String toString() {
      return render();
    }
  }
}
