package io.gleam.exec.expr;

import static io.gleam.planner.expr.Operator.AND;
import static io.gleam.planner.expr.Operator.GREATER_THAN;
import static io.gleam.planner.expr.Operator.IS_NOT_NULL;
import static io.gleam.planner.expr.Operator.LIKE;
import static io.gleam.planner.expr.Operator.MINUS;
import static io.gleam.planner.expr.Operator.MULTIPLY;
import static io.gleam.planner.expr.Operator.PLUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Filters and projections over whole batches: selection, shared columns, ownership, the class cache, errors. */
class ExprBatchTest extends ExprTestBase {
  private static final Expr I64 = col(0);
  private static final Expr PRICE = col(3);
  private static final Expr S = col(5);

  private List<Object[]> data() {
    return rows(row(1L, 10, 0.5, bd("1.00"), bd("0.1000"), "PROMO BRASS", date("1998-01-01"), true),
        row(2L, 20, null, bd("2.50"), bd("0.0500"), "STANDARD TIN", date("1998-02-01"), false),
        row(null, 30, 1.5, null, bd("0.0000"), null, null, null),
        row(4L, 40, 2.5, bd("4.00"), bd("0.0100"), "LARGE BRASS", date("1998-04-01"), true));
  }

  private static List<Object> columnValues(VectorSchemaRoot root, int c) {
    return column(root, c);
  }

  @Test
  void filterSelectsRowsWhereThePredicateIsTrue() {
    Expr brass = call(LIKE, BOOL, S, lit("%BRASS"));
    CompiledFilter filter = ExprCompiler.compileFilter(SCHEMA, brass);
    assertTrue(filter.isCompiled());
    assertEquals("Filter[$5 LIKE '%BRASS']", filter.explain());
    try (VectorSchemaRoot in = batch(SCHEMA, data())) {
      int[] selection = new int[4];
      assertEquals(2, filter.select(in, selection));
      assertEquals(List.of(0, 3), List.of(selection[0], selection[1]));
      try (VectorSchemaRoot out = filter.apply(in, allocator)) {
        assertEquals(2, out.getRowCount());
        assertEquals(SCHEMA, out.getSchema());
        assertEquals(List.of(1L, 4L), columnValues(out, 0));
        assertEquals(List.of("PROMO BRASS", "LARGE BRASS"), columnValues(out, 5));
        assertEquals(Arrays.asList(null, null), columnValues(out, 9));
      }
      assertThrows(IllegalArgumentException.class, () -> filter.select(in, new int[3]));
    }
  }

