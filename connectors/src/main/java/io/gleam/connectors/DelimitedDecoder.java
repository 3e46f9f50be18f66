package io.gleam.connectors;

import io.gleam.planner.spi.ColumnRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Decodes CSV (RFC 4180) and TSV records into typed columns.
 *
 * <p>A record is a line; with a quote character, a field that starts with it is quoted: delimiters and newlines
 * inside it are content, and a doubled quote stands for one. A quote inside an unquoted field is an ordinary
 * character; anything but a delimiter or the line end after a closing quote is malformed. TSV is the same with no
 * quote character. An unquoted empty field is NULL, except in a string column, where it is the empty string; a
 * quoted empty field is the empty string; an unquoted field equal to the null string (when set) is NULL. An empty
 * line is one empty field: a row for a one-column schema, skipped otherwise.
 *
 * <p>Only the columns a query reads are converted. Every record is still cut into all its fields and must have the
 * schema's field count, but the fields of other columns are not parsed, so a bad number or bad UTF-8 in a column
 * nobody reads goes unreported (as in DuckDB and Spark). A line without a quote character is cut eight bytes at a
 * time; a line with one takes the field-by-field path that understands quoting. Columns with a
 * {@link ColumnRange} are converted first, and a record outside a range is dropped without converting the rest
 * (a malformed value later in that record goes unreported too).
 *
 * <p>Shards find records by newlines (see {@link SplitInput}), so a quoted newline must not lie where a shard
 * boundary falls: a shard starting inside a quoted field would take the rest of that field for records. A single
 * shard, and every {@code .gz} file (never split), read quoted newlines anywhere correctly.
 */
