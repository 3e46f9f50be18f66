package io.gleam.exec.expr;

import io.gleam.exec.expr.ExprEmitter.NotCompilable;
import io.gleam.exec.expr.ExprEmitter.Val;
import io.gleam.planner.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Writes the Java source of one kernel class: {@code select} for the filter and one method per computed output,
 * each a single loop over the batch's rows (methods stay small, so the JIT compiles each on its own). Constants
 * (string bytes, LIKE matchers) come in through the constructor; per-node scratch arrays are fields.
 */
final class KernelGenerator {
  static final String CLASS_NAME = "io.gleam.exec.expr.generated.Kernel";

  private final StringBuilder fields = new StringBuilder();
  private final StringBuilder init = new StringBuilder();
  private final StringBuilder methods = new StringBuilder();
  private final List<Object> constants = new ArrayList<>();
  private int scratches;

  /**
   * The generated class.
   *
   * @param filterCompiled whether {@code select} evaluates the filter (false when there is none, or it must be
   *     interpreted)
   * @param compiled per output, whether {@code project} evaluates it
   */
  record Generated(String source, Object[] constants, boolean filterCompiled, boolean[] compiled) {
    boolean anyCompiled() {
      if (filterCompiled) {
        return true;
      }
      for (boolean c : compiled) {
        if (c) {
          return true;
        }
      }
      return false;
    }
  }

  private KernelGenerator() {}

  /**
   * Generates the kernel for an optional filter and the outputs to compute (an empty entry for an output the
   * kernel does not compute, such as a column passed through).
   */
  static Generated generate(Optional<Expr> filter, List<Optional<Expr>> outputs) {
    KernelGenerator g = new KernelGenerator();
    boolean filterCompiled = filter.isPresent() && g.select(filter.get());
    if (!filterCompiled) {
      g.methods.append("  public int select(FieldVector[] in, int rowCount, int[] sel) {\n")
          .append("    throw new UnsupportedOperationException(\"no compiled filter\");\n  }\n\n");
    }
    boolean[] compiled = new boolean[outputs.size()];
    StringBuilder dispatch = new StringBuilder();
    for (int j = 0; j < outputs.size(); j++) {
      if (outputs.get(j).isPresent() && g.output(j, outputs.get(j).get())) {
        compiled[j] = true;
        String cls = KernelMethod.vectorClass(outputs.get(j).get().type());
        dispatch.append("      case ").append(j).append(": out").append(j).append("(in, rowCount, sel, n, (").append(cls)
            .append(") out); return;\n");
      }
    }
    g.methods.append("  public void project(int output, FieldVector[] in, int rowCount, int[] sel, int n, "
        + "FieldVector out) {\n")
        .append("    switch (output) {\n").append(dispatch)
        .append("      default: throw new IllegalArgumentException(\"output \" + output + \" is not compiled\");\n")
        .append("    }\n  }\n");
    String source = "package io.gleam.exec.expr.generated;\n\n"
        + "import io.gleam.exec.expr.ExprKernel;\n"
        + "import io.gleam.exec.expr.KernelRuntime;\n"
        + "import io.gleam.exec.expr.LikeMatcher;\n"
        + "import org.apache.arrow.memory.ArrowBuf;\n"
        + "import org.apache.arrow.memory.util.MemoryUtil;\n"
        + "import org.apache.arrow.vector.*;\n\n"
        + "public final class Kernel extends ExprKernel {\n"
        + g.fields + "\n"
        + "  public Kernel(Object[] constants) {\n" + g.init + "  }\n\n"
        + g.methods
        + "}\n";
    return new Generated(source, g.constants.toArray(), filterCompiled, compiled);
  }

  /** Adds a constant field initialized from the constructor's array; returns its name. */
  String constant(Object value, String javaType) {
    int n = constants.size();
    constants.add(value);
    fields.append("  private final ").append(javaType).append(" k").append(n).append(";\n");
    init.append("    k").append(n).append(" = (").append(javaType).append(") constants[").append(n).append("];\n");
    return "k" + n;
  }