  @Test
  void filterKeepingEveryRowSharesTheColumns() {
    CompiledFilter all = ExprCompiler.compileFilter(SCHEMA, call(GREATER_THAN, BOOL, col(1), litInt(0)));
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = all.apply(in, allocator)) {
      assertEquals(4, out.getRowCount());
      assertEquals(in.getVector(5).getDataBuffer().memoryAddress(), out.getVector(5).getDataBuffer().memoryAddress());
    }
    CompiledFilter none = ExprCompiler.compileFilter(SCHEMA, lit(false));
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = none.apply(in, allocator)) {
      assertEquals(0, out.getRowCount());
    }
  }

  @Test
  void filteredProjection() {
    // SELECT $0, $3 * (1 - $4), $5 WHERE $0 IS NOT NULL AND $3 > 1
    Expr revenue = call(MULTIPLY, dec(31, 6), PRICE, call(MINUS, dec(16, 4), litInt(1), col(4)));
    Expr where = call(AND, BOOL, call(IS_NOT_NULL, BOOL, I64), call(GREATER_THAN, BOOL, PRICE, litInt(1)));
    Schema output = ExprCompiler.schemaOf(List.of("k", "revenue", "name"), List.of(I64, revenue, S));
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, where, List.of(I64, revenue, S), output);
    assertEquals("Project[filter=$0 IS NOT NULL AND $3 > 1, exprs=[$0, $3 * (1 - $4), $5]]", p.explain());
    assertEquals(output, p.schema());
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(List.of(2L, 4L), columnValues(out, 0));
      assertEquals(List.of(bd("2.375000"), bd("3.960000")), columnValues(out, 1));
      assertEquals(List.of("STANDARD TIN", "LARGE BRASS"), columnValues(out, 2));
    }
    assertEquals(0, p.fallbackBatches());
  }

  @Test
  void columnReferencesAreSharedAndOutliveTheInput() {
    Expr sum = call(PLUS, BIGINT, I64, col(1));
    Schema output = ExprCompiler.schemaOf(List.of("s", "k", "sum"), List.of(S, I64, sum));
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, List.of(S, I64, sum), output);
    try (BufferAllocator in = allocator.newChildAllocator("in", 0, Long.MAX_VALUE);
         BufferAllocator out = allocator.newChildAllocator("out", 0, Long.MAX_VALUE)) {
      VectorSchemaRoot result;
      VectorSchemaRoot input = batchIn(in);
      try (input) {
        result = p.evaluate(input, out);
        assertEquals(input.getVector(5).getDataBuffer().memoryAddress(),
            result.getVector(0).getDataBuffer().memoryAddress());
      }
      try (result) {
        assertEquals(Arrays.asList("PROMO BRASS", "STANDARD TIN", null, "LARGE BRASS"), columnValues(result, 0));
        assertEquals(Arrays.asList(11L, 22L, null, 44L), columnValues(result, 2));
        assertEquals("s", result.getSchema().getFields().get(0).getName());
      }
    }
  }

  private VectorSchemaRoot batchIn(BufferAllocator child) {
    try (VectorSchemaRoot b = batch(SCHEMA, data())) {
      VectorSchemaRoot copy = VectorSchemaRoot.create(SCHEMA, child);
      for (int c = 0; c < SCHEMA.getFields().size(); c++) {
        org.apache.arrow.vector.util.TransferPair t = b.getVector(c).makeTransferPair(copy.getVector(c));
        t.transfer();
      }
      copy.setRowCount(b.getRowCount());
      return copy;
    }
  }

  @Test
  void emptyBatches() {
    Expr revenue = call(MULTIPLY, dec(31, 6), PRICE, col(4));
    Schema output = ExprCompiler.schemaOf(List.of("k", "r", "s"), List.of(I64, revenue, S));
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, call(GREATER_THAN, BOOL, I64, lit(100)),
        List.of(I64, revenue, S), output);
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(0, out.getRowCount());
    }
    try (VectorSchemaRoot in = batch(SCHEMA, List.of()); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(0, out.getRowCount());
      assertEquals(output, out.getSchema());
    }
  }

  @Test
  void kernelsAreCompiledOncePerExpressionText() {
    Expr e = call(PLUS, BIGINT, I64, lit(987_654_321L));
    Schema output = ExprCompiler.schemaOf(List.of("x"), List.of(e));
    long before = ExprCompiler.compilations();
    CompiledProjection first = ExprCompiler.compileProjection(SCHEMA, List.of(e), output);
    CompiledProjection second = ExprCompiler.compileProjection(SCHEMA, List.of(e),
        ExprCompiler.schemaOf(List.of("other name"), List.of(e)));
    assertEquals(before + 1, ExprCompiler.compilations());
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot a = first.evaluate(in, allocator);
         VectorSchemaRoot b = second.evaluate(in, allocator)) {
      assertEquals(columnValues(a, 0), columnValues(b, 0));
    }
    // a pure projection needs no kernel at all
    ExprCompiler.compileProjection(SCHEMA, List.of(S, I64), ExprCompiler.schemaOf(List.of("a", "b"), List.of(S, I64)));
    assertEquals(before + 1, ExprCompiler.compilations());
  }

  @Test
  void aBatchTheKernelCannotFinishIsInterpreted() {
    Expr square = call(MULTIPLY, dec(38, 4), PRICE, PRICE);
    Schema output = ExprCompiler.schemaOf(List.of("x"), List.of(square));
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, List.of(square), output);
    List<Object[]> big = new ArrayList<>(data());
    big.add(row(null, null, null, bd("9999999999999.99")));
    try (VectorSchemaRoot in = batch(SCHEMA, big); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(Arrays.asList(bd("1.0000"), bd("6.2500"), null, bd("16.0000"),
          bd("99999999999999800000000000.0001")), columnValues(out, 0));
    }
    assertEquals(1, p.fallbackBatches());
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(4, out.getRowCount());
    }
    assertEquals(1, p.fallbackBatches());
  }

  @Test
  void expressionsTheGeneratorDoesNotHandleAreInterpreted() {
    // scaling by 10^19 does not fit the kernels' 64-bit decimals
    Expr wide = new Expr.Cast(PRICE, dec(38, 21));
    Schema output = ExprCompiler.schemaOf(List.of("w", "k"), List.of(wide, I64));
    CompiledProjection p = ExprCompiler.compileProjection(SCHEMA, List.of(wide, I64), output);
    assertFalse(p.isCompiled(0));
    assertTrue(p.isCompiled(1));
    assertEquals("Project[CAST($3 AS decimal(38,21)) (interpreted), $0]", p.explain());
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = p.evaluate(in, allocator)) {
      assertEquals(bd("2.500000000000000000000"), columnValues(out, 0).get(1));
    }
    CompiledFilter f = ExprCompiler.compileFilter(SCHEMA, call(GREATER_THAN, BOOL, wide, litInt(2)));
    assertFalse(f.isCompiled());
    try (VectorSchemaRoot in = batch(SCHEMA, data()); VectorSchemaRoot out = f.apply(in, allocator)) {
      assertEquals(List.of(2L, 4L), columnValues(out, 0));
    }
  }

  @Test
  void errorsAtCompileTimeNameTheExpression() {
    GleamException e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA, I64));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertEquals("filter $0 is bigint, not boolean", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA,
        call(GREATER_THAN, BOOL, new Expr.ColumnRef(0, INT), litInt(1))));
    assertEquals("expression $0: column $0 is bigint, not int", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA,
        call(GREATER_THAN, BOOL, new Expr.ColumnRef(12, INT), litInt(1))));
    assertTrue(e.getMessage().startsWith("expression $12: column $12 is not in the input (i64 bigint, "),
        e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA,
        call(GREATER_THAN, BOOL, S, lit(1))));
    assertEquals("expression $5 > 1: cannot compare string with bigint", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA,
        call(GREATER_THAN, BOOL, call(PLUS, INT, I64, lit(1)), lit(1))));
    assertEquals("expression $0 + 1: argument $0 (bigint) does not convert to int", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileFilter(SCHEMA,
        call(IS_NOT_NULL, BOOL, call(PLUS, ExprTypes.BIGINT, col(9), lit(1)))));
    assertEquals("expression $9: type timestamp is not supported in expressions", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileProjection(SCHEMA, List.of(I64),
        Schemas.parse("x int")));
    assertEquals("output column 'x' is int but expression $0 is bigint", e.getMessage());
    e = assertThrows(GleamException.class, () -> ExprCompiler.compileProjection(SCHEMA,
        List.of(new Expr.Cast(col(7), BIGINT)), Schemas.parse("x bigint")));
    assertEquals("expression CAST($7 AS bigint): no cast from boolean to bigint", e.getMessage());
  }

  @Test
  void batchesOfAnotherSchemaAreRejected() {
    CompiledFilter f = ExprCompiler.compileFilter(SCHEMA, call(GREATER_THAN, BOOL, I64, lit(1)));
    Schema other = Schemas.parse("a string");
    try (VectorSchemaRoot in = batch(other, List.<Object[]>of(new Object[] {"x"}))) {
      GleamException e = assertThrows(GleamException.class, () -> f.apply(in, allocator));
      assertEquals(ErrorCode.INTERNAL, e.code());
    }
  }
}