final class DelimitedDecoder extends RecordDecoder {
  private final byte delimiter;
  private final byte quote;
  private final byte[] nullBytes;
  private final int fieldTotal;
  private final int[] read;
  /** The last field a column is read from; the positions of later fields are not kept. */
  private final int lastRead;
  private final FieldParser[] parsers;
  private final String[] names;
  private final boolean[] nullable;
  private final boolean[] isString;
  /** The read columns in the order they are converted: the {@link #boundedCount} with a range first. */
  private final int[] order;
  private final int boundedCount;
  private final long[] low;
  private final long[] high;
  private final MalformedRows malformed;
  private int fieldCount;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] quoted = new boolean[16];
  private boolean[] escaped = new boolean[16];
  private byte[] scratch = new byte[256];
  private String problem;
  /** Whether {@link #quoted} and {@link #escaped} describe the current line (false: no field of it is quoted). */
  private boolean lineQuoted;
  /** Whether the current line is all ASCII, so its string fields need no UTF-8 check. */
  private boolean lineAscii;

  /**
   * @param fields every field of a record, in order
   * @param read the indexes in {@code fields} of the columns to decode, increasing; the batch has these columns
   * @param ranges bounds on some of those columns: they are decoded first, and a record outside them is dropped
   *     before the others are
   */
  DelimitedDecoder(List<Field> fields, int[] read, List<ColumnRange> ranges, String formatLabel, char delimiter,
      char quote, String nullString, MalformedRows malformed) {
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.nullBytes = nullString == null ? null : nullString.getBytes(StandardCharsets.UTF_8);
    this.malformed = malformed;
    this.fieldTotal = fields.size();
    this.read = read.clone();
    this.lastRead = read.length == 0 ? fields.size() - 1 : read[read.length - 1];
    this.parsers = new FieldParser[read.length];
    this.names = new String[read.length];
    this.nullable = new boolean[read.length];
    this.isString = new boolean[read.length];
    for (int c = 0; c < read.length; c++) {
      Field field = fields.get(read[c]);
      parsers[c] = FieldParser.forField(field, formatLabel);
      isString[c] = parsers[c].isString();
      names[c] = field.getName();
      nullable[c] = field.isNullable();
    }
    this.low = new long[read.length];
    this.high = new long[read.length];
    this.order = new int[read.length];
    boolean[] bounded = new boolean[read.length];
    for (ColumnRange range : ranges) {
      for (int c = 0; c < read.length; c++) {
        if (read[c] == range.column()) {
          low[c] = bounded[c] ? Math.max(low[c], range.low()) : range.low();
          high[c] = bounded[c] ? Math.min(high[c], range.high()) : range.high();
          bounded[c] = true;
        }
      }
    }
    int k = 0;
    for (int c = 0; c < read.length; c++) {
      if (bounded[c]) {
        order[k++] = c;
      }
    }
    this.boundedCount = k;
    for (int c = 0; c < read.length; c++) {
      if (!bounded[c]) {
        order[k++] = c;
      }
    }
  }

  @Override
  void bind(VectorSchemaRoot batch) {
    for (int c = 0; c < parsers.length; c++) {
      parsers[c].bind(batch.getVector(c));
    }
  }

  @Override
  int decode(SplitInput in, int row, int maxRows, long stopPosition) throws IOException {
    int r = row;
    while (r < maxRows && in.position() < stopPosition && in.nextLine()) {
      if (!scan(in)) {
        malformed.report(in.split(), in.lineOffset(), null, problem);
        continue;
      }
      if (fieldCount != fieldTotal) {
        if (fieldCount == 1 && ends[0] == 0 && !(lineQuoted && quoted[0])) {
          continue;
        }
        malformed.report(in.split(), in.lineOffset(), null,
            "expected " + fieldTotal + " fields, found " + fieldCount);
        continue;
      }
      if (convert(in, r)) {
        r++;
      }
    }
    return r;
  }

  @Override
  boolean skipRecord(SplitInput in) throws IOException {
    if (!in.nextLine()) {
      return false;
    }
    scan(in);
    return true;
  }

  /**
   * Writes the scanned fields at {@code row}; false if one does not convert (after reporting it), or if a bounded
   * column's value is out of its range (the record is not wanted).
   */
  private boolean convert(SplitInput in, int row) {
    for (int k = 0; k < order.length; k++) {
      int c = order[k];
      if (!convert(in, row, c)) {
        return false;
      }
      if (k < boundedCount && !parsers[c].within(row, low[c], high[c])) {
        return false;
      }
    }
    return true;
  }

  /** Writes the field of read column {@code c} at {@code row}; false (after reporting) if it does not convert. */
  private boolean convert(SplitInput in, int row, int c) {
    byte[] b = in.buf();
    int base = in.lineStart();
    FieldParser parser = parsers[c];
    int f = read[c];
    int from = base + starts[f];
    int to = base + ends[f];
    boolean isQuoted = lineQuoted && quoted[f];
    boolean isNull = !isQuoted && ((from == to && !isString[c]) || (nullBytes != null && isNullString(b, from, to)));
    if (isNull) {
      if (!nullable[c]) {
        malformed.report(in.split(), in.lineOffset(), names[c], "NULL in a not null column");
        return false;
      }
      parser.setNull(row);
      return true;
    }
    if (isString[c] && !lineAscii) {
      int bad = Utf8Validator.firstInvalid(b, from, to);
      if (bad >= 0) {
        malformed.report(in.split(), in.lineOffset(), names[c],
            "invalid UTF-8 at byte " + (in.lineOffset() + bad - base));
        return false;
      }
    }
    byte[] source = b;
    if (isQuoted && escaped[f]) {
      to = unescape(b, from, to);
      from = 0;
      source = scratch;
    }
    try {
      parser.parse(source, from, to, row);
    } catch (FieldParser.Unparseable e) {
      malformed.report(in.split(), in.lineOffset(), names[c],
          "cannot parse '" + MalformedRows.quote(source, from, to) + "' as " + parser.typeName());
      return false;
    }
    return true;
  }

  private boolean isNullString(byte[] b, int from, int to) {
    return nullBytes != null && Arrays.equals(b, from, to, nullBytes, 0, nullBytes.length);
  }

  /** Copies a quoted field's content into scratch with doubled quotes made single; returns its length. */
  private int unescape(byte[] b, int from, int to) {
    if (scratch.length < to - from) {
      scratch = new byte[Math.max(to - from, 2 * scratch.length)];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      scratch[n++] = b[i];
      if (b[i] == quote) {
        i++;
      }
    }
    return n;
  }

  /**
   * Cuts the current line (extending it over quoted newlines) into fields, as offsets from the record's start;
   * false, with {@link #problem} set, for a malformed record.
   *
   * <p>Eight bytes at a time while the line holds no quote character: each word's delimiters are found at once and
   * their positions written without a branch per delimiter. Positions are kept only up to the last field a column
   * is read from ({@link #lastRead}); past it the delimiters are only counted. At the first quote character the
   * field that holds it and the rest of the line go to {@link #scanQuoted}.
   */
  private boolean scan(SplitInput in) throws IOException {
    byte[] b = in.buf();
    int base = in.lineStart();
    int end = in.lineEnd();
    long delimiters = (delimiter & 0xFFL) * ByteScan.ONES;
    long quotes = (quote & 0xFFL) * ByteScan.ONES;
    boolean quoting = quote != 0;
    lineQuoted = false;
    starts[0] = 0;
    int n = 0;  // delimiters seen: fields 0 .. n-1 are complete, field n is the current one
    long bits = 0;  // every byte of the line or'ed together, for its high bit
    int i = base;
    for (; i + 8 <= end; i += 8) {
      long w = (long) ByteScan.LONGS.get(b, i);
      bits |= w;
      long found = ByteScan.zeroBytes(w ^ delimiters);
      if (quoting && ByteScan.zeroBytes(w ^ quotes) != 0) {
        long q = ByteScan.zeroBytes(w ^ quotes);
        return handOver(in, n, found & ((q & -q) - 1), i - base, i - base + (Long.numberOfTrailingZeros(q) >>> 3));
      }
      if (n > lastRead) {
        n += Long.bitCount(found);
      } else if (found != 0) {
        n = record(found, i - base, n);
      }
    }
    if (i < end) {
      if (i + 8 > b.length) {
        return scanTail(in, n, i, bits);
      }
      // The line's last bytes, read as one word with the bytes after the line masked off.
      int shift = 8 * (i + 8 - end);
      long w = (long) ByteScan.LONGS.get(b, i) & (-1L >>> shift);
      long valid = ByteScan.HIGHS >>> shift;
      bits |= w;
      long found = ByteScan.zeroBytes(w ^ delimiters) & valid;
      long q = quoting ? ByteScan.zeroBytes(w ^ quotes) & valid : 0;
      if (q != 0) {
        return handOver(in, n, found & ((q & -q) - 1), i - base, i - base + (Long.numberOfTrailingZeros(q) >>> 3));
      }
      if (n > lastRead) {
        n += Long.bitCount(found);
      } else if (found != 0) {
        n = record(found, i - base, n);
      }
    }
    return finish(n, end - base, bits);
  }

  /** Ends the scan of an unquoted line whose last field (the {@code n}th) ends at offset {@code length}. */
  private boolean finish(int n, int length, long bits) {
    if (n <= lastRead) {
      ends[n] = length;
    }
    fieldCount = n + 1;
    lineAscii = (bits & ByteScan.HIGHS) == 0;
    return true;
  }

  /** The last bytes of a line that ends within eight bytes of the buffer's end, one at a time. */
  private boolean scanTail(SplitInput in, int n, int from, long bits) throws IOException {
    byte[] b = in.buf();
    int base = in.lineStart();
    int end = in.lineEnd();
    for (int i = from; i < end; i++) {
      bits |= b[i] & 0xFF;
      if (b[i] == delimiter) {
        n = n > lastRead ? n + 1 : record(0x80L, i - base, n);
      } else if (quote != 0 && b[i] == quote) {
        return handOver(in, n, 0, i - base, i - base);
      }
    }
    return finish(n, end - base, bits);
  }

  /**
   * Records the delimiters of one word ({@code found}: the high bit of each delimiter byte; the word starts at
   * offset {@code at}) as ends of fields {@code n, n+1, ...} and starts of the ones after; returns the new field
   * number. Four are written whatever their count, so most words take no branch per delimiter.
   */
  private int record(long found, int at, int n) {
    if (n + 12 > ends.length) {
      grow(n + 12);
    }
    int count = Long.bitCount(found);
    long f = found;
    put(n, at, f);
    f &= f - 1;
    put(n + 1, at, f);
    f &= f - 1;
    put(n + 2, at, f);
    f &= f - 1;
    put(n + 3, at, f);
    f &= f - 1;
    for (int k = n + 4; f != 0; k++) {
      put(k, at, f);
      f &= f - 1;
    }
    return n + count;
  }

  /** Field {@code k} ends at the lowest delimiter of {@code f} (of the word at {@code at}); the next starts after. */
  private void put(int k, int at, long f) {
    int p = at + (Long.numberOfTrailingZeros(f) >>> 3);
    ends[k] = p;
    starts[k + 1] = p + 1;
  }

  /**
   * Finishes a line whose first quote character is at offset {@code quoteAt}: the delimiters before it in its word
   * ({@code before}, the word at offset {@code at}) are taken, then the field holding the quote and the rest of the
   * line are cut by {@link #scanQuoted}.
   */
  private boolean handOver(SplitInput in, int n, long before, int at, int quoteAt) throws IOException {
    int fields = n > lastRead ? n + Long.bitCount(before) : (before == 0 ? n : record(before, at, n));
    byte[] b = in.buf();
    int base = in.lineStart();
    int start = quoteAt;
    while (start > 0 && b[base + start - 1] != delimiter) {
      start--;
    }
    if (fields + 1 > ends.length) {
      grow(fields + 1);
    }
    Arrays.fill(quoted, 0, fields, false);
    Arrays.fill(escaped, 0, fields, false);
    lineQuoted = true;
    lineAscii = false;
    fieldCount = fields;
    return scanQuoted(in, start);
  }

  /**
   * Cuts the rest of a line that may hold quoted fields, from the field that starts at offset {@code from}
   * ({@link #fieldCount} fields come before it).
   */
  private boolean scanQuoted(SplitInput in, int from) throws IOException {
    byte[] b = in.buf();
    int base = in.lineStart();
    int n = in.lineEnd() - base;
    int i = from;
    while (true) {
      if (quote != 0 && i < n && b[base + i] == quote) {
        int contentStart = i + 1;
        int j = contentStart;
        boolean doubled = false;
        while (true) {
          int q = ByteScan.indexOf(b, base + j, base + n, quote);
          if (q < 0) {
            int searched = n;
            if (!in.extendLine()) {
              problem = "unterminated quoted field " + (fieldCount + 1);
              return false;
            }
            b = in.buf();
            base = in.lineStart();
            n = in.lineEnd() - base;
            j = searched;
            continue;
          }
          q -= base;
          if (q + 1 < n && b[base + q + 1] == quote) {
            doubled = true;
            j = q + 2;
            continue;
          }
          addField(contentStart, q, true, doubled);
          i = q + 1;
          break;
        }
        if (i == n) {
          return true;
        }
        if (b[base + i] != delimiter) {
          problem = "unexpected '" + (char) (b[base + i] & 0xFF) + "' after the closing quote of field "
              + fieldCount;
          return false;
        }
        i++;
      } else {
        int d = ByteScan.indexOf(b, base + i, base + n, delimiter);
        if (d < 0) {
          addField(i, n, false, false);
          return true;
        }
        addField(i, d - base, false, false);
        i = d - base + 1;
      }
    }
  }

  private void addField(int start, int end, boolean isQuoted, boolean isEscaped) {
    if (fieldCount >= starts.length - 1) {
      grow(fieldCount + 2);
    }
    starts[fieldCount] = start;
    ends[fieldCount] = end;
    quoted[fieldCount] = isQuoted;
    escaped[fieldCount] = isEscaped;
    fieldCount++;
  }

  private void grow(int atLeast) {
    int size = Math.max(atLeast, 2 * starts.length);
    starts = Arrays.copyOf(starts, size);
    ends = Arrays.copyOf(ends, size);
    quoted = Arrays.copyOf(quoted, size);
    escaped = Arrays.copyOf(escaped, size);
  }
}
