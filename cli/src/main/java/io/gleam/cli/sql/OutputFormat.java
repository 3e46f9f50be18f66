package io.gleam.cli.sql;

import io.gleam.cli.UsageException;
import java.util.Locale;

/** How {@code gleam sql -e/-f} prints result rows. */
public enum OutputFormat {
  /** A boxed table with a row count, for people. */
  TABLE,
  /** RFC 4180 CSV with a header line; NULL is an empty field. */
  CSV,
  /** Tab-separated values with a header line; NULL is {@code \N}, tabs and newlines are escaped. */
  TSV,
  /** A JSON array with one object per row. */
  JSON;

  static OutputFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown format '" + name + "' (expected table, csv, tsv or json)");
    }
  }
}
