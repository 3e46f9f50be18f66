package io.gleam.sql.cases;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One record of a case file.
 *
 * @param kind what the record does
 * @param line the 1-based line of the record's first line (its directives excluded)
 * @param sql the statement (for {@link Kind#FILE}, the file's content)
 * @param types for a query, one letter per column (see {@code sqlcases/README.md}); else empty
 * @param sort how a query's rows are compared
 * @param expected a query's expected rows, one rendered line each; else empty
 * @param error for {@link Kind#ERROR}, the text the message must contain
 * @param fileName for {@link Kind#FILE}, the name under the case's temporary directory
 * @param skip why the record is skipped (a {@code skipif} directive), if it is
 * @param knownFailure why the record is known to fail (a {@code known-failure} directive), if it is
 * @param handChecked whether the expected rows were checked by hand and the generator leaves them alone
 * @param resultLines for a query, the 0-based range [start, end) of its expected-row lines in the file
 */
record SqlCase(Kind kind, int line, String sql, String types, SortMode sort, List<String> expected, String error,
    String fileName, Optional<String> skip, Optional<String> knownFailure, boolean handChecked,
    int[] resultLines) {
  /** What a record does. */
  enum Kind {
    /** {@code statement ok}: the statement runs without an error. */
    STATEMENT,
    /** {@code statement error TEXT} or {@code query error TEXT}: the statement fails with TEXT in the message. */
    ERROR,
    /** {@code query TYPES [SORT]}: the rows match. */
    QUERY,
    /** {@code file NAME}: writes the lines up to {@code EOF} into the case's temporary directory. */
    FILE
  }

  /** How the rows of a query are compared. */
  enum SortMode {
    /** In the order the query returns them (it has an ORDER BY). */
    NOSORT,
    /** Both sides sorted as text lines first. */
    ROWSORT
  }

  SqlCase {
    requireNonNull(kind, "kind is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(types, "types is null");
    requireNonNull(sort, "sort is null");
    expected = List.copyOf(expected);
    requireNonNull(error, "error is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(skip, "skip is null");
    requireNonNull(knownFailure, "knownFailure is null");
    requireNonNull(resultLines, "resultLines is null");
  }

  /** A short name for reports: the line and the start of the statement. */
  String title() {
    String first = sql.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
    String head = kind == Kind.FILE ? "file " + fileName : first.length() > 60 ? first.substring(0, 57) + "..." : first;
    return "line " + line + ": " + head;
  }
}
