package io.gleam.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time per row of TPC-H's {@code l_extendedprice * (1 - l_discount)} over 1M rows in 64K-row batches, compiled and
 * interpreted. Off by default; run with {@code -Dgleam.bench=true}.
 */
@EnabledIfSystemProperty(named = "gleam.bench", matches = "true")
class ExprKernelSpeedTest {
  private static final Logger LOG = LoggerFactory.getLogger(ExprKernelSpeedTest.class);
  private static final Schema LINEITEM = Schemas.parse("l_extendedprice decimal(15,2), l_discount decimal(15,2)");
  private static final int ROWS = 1 << 20;
  private static final int BATCH = 1 << 16;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void revenuePerRow() {
    Expr price = new Expr.ColumnRef(0, ExprTypes.decimal(15, 2));
    Expr discount = new Expr.ColumnRef(1, ExprTypes.decimal(15, 2));
    Expr revenue = Expr.Call.of(Operator.MULTIPLY, ExprTypes.decimal(31, 4), price,
        Expr.Call.of(Operator.MINUS, ExprTypes.decimal(16, 2), Expr.Literal.ofInt(1), discount));
    Schema output = ExprCompiler.schemaOf(List.of("revenue"), List.of(revenue));
    CompiledProjection p = ExprCompiler.compileProjection(LINEITEM, List.of(revenue), output);
    List<VectorSchemaRoot> batches = batches();
    try {
      for (int round = 0; round < 30; round++) {
        run(p, batches);
      }
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 20; round++) {
        best = Math.min(best, run(p, batches));
      }
      LOG.info("compiled {}: {} ns/row (best of 20 runs over {} rows)", revenue.render(),
          String.format("%.2f", (double) best / ROWS), ROWS);
      long start = System.nanoTime();
      for (int i = 0; i < 2; i++) {
        VectorSchemaRoot b = batches.get(i);
        for (int r = 0; r < b.getRowCount(); r++) {
          ExprInterpreter.evaluate(revenue, new Object[] {((DecimalVector) b.getVector(0)).getObject(r),
              ((DecimalVector) b.getVector(1)).getObject(r)});
        }
      }
      LOG.info("interpreted: {} ns/row", String.format("%.2f", (double) (System.nanoTime() - start) / (2 * BATCH)));
      try (VectorSchemaRoot out = p.evaluate(batches.get(0), allocator)) {
        BigDecimal expected = ((DecimalVector) batches.get(0).getVector(0)).getObject(7)
            .multiply(BigDecimal.ONE.subtract(((DecimalVector) batches.get(0).getVector(1)).getObject(7)));
        assertEquals(expected, ((DecimalVector) out.getVector(0)).getObject(7));
      }
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  private long run(CompiledProjection p, List<VectorSchemaRoot> batches) {
    long start = System.nanoTime();
    for (VectorSchemaRoot b : batches) {
      p.evaluate(b, allocator).close();
    }
    return System.nanoTime() - start;
  }

  private List<VectorSchemaRoot> batches() {
    Random random = new Random(1);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    for (int done = 0; done < ROWS; done += BATCH) {
      VectorSchemaRoot root = VectorSchemaRoot.create(LINEITEM, allocator);
      DecimalVector price = (DecimalVector) root.getVector(0);
      DecimalVector discount = (DecimalVector) root.getVector(1);
      price.allocateNew(BATCH);
      discount.allocateNew(BATCH);
      for (int i = 0; i < BATCH; i++) {
        price.set(i, 90_000 + random.nextInt(10_400_000));
        discount.set(i, random.nextInt(11));
      }
      root.setRowCount(BATCH);
      batches.add(root);
    }
    return batches;
  }
}
