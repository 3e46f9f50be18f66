package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.SourceFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows as CSV, TSV or text lines into one file, through its own 1 MiB byte buffer, formatting values straight
 * from the vectors.
 *
 * <ul>
 *   <li>CSV (RFC 4180): a value is quoted only when it holds a comma, a quote, CR or LF, quotes doubled inside;
 *       NULL is an empty field and the empty string is {@code ""}, so the two stay apart.
 *   <li>TSV: no quoting; NULL is {@code \N}; a tab, LF or CR inside a value is written as {@code \t}, {@code \n},
 *       {@code \r} so that every row stays one line with the right number of fields.
 *   <li>Text: one column, its value as it is; NULL is an empty line.
 *   <li>JSON lines: one object per row, a key per column in order; NULL is {@code null}; numbers (DECIMAL too) are
 *       JSON numbers, dates and timestamps strings, a double that is not finite a string such as {@code "NaN"}.
 * </ul>
 * Numbers use Java's round-trip forms ({@link Double#toString}), dates {@code yyyy-mm-dd}, timestamps
 * {@code yyyy-mm-dd hh:mm:ss[.ffffff]}, decimals plain digits: all of which the CSV reader parses back.
 */
final class DelimitedFileWriter implements BatchWriter {
  private static final int BUFFER_BYTES = 1 << 20;
  private static final byte[] TSV_NULL = {'\\', 'N'};
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final SourceFormat format;
  private final Schema schema;
  private final OutputStream out;
  private byte[] buf = new byte[BUFFER_BYTES + 4096];
  private int len;
  private byte[] scratch = new byte[256];
  private byte[][] jsonKeys;
  private boolean closed;

  private DelimitedFileWriter(Path path, SourceFormat format, Schema schema, OutputStream out) {
    this.path = path;
    this.format = format;
    this.schema = schema;
    this.out = out;
  }

