package io.gleam.cli.sql;

import java.util.ArrayList;
import java.util.List;

/** Splits a script into statements at each {@code ;} outside quotes and comments; blank statements are dropped. */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = closingQuote(script, i, c);
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        end = script.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (c == ';') {
        add(out, current);
        current.setLength(0);
        i++;
        continue;
      } else {
        end = i + 1;
      }
      current.append(script, i, end);
      i = end;
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty() && !onlyComments(s)) {
      out.add(s);
    }
  }

  private static boolean onlyComments(String s) {
    String rest = s;
    while (!rest.isEmpty()) {
      if (rest.startsWith("--")) {
        int nl = rest.indexOf('\n');
        rest = nl < 0 ? "" : rest.substring(nl + 1).strip();
      } else if (rest.startsWith("/*")) {
        int close = rest.indexOf("*/");
        rest = close < 0 ? "" : rest.substring(close + 2).strip();
      } else {
        return false;
      }
    }
    return true;
  }

  private static int closingQuote(String s, int start, char q) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }
}
