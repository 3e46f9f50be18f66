package io.gleam.exec.expr;

import io.gleam.exec.expr.ExprChecker.Kind;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One method of a generated kernel being written: its local declarations (all at the top, so that code in nested
 * blocks can assign them), its body, and the input vectors it reads, each cast once.
 */
final class KernelMethod {
  private final StringBuilder decls = new StringBuilder();
  private final StringBuilder body = new StringBuilder();
  private final Map<Integer, String> columns = new HashMap<>();
  private int indent;
  private int locals;

  KernelMethod(int indent) {
    this.indent = indent;
  }

  /** Declares a local with an initial value; returns its name. */
  String local(String javaType, String initial) {
    String name = "t" + locals++;
    decls.append("    ").append(javaType).append(' ').append(name).append(" = ").append(initial).append(";\n");
    return name;
  }

  /**
   * Declares the vector of input column {@code index} once, after checking that its buffers cover the batch's rows
   * (values are then read by address, without per-read bounds checks); returns the vector's local name. Locals
   * {@code <name>Nulls} (whether the batch has NULLs), {@code <name>Validity}, {@code <name>Data} and for strings
   * {@code <name>Offsets} (buffer addresses) come with it.
   */
  String column(int index, ArrowType type) {
    String name = columns.get(index);
    if (name != null) {
      return name;
    }
    name = "c" + index;
    columns.put(index, name);
    String cls = vectorClass(type);
    Kind kind = ExprChecker.kind(type);
    decls.append("    final ").append(cls).append(' ').append(name).append(" = (").append(cls).append(") in[")
        .append(index).append("];\n");
    decls.append("    final boolean ").append(name).append("Nulls = ").append(name).append(".getNullCount() != 0;\n");
    if (kind == Kind.OTHER) {
      return name;
    }
    decls.append("    KernelRuntime.checkReadable(").append(name).append(", rowCount, ").append(width(type))
        .append(");\n");
    decls.append("    final long ").append(name).append("Validity = ").append(name)
        .append(".getValidityBuffer().memoryAddress();\n");
    decls.append("    final long ").append(name).append("Data = ").append(name)
        .append(".getDataBuffer().memoryAddress();\n");
    if (kind == Kind.STRING) {
      decls.append("    final ArrowBuf ").append(name).append("Bytes = ").append(name).append(".getDataBuffer();\n");
      decls.append("    final long ").append(name).append("Offsets = ").append(name)
          .append(".getOffsetBuffer().memoryAddress();\n");
    }
    return name;
  }

  /** Bytes per value in the data buffer: 0 for bits, -1 for variable width (offsets of 4 bytes). */
  static int width(ArrowType type) {
    return switch (ExprChecker.kind(type)) {
      case BOOL -> 0;
      case LONG -> ExprChecker.isInt32(type) ? 4 : 8;
      case DATE -> 4;
      case DOUBLE -> 8;
      case DECIMAL -> 16;
      case STRING -> -1;
      case OTHER -> throw new IllegalArgumentException("no fixed layout for " + type);
    };
  }

  void line(String code) {
    body.append("  ".repeat(indent)).append(code).append('\n');
  }

  void open(String header) {
    line(header + " {");
    indent++;
  }

  void orElse() {
    indent--;
    line("} else {");
    indent++;
  }

  void close() {
    indent--;
    line("}");
  }

  String declarations() {
    return decls.toString();
  }

  String body() {
    return body.toString();
  }

  /** The Arrow vector class holding values of {@code type}. */
  static String vectorClass(ArrowType type) {
    return switch (ExprChecker.kind(type)) {
      case BOOL -> "BitVector";
      case LONG -> ExprChecker.isInt32(type) ? "IntVector" : "BigIntVector";
      case DOUBLE -> "Float8Vector";
      case DECIMAL -> "DecimalVector";
      case STRING -> "VarCharVector";
      case DATE -> "DateDayVector";
      case OTHER -> "FieldVector";
    };
  }
}
