package io.gleam.sql.cases;

import io.gleam.sql.cases.SqlCase.Kind;
import io.gleam.sql.cases.SqlCase.SortMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed case file: its lines and its records in order. Records are separated by blank lines; lines starting
 * with {@code #} are comments. The grammar is in {@code sqlcases/README.md}; a line that starts no known record
 * fails the parse naming the file and line.
 */
final class SqlCaseFile {
  static final String RESULTS_SEPARATOR = "----";
  static final String FILE_END = "EOF";
  private static final String TYPE_LETTERS = "IRNTDSB?";

  private final Path path;
  private final List<String> lines;
  private final List<SqlCase> cases;

  private SqlCaseFile(Path path, List<String> lines, List<SqlCase> cases) {
    this.path = path;
    this.lines = List.copyOf(lines);
    this.cases = List.copyOf(cases);
  }

  static SqlCaseFile read(Path path) {
    try {
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      return new SqlCaseFile(path, lines, parse(path.getFileName().toString(), lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  List<String> lines() {
    return lines;
  }

  List<SqlCase> cases() {
    return cases;
  }

  private static List<SqlCase> parse(String name, List<String> lines) {
    List<SqlCase> cases = new ArrayList<>();
    Optional<String> skip = Optional.empty();
    Optional<String> knownFailure = Optional.empty();
    boolean handChecked = false;
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i).strip();
      int lineNo = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        i++;
        continue;
      }
      String word = line.split("\\s+", 2)[0];
      String rest = line.substring(word.length()).strip();
      switch (word) {
        case "skipif":
          skip = Optional.of(require(rest, name, lineNo, "skipif needs a reason, e.g. 'skipif not-yet windows'"));
          i++;
          continue;
        case "known-failure":
          knownFailure = Optional.of(require(rest, name, lineNo, "known-failure needs a one-line reason"));
          i++;
          continue;
        case "hand-checked":
          handChecked = true;
          i++;
          continue;
        case "statement":
        case "query":
          break;
        case "file":
          break;
        default:
          throw bad(name, lineNo, "expected statement, query, file, skipif, known-failure or hand-checked, found '"
              + line + "'");
      }
      SqlCase parsed;
      if (word.equals("file")) {
        String fileName = require(rest, name, lineNo, "file needs a name");
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).equals(FILE_END)) {
          end++;
        }
        if (end == lines.size()) {
          throw bad(name, lineNo, "file " + fileName + " has no " + FILE_END + " line");
        }
        String content = lines.subList(i + 1, end).stream().map(l -> l + "\n").reduce("", String::concat);
        parsed = new SqlCase(Kind.FILE, lineNo, content, "", SortMode.NOSORT, List.of(), "", fileName, skip,
            knownFailure, handChecked, new int[0]);
        i = end + 1;
      } else {
        int sqlStart = i + 1;
        int sqlEnd = sqlStart;
        while (sqlEnd < lines.size() && !lines.get(sqlEnd).isBlank()
            && !lines.get(sqlEnd).strip().equals(RESULTS_SEPARATOR)) {
          sqlEnd++;
        }
        String sql = String.join("\n", lines.subList(sqlStart, sqlEnd)).strip();
        if (sql.isEmpty()) {
          throw bad(name, lineNo, word + " has no SQL on the lines after it");
        }
        boolean hasResults = sqlEnd < lines.size() && lines.get(sqlEnd).strip().equals(RESULTS_SEPARATOR);
        String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (word.equals("statement") && rest.equals("ok")) {
          parsed = new SqlCase(Kind.STATEMENT, lineNo, sql, "", SortMode.NOSORT, List.of(), "", "", skip,
              knownFailure, handChecked, new int[0]);
        } else if (words.length > 0 && words[0].equals("error")) {
          String expectedError = require(rest.substring("error".length()).strip(), name, lineNo,
              word + " error needs the text the message must contain");
          parsed = new SqlCase(Kind.ERROR, lineNo, sql, "", SortMode.NOSORT, List.of(), expectedError, "", skip,
              knownFailure, handChecked, new int[0]);
        } else if (word.equals("query") && words.length >= 1 && words.length <= 2) {
          String types = words[0];
          for (char c : types.toCharArray()) {
            if (TYPE_LETTERS.indexOf(c) < 0) {
              throw bad(name, lineNo, "unknown column type letter '" + c + "' in '" + types + "': expected one of "
                  + TYPE_LETTERS);
            }
          }
          SortMode sort = words.length == 2 ? sortMode(words[1], name, lineNo) : SortMode.NOSORT;
          if (!hasResults) {
            throw bad(name, lineNo, "query has no " + RESULTS_SEPARATOR + " line before its expected rows");
          }
          int resultsStart = sqlEnd + 1;
          int resultsEnd = resultsStart;
          while (resultsEnd < lines.size() && !lines.get(resultsEnd).isBlank()) {
            resultsEnd++;
          }
          List<String> expected = lines.subList(resultsStart, resultsEnd).stream().map(String::stripTrailing)
              .toList();
          parsed = new SqlCase(Kind.QUERY, lineNo, sql, types, sort, expected, "", "", skip, knownFailure,
              handChecked, new int[] {resultsStart, resultsEnd});
          sqlEnd = resultsEnd;
        } else {
          throw bad(name, lineNo, "expected 'statement ok', 'statement error TEXT', 'query error TEXT' or "
              + "'query TYPES [rowsort|nosort]', found '" + line + "'");
        }
        if (hasResults && parsed.kind() != Kind.QUERY) {
          throw bad(name, lineNo, "only a query has expected rows after " + RESULTS_SEPARATOR);
        }
        i = sqlEnd;
      }
      cases.add(parsed);
      skip = Optional.empty();
      knownFailure = Optional.empty();
      handChecked = false;
    }
    return cases;
  }

  private static SortMode sortMode(String word, String name, int lineNo) {
    try {
      return SortMode.valueOf(word.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(name, lineNo, "unknown sort mode '" + word + "': expected rowsort or nosort");
    }
  }

  private static String require(String value, String name, int lineNo, String message) {
    if (value.isEmpty()) {
      throw bad(name, lineNo, message);
    }
    return value;
  }

  private static IllegalArgumentException bad(String name, int lineNo, String message) {
    return new IllegalArgumentException(name + ":" + lineNo + ": " + message);
  }
}