  /** Adds a scratch byte array field; returns its name. */
  String scratch() {
    String name = "s" + scratches++;
    fields.append("  private byte[] ").append(name).append(" = new byte[64];\n");
    return name;
  }

  private boolean select(Expr filter) {
    KernelMethod m = new KernelMethod(3);
    Val p;
    try {
      p = new ExprEmitter(this, m).emit(filter);
    } catch (NotCompilable e) {
      return false;
    }
    methods.append("  public int select(FieldVector[] in, int rowCount, int[] sel) {\n")
        .append(m.declarations())
        .append("    int count = 0;\n")
        .append("    for (int i = 0; i < rowCount; i++) {\n")
        .append(m.body())
        .append("      if (!").append(p.isNull()).append(" && ").append(p.value()).append(") {\n")
        .append("        sel[count++] = i;\n")
        .append("      }\n")
        .append("    }\n")
        .append("    return count;\n")
        .append("  }\n\n");
    return true;
  }

  private boolean output(int j, Expr expr) {
    KernelMethod m = new KernelMethod(3);
    String write;
    Val v;
    try {
      v = new ExprEmitter(this, m).emit(expr);
      write = write(v);
    } catch (NotCompilable e) {
      return false;
    }
    boolean fixedWidth = v.kind() != ExprChecker.Kind.STRING;
    String cls = KernelMethod.vectorClass(expr.type());
    methods.append("  private void out").append(j).append("(FieldVector[] in, int rowCount, int[] sel, int n, ")
        .append(cls).append(" out) {\n")
        .append(m.declarations());
    if (fixedWidth) {
      methods.append("    final long outValidity = out.getValidityBuffer().memoryAddress();\n")
          .append("    final long outData = KernelRuntime.prepareOutput(out, n, ")
          .append(KernelMethod.width(expr.type())).append(");\n");
    }
    methods.append("    for (int k = 0; k < n; k++) {\n")
        .append("      final int i = sel == null ? k : sel[k];\n")
        .append(m.body())
        .append("      if (").append(v.isNull()).append(") {\n")
        .append(fixedWidth ? "        KernelRuntime.clearBit(outValidity, k);\n" : "        out.setNull(k);\n")
        .append("      } else {\n")
        .append("        ").append(write).append('\n')
        .append("      }\n")
        .append("    }\n")
        .append("  }\n\n");
    return true;
  }

  /** The statement writing non-null value {@code v} to row {@code k} of the output. */
  private static String write(Val v) {
    return switch (v.kind()) {
      case BOOL -> "if (" + v.value() + ") KernelRuntime.setBit(outData, k);";
      case LONG -> ExprChecker.isInt32(v.type())
          ? "MemoryUtil.putInt(outData + (long) k * 4L, (int) KernelRuntime.checkInt(" + v.value() + "));"
          : "MemoryUtil.putLong(outData + (long) k * 8L, " + v.value() + ");";
      case DATE -> "MemoryUtil.putInt(outData + (long) k * 4L, (int) " + v.value() + ");";
      case DOUBLE -> "MemoryUtil.putLong(outData + (long) k * 8L, Double.doubleToRawLongBits(" + v.value() + "));";
      case DECIMAL -> {
        int precision = ((ArrowType.Decimal) v.type()).getPrecision();
        yield "KernelRuntime.putDecimal(outData, k, " + (precision <= 18 ? "KernelRuntime.checkPrecision("
            + v.value() + ", " + ExprEmitter.pow(precision) + ")" : v.value()) + ");";
      }
      case STRING -> "out.setSafe(k, " + v.arr() + ", " + v.off() + ", " + v.len() + ");";
      case OTHER -> throw new NotCompilable("no output of type " + v.type());
    };
  }
}
