package io.gleam.exec.operator;

import io.gleam.exec.rows.TextValues;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a line a pipe command printed as a row of the step's schema: tab-separated fields, the last column taking
 * the rest of the line, each field parsed as {@link TextValues} does. A line that does not fit fails the step,
 * saying where it came from.
 */
final class PipeLineParser {
  private final List<Field> fields;

  PipeLineParser(Schema schema) {
    this.fields = schema.getFields();
  }

  /** @param where names the step, the command and the line, for error messages */
  Object[] parse(String line, Supplier<String> where) {
    Object[] row = new Object[fields.size()];
    int start = 0;
    for (int c = 0; c < row.length; c++) {
      int end = c == row.length - 1 ? line.length() : line.indexOf('\t', start);
      if (end < 0) {
        throw new GleamException(ErrorCode.PIPE_FAILED, String.format(
            "%s: expected %d tab-separated fields, found %d: '%s'", where.get(), row.length, c + 1,
            line.length() > 100 ? line.substring(0, 97) + "..." : line));
      }
      try {
        row[c] = TextValues.parse(line.substring(start, end), fields.get(c).getType());
      } catch (IllegalArgumentException e) {
        throw new GleamException(ErrorCode.PIPE_FAILED, String.format("%s column '%s': %s", where.get(),
            fields.get(c).getName(), e.getMessage()));
      }
      start = end + 1;
    }
    return row;
  }
}
