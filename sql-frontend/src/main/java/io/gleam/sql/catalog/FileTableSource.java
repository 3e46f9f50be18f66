package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Files read in one format, as {@code CREATE TABLE t (...) WITH (format = 'csv', path = '/data/t/*.csv', ...)}
 * describes them. Formats: {@code csv}, {@code tsv}, {@code text} (one VARCHAR column per line), {@code jsonl} (one
 * JSON object per line, columns by key) and {@code arrow} (Arrow IPC files).
 *
 * <p>Options besides {@code format} and {@code path}: {@code header} (true or false, default false),
 * {@code delimiter} (one character; default {@code ,} for CSV and tab for TSV), {@code quote} (one character, or
 * empty for none; CSV only, default {@code "}), {@code null} or {@code null_string} (the text that stands for NULL; TSV's default is
 * {@code \N}) and {@code on_error} ({@code fail} or {@code skip}). Keys are matched ignoring case.
 *
 * @param format the file format
 * @param paths files, directories or globs
 * @param options the other options by lower-case key, values as text
 */
public record FileTableSource(SourceFormat format, List<String> paths, Map<String, String> options)
    implements TableSource {
  /** Option keys a file table understands besides {@code format} and {@code path}. */
  public static final Set<String> OPTION_KEYS = Set.of("header", "delimiter", "quote", "null", "null_string",
      "on_error");
  /** The formats a file table can have. */
  public static final List<SourceFormat> FILE_FORMATS = List.of(SourceFormat.TEXT, SourceFormat.CSV,
      SourceFormat.TSV, SourceFormat.JSONL, SourceFormat.ARROW);

  public FileTableSource {
    requireNonNull(format, "format is null");
    if (!FILE_FORMATS.contains(format)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a file table cannot have format %s", format);
    }
    paths = List.copyOf(requireNonNull(paths, "paths is null"));
    if (paths.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a %s table needs a path", format);
    }
    options = normalize(requireNonNull(options, "options is null"));
    checkOptions(format, options);
  }

  /**
   * Reads a file table from the options of {@code CREATE TABLE ... WITH (...)}: {@code format} and {@code path} are
   * required, the rest are as in the class comment. Values may be strings, numbers or booleans (the parser's
   * {@code String}, {@code BigDecimal}, {@code Boolean}); an unknown key or a bad value fails with
   * {@link ErrorCode#INVALID_FLOW}, naming it.
   */
  public static FileTableSource fromOptions(Map<String, ?> withOptions) {
    requireNonNull(withOptions, "withOptions is null");
    Map<String, String> options = new LinkedHashMap<>(normalize(withOptions));
    String format = options.remove("format");
    String path = options.remove("path");
    if (format == null || path == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a file table needs the options format and path, found %s",
          withOptions.keySet().isEmpty() ? "none" : String.join(", ", withOptions.keySet()));
    }
    return new FileTableSource(format(format), List.of(path), options);
  }

  /** The reader's settings for this table, read as {@code schema} in {@code shards} shards. */
  public SourceSpec toSourceSpec(Schema schema, int shards) {
    requireNonNull(schema, "schema is null");
    if (format == SourceFormat.TEXT) {
      return SourceSpec.text(paths, shards).withOnError(onError());
    } else if (format == SourceFormat.JSONL) {
      return SourceSpec.jsonl(paths, shards, schema).withOnError(onError());
    } else if (format == SourceFormat.ARROW) {
      return SourceSpec.arrow(paths, shards, schema);
    }
    SourceSpec spec = format == SourceFormat.CSV
        ? SourceSpec.csv(paths, shards, schema, header())
        : SourceSpec.tsv(paths, shards, schema, header());
    char quote = options.containsKey("quote") ? singleChar("quote", options.get("quote"), true) : spec.quote();
    char delimiter = options.containsKey("delimiter")
        ? singleChar("delimiter", options.get("delimiter"), false) : spec.delimiter();
    String nullString = options.containsKey("null") ? options.get("null")
        : options.containsKey("null_string") ? options.get("null_string") : spec.nullString();
    return new SourceSpec(format, paths, shards, schema, header(), delimiter, quote, nullString, onError());
  }

  @Override
  public String describe() {
    return format.name().toLowerCase(Locale.ROOT) + " " + paths + (options.isEmpty() ? "" : " " + options);
  }

  private boolean header() {
    return Boolean.parseBoolean(options.getOrDefault("header", "false"));
  }

  private OnError onError() {
    return OnError.valueOf(options.getOrDefault("on_error", "fail").toUpperCase(Locale.ROOT));
  }

  /** The file format named {@code name} (csv, tsv, text, jsonl or arrow, any case). */
  public static SourceFormat format(String name) {
    for (SourceFormat format : FILE_FORMATS) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "unknown file format '%s': expected one of %s", name,
        FILE_FORMATS.toString().toLowerCase(Locale.ROOT));
  }

  /** The options of this table as {@code WITH (...)} gives them: format, path and the rest. */
  public Map<String, String> withOptions() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("format", format.name().toLowerCase(Locale.ROOT));
    all.put("path", paths.get(0));
    all.putAll(options);
    return all;
  }

  /** Whether the files start with a header line. */
  public boolean hasHeader() {
    return header();
  }

  private static Map<String, String> normalize(Map<String, ?> options) {
    Map<String, String> normalized = new LinkedHashMap<>();
    options.forEach((key, value) -> {
      requireNonNull(value, () -> "option " + key + " is null");
      String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
      if (normalized.put(key.toLowerCase(Locale.ROOT), text) != null) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "option '%s' is given twice", key);
      }
    });
    return Collections.unmodifiableMap(normalized);
  }

  private static void checkOptions(SourceFormat format, Map<String, String> options) {
    for (Map.Entry<String, String> option : options.entrySet()) {
      String key = option.getKey();
      String value = option.getValue();
      if (!OPTION_KEYS.contains(key)) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "unknown option '%s' for a %s table: expected %s", key,
            format.name().toLowerCase(Locale.ROOT), "format, path, header, delimiter, quote, null (or null_string), on_error");
      }
      switch (key) {
        case "header":
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw GleamException.user(ErrorCode.INVALID_FLOW, "option 'header' must be true or false, found '%s'",
                value);
          }
          break;
        case "delimiter":
          singleChar(key, value, false);
          break;
        case "quote":
          singleChar(key, value, true);
          break;
        case "on_error":
          if (!value.equalsIgnoreCase("fail") && !value.equalsIgnoreCase("skip")) {
            throw GleamException.user(ErrorCode.INVALID_FLOW, "option 'on_error' must be fail or skip, found '%s'",
                value);
          }
          break;
        default:
          break;
      }
    }
  }

  private static char singleChar(String key, String value, boolean emptyMeansNone) {
    if (value.length() == 1) {
      return value.charAt(0);
    }
    if (emptyMeansNone && value.isEmpty()) {
      return 0;
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "option '%s' must be one character%s, found '%s'", key,
        emptyMeansNone ? " or empty" : "", value);
  }
}
