package io.gleam.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.rows.BatchBuilder;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.rows.ArrowValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;

/**
 * Evaluates expressions over small batches both compiled and interpreted, with a test-owned allocator that is
 * closed after each test (a leaked buffer fails it).
 */
abstract class ExprTestBase {
  /** Columns $0..$9 of the test rows. */
  static final Schema SCHEMA = Schemas.parse("i64 bigint, i32 int, dbl double, price decimal(15,2), "
      + "rate decimal(12,4), s string, day date, flag boolean, big decimal(38,2), at timestamp");
  static final ArrowType BIGINT = ExprTypes.BIGINT;
  static final ArrowType INT = ExprTypes.INT;
  static final ArrowType DOUBLE = ExprTypes.DOUBLE;
  static final ArrowType BOOL = ExprTypes.BOOLEAN;
  static final ArrowType STRING = ExprTypes.STRING;
  static final ArrowType DATE = ExprTypes.DATE;

  protected final BufferAllocator allocator = new RootAllocator();

  /** Whether the last {@link #compiled} evaluation ran generated code, and whether it fell back. */
  protected boolean lastCompiled;
  protected long lastFallbacks;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static ArrowType dec(int precision, int scale) {
    return ExprTypes.decimal(precision, scale);
  }

  static Expr col(int index) {
    return new Expr.ColumnRef(index, SCHEMA.getFields().get(index).getType());
  }

  static Expr call(Operator op, ArrowType type, Expr... args) {
    return Expr.Call.of(op, type, args);
  }

  static Expr lit(long v) {
    return Expr.Literal.ofLong(v);
  }

  static Expr litInt(int v) {
    return Expr.Literal.ofInt(v);
  }

  static Expr lit(String v) {
    return Expr.Literal.ofString(v);
  }

  static Expr lit(double v) {
    return Expr.Literal.ofDouble(v);
  }

  static Expr lit(boolean v) {
    return Expr.Literal.ofBoolean(v);
  }

  static Expr litDec(String v) {
    return Expr.Literal.ofDecimal(new BigDecimal(v));
  }

  static Expr litDate(String v) {
    return Expr.Literal.ofDate(LocalDate.parse(v));
  }

  static Expr nul(ArrowType type) {
    return Expr.Literal.nullOf(type);
  }

  /** A row of the test schema; unspecified trailing columns are NULL. */
  static Object[] row(Object... values) {
    return Arrays.copyOf(values, SCHEMA.getFields().size());
  }

  static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  VectorSchemaRoot batch(Schema schema, List<Object[]> rows) {
    try (BatchBuilder b = new BatchBuilder(schema, allocator, Math.max(rows.size(), 1))) {
      for (Object[] r : rows) {
        b.add(r.clone());
      }
      VectorSchemaRoot root = b.take();
      return root != null ? root : VectorSchemaRoot.create(schema, allocator);
    }
  }

  /** Column 0 of a batch as Java values, integers as Long. */
  static List<Object> column(VectorSchemaRoot root, int c) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < root.getRowCount(); i++) {
      Object v = ArrowValues.get(root.getVector(c), i);
      values.add(v instanceof Integer n ? Long.valueOf(n) : v);
    }
    return values;
  }

  /** The expression's values for the rows, compiled. */
  List<Object> compiled(Expr e, List<Object[]> rows) {
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, List.of(e),
        ExprCompiler.schemaOf(List.of("x"), List.of(e)));
    lastCompiled = p.isCompiled(0);
    lastFallbacks = 0;
    try (VectorSchemaRoot in = batch(SCHEMA, rows); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      return column(out, 0);
    } finally {
      lastFallbacks = p.fallbackBatches();
    }
  }

  /** The expression's values for the rows, interpreted. */
  static List<Object> interpreted(Expr e, List<Object[]> rows) {
    List<Object> values = new ArrayList<>();
    for (Object[] r : rows) {
      values.add(ExprInterpreter.output(ExprInterpreter.evaluate(e, r.clone()), e));
    }
    return values;
  }

  /** Checks that compiled and interpreted evaluation both give {@code expected}, one value per row. */
  void check(Expr e, List<Object[]> rows, Object... expected) {
    List<Object> want = Arrays.asList(expected);
    assertEquals(want, compiled(e, rows), "compiled " + e.render());
    assertTrue(lastCompiled, "not compiled: " + e.render());
    assertEquals(0, lastFallbacks, "fell back to the interpreter: " + e.render());
    assertEquals(want, interpreted(e, rows), "interpreted " + e.render());
  }

  /** Like {@link #check}, for an expression the kernel hands to the interpreter. */
  void checkInterpreted(Expr e, List<Object[]> rows, Object... expected) {
    List<Object> want = Arrays.asList(expected);
    assertEquals(want, compiled(e, rows), "compiled " + e.render());
    assertTrue(!lastCompiled || lastFallbacks > 0, "not interpreted: " + e.render());
    assertEquals(want, interpreted(e, rows), "interpreted " + e.render());
  }

  /** Checks an expression without column references on one row. */
  void check(Expr e, Object expected) {
    check(e, rows(row()), expected);
  }

  /** Checks that both evaluations fail with {@code message}; returns the compiled error. */
  GleamException fails(Expr e, List<Object[]> rows, String message) {
    GleamException c = assertThrows(GleamException.class, () -> compiled(e, rows), e.render());
    assertEquals(message, c.getMessage());
    GleamException i = assertThrows(GleamException.class, () -> interpreted(e, rows), e.render());
    assertEquals(message, i.getMessage());
    return c;
  }

  static BigDecimal bd(String v) {
    return new BigDecimal(v);
  }

  static LocalDate date(String v) {
    return LocalDate.parse(v);
  }
}
