package io.gleam.cli.sql;

import static java.util.Objects.requireNonNull;

import io.gleam.cli.UsageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of {@code gleam sql}.
 *
 * @param catalogDir where the catalog lives; empty for {@code --memory}
 * @param sql the statements given with {@code -e}
 * @param file the script given with {@code -f}
 * @param format how results are printed
 */
public record SqlOptions(Optional<Path> catalogDir, Optional<String> sql, Optional<Path> file, OutputFormat format) {
  public SqlOptions {
    requireNonNull(catalogDir, "catalogDir is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(file, "file is null");
    requireNonNull(format, "format is null");
  }

  /** The catalog used without {@code --catalog} or {@code --memory}. */
  public static Path defaultCatalog() {
    return Path.of(System.getProperty("user.home"), ".gleam");
  }

  public boolean interactive() {
    return sql.isEmpty() && file.isEmpty();
  }

  public static SqlOptions parse(String[] args) {
    Optional<Path> catalog = Optional.of(defaultCatalog());
    boolean memory = false;
    boolean catalogGiven = false;
    Optional<String> sql = Optional.empty();
    Optional<Path> file = Optional.empty();
    OutputFormat format = OutputFormat.TABLE;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--memory" -> memory = true;
        case "--catalog" -> {
          catalog = Optional.of(Path.of(value(args, ++i, a)));
          catalogGiven = true;
        }
        case "-e", "--execute" -> sql = Optional.of(value(args, ++i, a));
        case "-f", "--file" -> file = Optional.of(Path.of(value(args, ++i, a)));
        case "--format" -> format = OutputFormat.parse(value(args, ++i, a));
        default -> throw new UsageException("unknown option '" + a + "' for sql");
      }
    }
    if (memory && catalogGiven) {
      throw new UsageException("--memory and --catalog cannot be used together");
    }
    if (sql.isPresent() && file.isPresent()) {
      throw new UsageException("-e and -f cannot be used together");
    }
    return new SqlOptions(memory ? Optional.empty() : catalog, sql, file, format);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
