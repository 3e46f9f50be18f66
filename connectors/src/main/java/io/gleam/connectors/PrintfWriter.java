package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Formatter;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Formats each row with a {@link Formatter} pattern ({@link Locale#ROOT}), the row's values as
 * {@link ArrowValues#get} gives them, into a buffer of about 64K characters that goes out as whole lines: to
 * {@link ConsoleOutput} or to a file.
 */
final class PrintfWriter implements BatchWriter {
  private static final int FLUSH_CHARS = 1 << 16;

  private final String format;
  private final Schema schema;
  private final Path path;
  private final OutputStream file;
  private final StringBuilder text = new StringBuilder();
  private final Formatter formatter = new Formatter(text, Locale.ROOT);
  private boolean closed;

  private PrintfWriter(String format, Schema schema, Path path, OutputStream file) {
    this.format = format;
    this.schema = schema;
    this.path = path;
    this.file = file;
  }

  /** A writer to standard output ({@code path} null) or to a new file at {@code path}. */
  static PrintfWriter open(String format, Schema schema, Path path) {
    try {
      new Formatter(new StringBuilder(), Locale.ROOT).format(format, new Object[schema.getFields().size()]);
    } catch (IllegalFormatException e) {
      throw new GleamException(ErrorCode.INVALID_FLOW, "printf format '" + shown(format)
          + "' cannot format rows of (" + Schemas.render(schema) + "): " + describe(e), e);
    }
    if (path == null) {
      return new PrintfWriter(format, schema, null, null);
    }
    try {
      Sinks.createParent(path);
      return new PrintfWriter(format, schema, path, Files.newOutputStream(path));
    } catch (IOException e) {
      throw Sinks.outputFailed(path, e);
    }
  }

  @Override
  public void write(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    Object[] values = new Object[vectors.size()];
    for (int row = 0; row < batch.getRowCount(); row++) {
      for (int c = 0; c < values.length; c++) {
        values[c] = ArrowValues.get(vectors.get(c), row);
      }
      try {
        formatter.format(format, values);
      } catch (IllegalFormatException e) {
        throw new GleamException(ErrorCode.INVALID_FLOW, "printf format '" + shown(format)
            + "' cannot format row " + Arrays.toString(values) + " of (" + Schemas.render(schema) + "): "
            + describe(e), e);
      }
      if (text.length() >= FLUSH_CHARS) {
        emit(false);
      }
    }
  }

  /** Writes the buffered text: only up to its last newline unless {@code all}. */
  private void emit(boolean all) {
    int cut = all ? text.length() : text.lastIndexOf("\n") + 1;
    if (cut == 0) {
      return;
    }
    byte[] bytes = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    text.delete(0, cut);
    if (file == null) {
      ConsoleOutput.write(bytes, 0, bytes.length);
      return;
    }
    try {
      file.write(bytes);
    } catch (IOException e) {
      throw Sinks.outputFailed(path, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    GleamException failure = null;
    try {
      emit(true);
    } catch (GleamException e) {
      failure = e;
    }
    try {
      if (file == null) {
        ConsoleOutput.flush();
      } else {
        file.close();
      }
    } catch (IOException | GleamException e) {
      GleamException closing = e instanceof GleamException g ? g : Sinks.outputFailed(path, (IOException) e);
      if (failure == null) {
        failure = closing;
      } else {
        failure.addSuppressed(closing);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static String shown(String format) {
    return format.replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String describe(IllegalFormatException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
