package io.gleam.sql.engine;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Row;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What one SQL statement returned: rows with their schema (a query, SHOW, DESCRIBE, EXPLAIN), or an update count
 * and a message (DDL, INSERT).
 *
 * @param schema the result columns (names and Arrow types); empty for statements without rows
 * @param rows the rows, values as in {@link Row}
 * @param updateCount rows inserted or written, or -1
 * @param message a one-line summary for consoles, e.g. "created table t"
 */
public record StatementResult(Optional<Schema> schema, List<Row> rows, long updateCount, String message) {
  public StatementResult {
    requireNonNull(schema, "schema is null");
    rows = List.copyOf(requireNonNull(rows, "rows is null"));
    requireNonNull(message, "message is null");
  }

  public static StatementResult rows(Schema schema, List<Row> rows) {
    return new StatementResult(Optional.of(schema), rows, -1, rows.size() + " rows");
  }

  public static StatementResult update(long count, String message) {
    return new StatementResult(Optional.empty(), List.of(), count, message);
  }

  public boolean hasRows() {
    return schema.isPresent();
  }
}