  /** Creates (or truncates) the file at {@code path}, creating missing directories, and writes the header. */
  static DelimitedFileWriter open(Path path, SourceFormat format, Schema schema, boolean header) {
    if (format == SourceFormat.TEXT && schema.getFields().size() != 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "text output '%s' takes one column, not (%s)", path,
          Schemas.render(schema));
    }
    DelimitedFileWriter writer;
    try {
      Sinks.createParent(path);
      writer = new DelimitedFileWriter(path, format, schema, Files.newOutputStream(path));
    } catch (IOException e) {
      throw Sinks.outputFailed(path, e);
    }
    if (format == SourceFormat.JSONL) {
      writer.jsonKeys = jsonKeys(schema);
    } else if (header) {
      List<Field> fields = schema.getFields();
      for (int c = 0; c < fields.size(); c++) {
        if (c > 0) {
          writer.put(writer.delimiter());
        }
        byte[] name = fields.get(c).getName().getBytes(StandardCharsets.UTF_8);
        writer.putText(name, 0, name.length);
      }
      writer.put((byte) '\n');
    }
    return writer;
  }

  @Override
  public void write(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    if (vectors.size() != schema.getFields().size()) {
      throw new GleamException(ErrorCode.INTERNAL, "writing " + path + ": a batch of (" + Schemas.render(
          batch.getSchema()) + ") does not match (" + Schemas.render(schema) + ")");
    }
    if (format == SourceFormat.JSONL) {
      writeJson(vectors, batch.getRowCount());
      return;
    }
    byte delimiter = delimiter();
    for (int row = 0; row < batch.getRowCount(); row++) {
      for (int c = 0; c < vectors.size(); c++) {
        if (c > 0) {
          put(delimiter);
        }
        putValue(vectors.get(c), row);
      }
      put((byte) '\n');
      if (len >= BUFFER_BYTES) {
        flushBuffer();
      }
    }
  }

  private void writeJson(List<FieldVector> vectors, int rows) {
    for (int row = 0; row < rows; row++) {
      put((byte) '{');
      for (int c = 0; c < vectors.size(); c++) {
        byte[] key = jsonKeys[c];
        put(key, 0, key.length);
        putValue(vectors.get(c), row);
      }
      put((byte) '}');
      put((byte) '\n');
      if (len >= BUFFER_BYTES) {
        flushBuffer();
      }
    }
  }

  /** {@code "name":} for each column, with a comma before all but the first. */
  private static byte[][] jsonKeys(Schema schema) {
    List<Field> fields = schema.getFields();
    byte[][] keys = new byte[fields.size()][];
    for (int c = 0; c < keys.length; c++) {
      StringBuilder key = new StringBuilder(c == 0 ? "" : ",");
      appendJsonString(key, fields.get(c).getName());
      keys[c] = key.append(':').toString().getBytes(StandardCharsets.UTF_8);
    }
    return keys;
  }

  private static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    out.append('"');
  }

  private byte delimiter() {
    return (byte) (format == SourceFormat.CSV ? ',' : '\t');
  }

  private void putValue(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      if (format == SourceFormat.TSV) {
        put(TSV_NULL, 0, TSV_NULL.length);
      } else if (format == SourceFormat.JSONL) {
        put(JSON_NULL, 0, JSON_NULL.length);
      }
      return;
    }
    boolean json = format == SourceFormat.JSONL;
    if (vector instanceof VarCharVector v) {
      int start = v.getStartOffset(row);
      int length = v.getEndOffset(row) - start;
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, 2 * scratch.length)];
      }
      ArrowBuf data = v.getDataBuffer();
      data.getBytes(start, scratch, 0, length);
      putText(scratch, 0, length);
    } else if (vector instanceof BigIntVector v) {
      putLong(v.get(row));
    } else if (vector instanceof IntVector v) {
      putLong(v.get(row));
    } else if (vector instanceof Float8Vector v) {
      double d = v.get(row);
      boolean quoted = json && !Double.isFinite(d);
      putQuoteIf(quoted);
      putAscii(Double.toString(d));
      putQuoteIf(quoted);
    } else if (vector instanceof BitVector v) {
      byte[] word = v.get(row) != 0 ? TRUE : FALSE;
      put(word, 0, word.length);
    } else if (vector instanceof DateDayVector v) {
      putQuoteIf(json);
      putDate(v.get(row));
      putQuoteIf(json);
    } else if (vector instanceof DecimalVector v) {
      putDecimal(v, row);
    } else if (vector instanceof TimeStampMicroVector v) {
      putQuoteIf(json);
      putTimestamp(v.get(row));
      putQuoteIf(json);
    } else {
      byte[] text = String.valueOf(ArrowValues.get(vector, row)).getBytes(StandardCharsets.UTF_8);
      putText(text, 0, text.length);
    }
  }

  private void putQuoteIf(boolean quote) {
    if (quote) {
      put((byte) '"');
    }
  }

  /** Writes {@code yyyy-mm-dd}; years outside 0..9999 the way {@link LocalDate#toString} does. */
  private void putDate(int epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      putAscii(date.toString());
      return;
    }
    putDigits(year, 4);
    put((byte) '-');
    putDigits(date.getMonthValue(), 2);
    put((byte) '-');
    putDigits(date.getDayOfMonth(), 2);
  }

  /**
   * Writes a decimal in plain digits; one whose unscaled value fits in a long (precision up to 18, as in TPC-H)
   * without making a BigDecimal.
   */
  private void putDecimal(DecimalVector v, int row) {
    ArrowBuf data = v.getDataBuffer();
    long offset = (long) row * DecimalVector.TYPE_WIDTH;
    long low = data.getLong(offset);
    long high = data.getLong(offset + 8);
    int scale = v.getScale();
    if (high != (low >> 63) || low == Long.MIN_VALUE) {
      BigDecimal d = v.getObject(row);
      putAscii(d.toPlainString());
      return;
    }
    if (scale == 0) {
      putLong(low);
      return;
    }
    long abs = Math.abs(low);
    long pow = 1;
    for (int i = 0; i < scale && pow <= Long.MAX_VALUE / 10; i++) {
      pow *= 10;
    }
    if (scale > 18) {
      putAscii(v.getObject(row).toPlainString());
      return;
    }
    if (low < 0) {
      put((byte) '-');
    }
    putLong(abs / pow);
    put((byte) '.');
    long fraction = abs % pow;
    ensure(scale);
    for (int i = scale - 1; i >= 0; i--, fraction /= 10) {
      buf[len + i] = (byte) ('0' + fraction % 10);
    }
    len += scale;
  }

  /** Writes a string value with the format's quoting or escaping. */
  private void putText(byte[] b, int from, int to) {
    switch (format) {
      case CSV -> putCsvText(b, from, to);
      case TSV -> putTsvText(b, from, to);
      case TEXT -> put(b, from, to);
      case JSONL -> putJsonText(b, from, to);
      case ARROW, MEMORY -> throw new GleamException(ErrorCode.INTERNAL, "not a text format: " + format);
    }
  }

  private void putCsvText(byte[] b, int from, int to) {
    boolean quote = from == to;
    for (int i = from; i < to && !quote; i++) {
      byte x = b[i];
      quote = x == ',' || x == '"' || x == '\n' || x == '\r';
    }
    if (!quote) {
      put(b, from, to);
      return;
    }
    put((byte) '"');
    for (int i = from; i < to; i++) {
      if (b[i] == '"') {
        put((byte) '"');
      }
      put(b[i]);
    }
    put((byte) '"');
  }

  /** A JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8) as they are. */
  private void putJsonText(byte[] b, int from, int to) {
    put((byte) '"');
    for (int i = from; i < to; i++) {
      byte x = b[i];
      if (x == '"' || x == '\\') {
        put((byte) '\\');
        put(x);
      } else if (x >= 0 && x < 0x20) {
        put((byte) '\\');
        put((byte) 'u');
        put((byte) '0');
        put((byte) '0');
        put(HEX[x >> 4]);
        put(HEX[x & 0xF]);
      } else {
        put(x);
      }
    }
    put((byte) '"');
  }

  private void putTsvText(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte x = b[i];
      if (x == '\t' || x == '\n' || x == '\r') {
        put((byte) '\\');
        put((byte) (x == '\t' ? 't' : x == '\n' ? 'n' : 'r'));
      } else {
        put(x);
      }
    }
  }

  private void putTimestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    long day = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    putAscii(LocalDate.ofEpochDay(day).toString());
    put((byte) ' ');
    putDigits(secondOfDay / 3600, 2);
    put((byte) ':');
    putDigits(secondOfDay / 60 % 60, 2);
    put((byte) ':');
    putDigits(secondOfDay % 60, 2);
    if (fraction != 0) {
      put((byte) '.');
      putDigits(fraction, 6);
    }
  }

  private void putDigits(int value, int width) {
    ensure(width);
    for (int i = width - 1, v = value; i >= 0; i--, v /= 10) {
      buf[len + i] = (byte) ('0' + v % 10);
    }
    len += width;
  }

  private void putLong(long value) {
    if (value == Long.MIN_VALUE) {
      putAscii(Long.toString(value));
      return;
    }
    ensure(20);
    long v = value;
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = len + digits - 1; i >= len; i--, v /= 10) {
      buf[i] = (byte) ('0' + v % 10);
    }
    len += digits;
  }

  private void putAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void put(byte[] b, int from, int to) {
    ensure(to - from);
    System.arraycopy(b, from, buf, len, to - from);
    len += to - from;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      if (len > 0) {
        flushBuffer();
      }
      if (n > buf.length) {
        buf = new byte[n];
      }
    }
  }

  private void flushBuffer() {
    try {
      out.write(buf, 0, len);
      len = 0;
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
    try (OutputStream closing = out) {
      if (len > 0) {
        closing.write(buf, 0, len);
        len = 0;
      }
    } catch (IOException e) {
      throw Sinks.outputFailed(path, e);
    }
  }
}
