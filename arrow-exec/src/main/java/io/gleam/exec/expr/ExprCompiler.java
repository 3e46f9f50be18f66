package io.gleam.exec.expr;

import io.gleam.exec.expr.CompiledProjection.Mode;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprCodec;
import io.gleam.planner.expr.ExprTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.InternalCompilerException;
import org.codehaus.janino.SimpleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles expressions over an input schema into Java classes with Janino: a filter and the computed columns of a
 * projection become one kernel class, each a loop over a batch's rows reading and writing typed Arrow buffers.
 * Classes are cached process-wide by the expressions' JSON text (at most {@value #CACHE_CAPACITY}, least
 * recently used out), so a plan's tasks compile each kernel once; every call returns fresh per-task state.
 */
public final class ExprCompiler {
  /** The most kernel classes kept. */
  public static final int CACHE_CAPACITY = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ExprCompiler.class);

  private static final Map<String, KernelClass> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, KernelClass> eldest) {
      return size() > CACHE_CAPACITY;
    }
  };
  private static long compilations;

  private ExprCompiler() {}

  /** A generated class and the constants its constructor takes. */
  private record KernelClass(KernelGenerator.Generated generated, Constructor<? extends ExprKernel> constructor) {
    ExprKernel newKernel() {
      try {
        return constructor.newInstance((Object) generated.constants());
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
        throw new GleamException(ErrorCode.INTERNAL, "cannot instantiate expression kernel", e);
      }
    }
  }

  /** Compiles a projection: one output column of {@code output} per expression, of the expression's type. */
  public static CompiledProjection compileProjection(Schema input, List<Expr> exprs, Schema output) {
    return projection(input, Optional.empty(), exprs, output);
  }

  /** Compiles a projection of the rows for which {@code filter} is TRUE. */
  public static CompiledProjection compileProjection(Schema input, Expr filter, List<Expr> exprs, Schema output) {
    return projection(input, Optional.of(filter), exprs, output);
  }

  /** Compiles a filter. */
  public static CompiledFilter compileFilter(Schema input, Expr predicate) {
    checkFilter(predicate, input);
    Optional<KernelClass> k = kernelClass(Optional.of(predicate), List.of());
    return new CompiledFilter(input, predicate, filterKernel(k));
  }

  /** Nullable output fields named {@code names}, of the expressions' types. */
  public static Schema schemaOf(List<String> names, List<Expr> exprs) {
    if (names.size() != exprs.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%d names %s for %d expressions", names.size(), names,
          exprs.size());
    }
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(Schemas.field(names.get(i), exprs.get(i).type()));
    }
    return new Schema(fields);
  }

  /** Kernel classes compiled by this process so far (cache misses). */
  static long compilations() {
    synchronized (CACHE) {
      return compilations;
    }
  }

  private static CompiledProjection projection(Schema input, Optional<Expr> filter, List<Expr> exprs,
      Schema output) {
    filter.ifPresent(f -> checkFilter(f, input));
    if (output.getFields().size() != exprs.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "output (%s) has %d columns for %d expressions %s",
          Schemas.render(output), output.getFields().size(), exprs.size(), exprs);
    }
    List<Optional<Expr>> computed = new ArrayList<>();
    for (int j = 0; j < exprs.size(); j++) {
      Expr e = exprs.get(j);
      ExprChecker.check(e, input);
      ArrowType declared = output.getFields().get(j).getType();
      if (!declared.equals(e.type())) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "output column '%s' is %s but expression %s is %s",
            output.getFields().get(j).getName(), ExprTypes.name(declared), e.render(), ExprTypes.name(e.type()));
      }
      computed.add(e instanceof Expr.ColumnRef ? Optional.empty() : Optional.of(e));
    }
    Optional<KernelClass> k = kernelClass(filter, computed);
    ExprKernel kernel = k.map(KernelClass::newKernel).orElse(null);
    Mode[] modes = new Mode[exprs.size()];
    for (int j = 0; j < modes.length; j++) {
      modes[j] = computed.get(j).isEmpty() ? Mode.SHARED_COLUMN
          : k.isPresent() && k.get().generated().compiled()[j] ? Mode.COMPILED : Mode.INTERPRETED;
    }
    CompiledFilter compiledFilter = filter.map(f -> new CompiledFilter(input, f,
        k.isPresent() && k.get().generated().filterCompiled() ? kernel : null)).orElse(null);
    return new CompiledProjection(input, compiledFilter, exprs, output, kernel, modes);
  }

  private static ExprKernel filterKernel(Optional<KernelClass> k) {
    return k.isPresent() && k.get().generated().filterCompiled() ? k.get().newKernel() : null;
  }

  private static void checkFilter(Expr filter, Schema input) {
    ExprChecker.check(filter, input);
    if (!(filter.type() instanceof ArrowType.Bool)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "filter %s is %s, not boolean", filter.render(),
          ExprTypes.name(filter.type()));
    }
  }

  /** The kernel class for a filter and computed outputs; empty when nothing in them compiles. */
  private static Optional<KernelClass> kernelClass(Optional<Expr> filter, List<Optional<Expr>> outputs) {
    List<Expr> keyed = new ArrayList<>();
    for (Optional<Expr> o : outputs) {
      keyed.add(o.orElse(Expr.Literal.nullOf(ExprTypes.BOOLEAN)));
    }
    String key = "filter=" + filter.map(ExprCodec::toJson).orElse("") + "\noutputs=" + ExprCodec.toJson(keyed)
        + "\npassed=" + outputs.stream().map(o -> o.isPresent() ? "c" : "p").reduce("", String::concat);
    synchronized (CACHE) {
      KernelClass cached = CACHE.get(key);
      if (cached == null) {
        KernelGenerator.Generated generated = KernelGenerator.generate(filter, outputs);
        if (!generated.anyCompiled()) {
          return Optional.empty();
        }
        cached = cook(generated);
        CACHE.put(key, cached);
      }
      return Optional.of(cached);
    }
  }

  private static KernelClass cook(KernelGenerator.Generated generated) {
    long start = System.nanoTime();
    SimpleCompiler compiler = new SimpleCompiler();
    compiler.setParentClassLoader(ExprKernel.class.getClassLoader());
    try {
      compiler.cook(generated.source());
      Class<? extends ExprKernel> cls = compiler.getClassLoader().loadClass(KernelGenerator.CLASS_NAME)
          .asSubclass(ExprKernel.class);
      compilations++;
      LOG.debug("compiled expression kernel in {} ms", (System.nanoTime() - start) / 1_000_000);
      LOG.trace("kernel source:\n{}", generated.source());
      return new KernelClass(generated, cls.getConstructor(Object[].class));
    } catch (CompileException | InternalCompilerException | ClassNotFoundException | NoSuchMethodException e) {
      throw new GleamException(ErrorCode.INTERNAL, "generated expression kernel does not compile: " + e.getMessage()
          + "\n" + generated.source(), e);
    }
  }
}
