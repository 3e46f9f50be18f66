package io.gleam.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@code --name value} options of a benchmark's command line, checked against the names it knows. */
final class CommandLine {
  private final Map<String, String> values;

  private CommandLine(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  static CommandLine parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !known.contains(a.substring(2))) {
        throw new IllegalArgumentException(
            "unknown option '" + a + "'; known: --" + String.join(", --", new TreeSet<>(known)));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      values.put(a.substring(2), args[++i]);
    }
    return new CommandLine(values);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  String value(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  long longValue(String name, long defaultValue) {
    String v = values.get(name);
    try {
      return v == null ? defaultValue : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'", e);
    }
  }

  double doubleValue(String name, double defaultValue) {
    String v = values.get(name);
    try {
      return v == null ? defaultValue : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'", e);
    }
  }
}
