package io.gleam.connectors;

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
 * <p>Shards find records by newlines (see {@link SplitInput}), so a quoted newline must not lie where a shard
 * boundary falls: a shard starting inside a quoted field would take the rest of that field for records. A single
 * shard, and every {@code .gz} file (never split), read quoted newlines anywhere correctly.
 */
final class DelimitedDecoder extends RecordDecoder {
  private final byte delimiter;
  private final byte quote;
  private final byte[] nullBytes;
  private final FieldParser[] parsers;
  private final String[] names;
  private final boolean[] nullable;
  private final MalformedRows malformed;
  private int fieldCount;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] quoted = new boolean[16];
  private boolean[] escaped = new boolean[16];
  private byte[] scratch = new byte[256];
  private String problem;

  DelimitedDecoder(List<Field> fields, String formatLabel, char delimiter, char quote, String nullString,
      MalformedRows malformed) {
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.nullBytes = nullString == null ? null : nullString.getBytes(StandardCharsets.UTF_8);
    this.malformed = malformed;
    this.parsers = new FieldParser[fields.size()];
    this.names = new String[fields.size()];
    this.nullable = new boolean[fields.size()];
    for (int c = 0; c < parsers.length; c++) {
      parsers[c] = FieldParser.forField(fields.get(c), formatLabel);
      names[c] = fields.get(c).getName();
      nullable[c] = fields.get(c).isNullable();
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
      if (fieldCount != parsers.length) {
        if (fieldCount == 1 && ends[0] == 0 && !quoted[0]) {
          continue;
        }
        malformed.report(in.split(), in.lineOffset(), null,
            "expected " + parsers.length + " fields, found " + fieldCount);
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

  /** Writes the scanned fields at {@code row}; false (after reporting) if one does not convert. */
  private boolean convert(SplitInput in, int row) {
    byte[] b = in.buf();
    int base = in.lineStart();
    for (int c = 0; c < parsers.length; c++) {
      FieldParser parser = parsers[c];
      int from = base + starts[c];
      int to = base + ends[c];
      boolean isNull = !quoted[c] && ((from == to && !parser.isString()) || isNullString(b, from, to));
      if (isNull) {
        if (!nullable[c]) {
          malformed.report(in.split(), in.lineOffset(), names[c], "NULL in a not null column");
          return false;
        }
        parser.setNull(row);
        continue;
      }
      if (parser.isString()) {
        int bad = Utf8Validator.firstInvalid(b, from, to);
        if (bad >= 0) {
          malformed.report(in.split(), in.lineOffset(), names[c],
              "invalid UTF-8 at byte " + (in.lineOffset() + bad - base));
          return false;
        }
      }
      byte[] source = b;
      if (escaped[c]) {
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
   */
  private boolean scan(SplitInput in) throws IOException {
    fieldCount = 0;
    byte[] b = in.buf();
    int base = in.lineStart();
    int n = in.lineEnd() - base;
    int i = 0;
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
    if (fieldCount == starts.length) {
      int size = 2 * starts.length;
      starts = Arrays.copyOf(starts, size);
      ends = Arrays.copyOf(ends, size);
      quoted = Arrays.copyOf(quoted, size);
      escaped = Arrays.copyOf(escaped, size);
    }
    starts[fieldCount] = start;
    ends[fieldCount] = end;
    quoted[fieldCount] = isQuoted;
    escaped[fieldCount] = isEscaped;
    fieldCount++;
  }
}
