package io.gleam.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.rows.BatchBuilder;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprCodec;
import io.gleam.planner.rows.ArrowValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random expressions over random batches: the compiled projection (with a random filter half of the time) must
 * give what {@link ExprInterpreter} gives row by row, values and errors alike.
 */
class ExprDifferentialTest {
  private static final Logger LOG = LoggerFactory.getLogger(ExprDifferentialTest.class);
  /** Cases and seed; a longer hunt: {@code -Dgleam.exprCases=20000 -Dgleam.exprSeed=7}. */
  private static final int CASES = Integer.getInteger("gleam.exprCases", 400);
  private static final long SEED = Long.getLong("gleam.exprSeed", 20240611L);
  private static final int ROWS = 40;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void compiledAgreesWithInterpreted() {
    Random random = new Random(SEED);
    RandomExprs gen = new RandomExprs(random);
    int compiledExprs = 0;
    int totalExprs = 0;
    int errors = 0;
    int byKernels = 0;
    long fallbacks = 0;
    List<Object[]> rows = null;
    VectorSchemaRoot batch = null;
    try {
      for (int c = 0; c < CASES; c++) {
        if (c % 20 == 0) {
          if (batch != null) {
            batch.close();
          }
          rows = new ArrayList<>();
          for (int i = 0; i < ROWS; i++) {
            rows.add(gen.row());
          }
          batch = batch(rows);
        }
        int depth = 1 + random.nextInt(4);
        Optional<Expr> filter = random.nextBoolean() ? Optional.of(gen.bool(depth)) : Optional.empty();
        List<Expr> exprs = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int j = 0; j < n; j++) {
          exprs.add(gen.of(gen.anyType(), depth));
        }
        Outcome compiled = compiled(batch, filter, exprs);
        Outcome expected = interpreted(batch, filter, exprs);
        String context = "case " + c + ": filter " + filter.map(Expr::render).orElse("none") + ", exprs "
            + exprs.stream().map(Expr::render).toList() + "\n" + ExprCodec.toJson(exprs);
        assertEquals(expected.error(), compiled.error(), context);
        assertEquals(expected.columns(), compiled.columns(), context);
        errors += expected.error() == null ? 0 : 1;
        totalExprs += n;
        compiledExprs += compiled.compiledExprs();
        fallbacks += compiled.fallbacks();
        byKernels += compiled.fallbacks() == 0 && compiled.error() == null ? 1 : 0;
      }
    } finally {
      if (batch != null) {
        batch.close();
      }
    }
    LOG.info("{} cases, {} of {} expressions compiled, {} cases computed by kernels alone, {} batches fell back, "
        + "{} cases ended in an error", CASES, compiledExprs, totalExprs, byKernels, fallbacks, errors);
    assertTrue(compiledExprs >= totalExprs * 9 / 10, compiledExprs + " of " + totalExprs + " compiled");
    assertTrue(byKernels >= CASES * 2 / 3, byKernels + " of " + CASES + " cases computed by kernels alone");
  }

  /** Per output column its values, or the first error. */
  private record Outcome(List<List<Object>> columns, String error, int compiledExprs, long fallbacks) {}

  private VectorSchemaRoot batch(List<Object[]> rows) {
    try (BatchBuilder b = new BatchBuilder(RandomExprs.SCHEMA, allocator, rows.size())) {
      for (Object[] r : rows) {
        b.add(r.clone());
      }
      return b.take();
    }
  }

  private Outcome compiled(VectorSchemaRoot batch, Optional<Expr> filter, List<Expr> exprs) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < exprs.size(); j++) {
      names.add("c" + j);
    }
    Schema output = ExprCompiler.schemaOf(names, exprs);
    CompiledProjection p = filter.isPresent()
        ? ExprCompiler.compileProjection(RandomExprs.SCHEMA, filter.get(), exprs, output)
        : ExprCompiler.compileProjection(RandomExprs.SCHEMA, exprs, output);
    int compiledExprs = 0;
    for (int j = 0; j < exprs.size(); j++) {
      compiledExprs += p.isCompiled(j) ? 1 : 0;
    }
    try (VectorSchemaRoot out = p.evaluate(batch, allocator)) {
      List<List<Object>> columns = new ArrayList<>();
      for (int j = 0; j < exprs.size(); j++) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < out.getRowCount(); i++) {
          Object v = ArrowValues.get(out.getVector(j), i);
          values.add(v instanceof Integer k ? Long.valueOf(k) : v);
        }
        columns.add(values);
      }
      return new Outcome(columns, null, compiledExprs, p.fallbackBatches());
    } catch (GleamException e) {
      return new Outcome(null, e.getMessage(), compiledExprs, p.fallbackBatches());
    }
  }

  /** The filter over every row, then each expression over the selected rows, in the compiled order. */
  private static Outcome interpreted(VectorSchemaRoot batch, Optional<Expr> filter, List<Expr> exprs) {
    List<FieldVector> vectors = batch.getFieldVectors();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < batch.getRowCount(); i++) {
      Object[] r = new Object[vectors.size()];
      for (int c = 0; c < r.length; c++) {
        r[c] = ArrowValues.get(vectors.get(c), i);
      }
      rows.add(r);
    }
    try {
      List<Object[]> selected = new ArrayList<>();
      for (Object[] r : rows) {
        if (filter.isEmpty() || ExprInterpreter.test(filter.get(), r)) {
          selected.add(r);
        }
      }
      List<List<Object>> columns = new ArrayList<>();
      for (Expr e : exprs) {
        List<Object> values = new ArrayList<>();
        for (Object[] r : selected) {
          values.add(ExprInterpreter.output(ExprInterpreter.evaluate(e, r), e));
        }
        columns.add(values);
      }
      return new Outcome(columns, null, 0, 0);
    } catch (GleamException e) {
      return new Outcome(null, e.getMessage(), 0, 0);
    }
  }
}
