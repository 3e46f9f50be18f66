package io.gleam.benchmarks;

import java.util.List;

/**
 * Splits one CSV line (RFC 4180, comma separated) into its fields: a field in double quotes may hold commas, and a
 * doubled quote inside it stands for one quote. Values never span lines in the TPC-H files.
 */
final class CsvFieldSplitter {
  private CsvFieldSplitter() {}

  /**
   * Clears {@code fields} and adds the fields of {@code line}; an unterminated quote fails naming {@code where}
   * (a file and line number).
   */
  static void split(String line, List<String> fields, String where) {
    fields.clear();
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(where + ": unterminated quoted field");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              value.append('"');
              i++;
            } else {
              break;
            }
          } else {
            value.append(c);
          }
        }
        fields.add(value.toString());
        if (i < n && line.charAt(i) != ',') {
          throw new IllegalArgumentException(where + ": text after the closing quote of field " + fields.size());
        }
      } else {
        int end = line.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        fields.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return;
      }
      i++;  // the comma
    }
  }
}
