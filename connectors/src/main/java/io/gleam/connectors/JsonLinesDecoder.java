package io.gleam.connectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Decodes JSON lines: one object per line, its keys matched to the columns by name (exactly, case-sensitive); a
 * missing key or a JSON {@code null} is NULL, keys of no column are ignored, blank lines are skipped. Scalars are
 * converted as their text would be in a CSV field (a number into a DECIMAL keeps its digits, a string
 * {@code "1995-03-15"} into a DATE). A nested object or array is kept as its JSON text in a string column and is an
 * error in any other. A line that is not a JSON object, or a value of the wrong type, is malformed (file and line
 * named, or skipped and counted).
 */
final class JsonLinesDecoder extends RecordDecoder {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private final FieldParser[] parsers;
  private final String[] names;
  private final boolean[] nullable;
  private final Map<String, Integer> columns = new HashMap<>();
  private final MalformedRows malformed;
  private final boolean[] seen;

  JsonLinesDecoder(List<Field> fields, MalformedRows malformed) {
    this.parsers = new FieldParser[fields.size()];
    this.names = new String[fields.size()];
    this.nullable = new boolean[fields.size()];
    this.seen = new boolean[fields.size()];
    for (int c = 0; c < parsers.length; c++) {
      Field field = fields.get(c);
      parsers[c] = FieldParser.forField(field, "JSON lines");
      names[c] = field.getName();
      nullable[c] = field.isNullable();
      columns.put(field.getName(), c);
    }
    this.malformed = malformed;
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
      byte[] b = in.buf();
      int start = in.lineStart();
      int end = in.lineEnd();
      if (blank(b, start, end)) {
        continue;
      }
      String problem;
      try {
        problem = decodeObject(b, start, end, r);
      } catch (JsonParseException e) {
        problem = "invalid JSON: " + e.getOriginalMessage();
      }
      if (problem == null) {
        r++;
      } else {
        malformed.report(in.split(), in.lineOffset(), null, problem);
      }
    }
    return r;
  }

  /** Writes the object on {@code b[start, end)} at {@code row}; returns what is wrong with it, or null. */
  private String decodeObject(byte[] b, int start, int end, int row) throws IOException {
    Arrays.fill(seen, false);
    try (JsonParser p = JSON.createParser(b, start, end - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "expected a JSON object";
      }
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer column = columns.get(p.currentName());
        JsonToken value = p.nextToken();
        if (column == null) {
          p.skipChildren();
          continue;
        }
        int c = column;
        seen[c] = true;
        String problem = value(p, value, b, start, c, row);
        if (problem != null) {
          return "column '" + names[c] + "': " + problem;
        }
      }
      if (token != JsonToken.END_OBJECT) {
        return "expected a JSON object";
      }
      if (p.nextToken() != null) {
        return "text after the JSON object";
      }
    }
    for (int c = 0; c < parsers.length; c++) {
      if (!seen[c]) {
        if (!nullable[c]) {
          return "column '" + names[c] + "': missing in a not null column";
        }
        parsers[c].setNull(row);
      }
    }
    return null;
  }

  private String value(JsonParser p, JsonToken token, byte[] line, int lineStart, int c, int row)
      throws IOException {
    FieldParser parser = parsers[c];
    byte[] text;
    switch (token) {
      case VALUE_NULL:
        if (!nullable[c]) {
          return "NULL in a not null column";
        }
        parser.setNull(row);
        return null;
      case VALUE_TRUE:
        text = TRUE;
        break;
      case VALUE_FALSE:
        text = FALSE;
        break;
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        text = p.getText().getBytes(StandardCharsets.UTF_8);
        break;
      case START_OBJECT:
      case START_ARRAY:
        if (!parser.isString()) {
          return "a nested " + (token == JsonToken.START_OBJECT ? "object" : "array") + " cannot be "
              + parser.typeName();
        }
        int from = lineStart + (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int to = lineStart + (int) p.currentLocation().getByteOffset();
        parser.parse(line, from, to, row);
        return null;
      default:
        return "unexpected " + token;
    }
    try {
      parser.parse(text, 0, text.length, row);
      return null;
    } catch (FieldParser.Unparseable e) {
      return "cannot parse '" + MalformedRows.quote(text, 0, text.length) + "' as " + parser.typeName();
    }
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  boolean skipRecord(SplitInput in) throws IOException {
    return in.nextLine();
  }
}
