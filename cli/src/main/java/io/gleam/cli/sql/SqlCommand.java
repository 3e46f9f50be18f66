package io.gleam.cli.sql;

import static java.util.Objects.requireNonNull;

import io.gleam.cli.UsageException;
import io.gleam.jdbc.Driver;
import io.gleam.jdbc.GleamUrl;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import sqlline.SqlLine;

/**
 * {@code gleam sql}: with {@code -e SQL} or {@code -f FILE} runs the statements (separated by {@code ;}) on the
 * embedded driver and prints each result; otherwise opens a sqlline console on it. Stops at the first failing
 * statement, printing {@code gleam: <message>} on stderr and returning 1.
 */
public final class SqlCommand {
  private final Driver driver;

  /** A command whose connections come from {@code driver}. */
  public SqlCommand(Driver driver) {
    this.driver = requireNonNull(driver, "driver is null");
  }

  /** Runs {@code gleam sql ARGS} on the default driver; returns the exit code. */
  public static int main(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return new SqlCommand(new Driver()).run(args, in, out, err);
  }

  /** Runs {@code gleam sql ARGS}; returns the exit code. Throws {@link UsageException} for a bad command line. */
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    SqlOptions options = SqlOptions.parse(args);
    String url = GleamUrl.of(options.catalogDir());
    try {
      if (options.catalogDir().isPresent()) {
        Files.createDirectories(options.catalogDir().get());
      }
      if (options.interactive()) {
        return console(url, in, out, err);
      }
      String script = options.sql().isPresent()
          ? options.sql().get()
          : Files.readString(options.file().get(), StandardCharsets.UTF_8);
      return runScript(url, StatementSplitter.split(script), options.format(), out, err);
    } catch (IOException e) {
      err.println("gleam: " + e.getMessage());
      return 1;
    }
  }

  private int runScript(String url, List<String> statements, OutputFormat format, PrintStream out,
      PrintStream err) {
    ResultPrinter printer = new ResultPrinter(format, out);
    try (Connection connection = driver.connect(url, new Properties())) {
      for (String sql : statements) {
        try (Statement statement = connection.createStatement()) {
          if (statement.execute(sql)) {
            try (ResultSet rs = statement.getResultSet()) {
              printer.print(rs);
            }
          } else {
            printer.printUpdate(statement.getLargeUpdateCount());
          }
        }
      }
      out.flush();
      return 0;
    } catch (SQLException | RuntimeException e) {
      out.flush();
      err.println("gleam: " + message(e));
      return 1;
    }
  }

  /** Opens sqlline on the registered embedded driver; the exit code is sqlline's status. */
  private static int console(String url, InputStream in, PrintStream out, PrintStream err) throws IOException {
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(out);
    sqlLine.setErrorStream(err);
    String[] args = {"-u", url, "-n", "gleam", "-p", "", "--isolation=TRANSACTION_NONE", "-d",
        Driver.class.getName()};
    SqlLine.Status status = sqlLine.begin(args, in, true);
    return status == SqlLine.Status.OK ? 0 : 1;
  }

  /** The engine's own message when there is one, otherwise the driver's. */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GleamException g) {
        return g.getMessage();
      }
    }
    String m = e.getMessage();
    return m == null ? e.toString() : m;
  }
}
