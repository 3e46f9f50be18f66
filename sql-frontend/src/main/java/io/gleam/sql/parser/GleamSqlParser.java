package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.parser.impl.GleamSqlParserImpl;
import io.gleam.sql.parser.impl.GleamSqlParserImplConstants;
import io.gleam.sql.parser.impl.ParseException;
import io.gleam.sql.parser.impl.TokenMgrError;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parses Gleam SQL: Calcite's SQL plus Gleam's statements (see {@code src/main/codegen/includes/parserImpls.ftl}).
 *
 * <p>Identifiers are quoted with back-ticks; unquoted identifiers are folded to lower case (as in PostgreSQL and
 * DuckDB, so {@code SELECT L_ORDERKEY FROM LINEITEM} finds the lower-case TPC-H names), quoted ones are kept as
 * written, and names then match case-sensitively. A syntax error is a {@link GleamException} with code
 * {@link ErrorCode#INVALID_FLOW} whose message gives the line, the column and the offending token, and whose cause is
 * Calcite's {@link SqlParseException}.
 */
public final class GleamSqlParser {
  /** The parser settings; use them wherever Calcite parses SQL for Gleam (view expansion, say). */
  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(GleamSqlParserImpl.FACTORY)
      .withLex(Lex.JAVA)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withConformance(GleamSqlConformance.INSTANCE);

  /**
   * The dialect that writes a parsed statement back as text this parser reads the same way: every identifier is
   * quoted with back-ticks, so its case survives.
   */
  public static final SqlDialect DIALECT = new SqlDialect(SqlDialect.EMPTY_CONTEXT
      .withIdentifierQuoteString("`")
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true));

  /** Expected tokens are listed in an error message only when there are at most this many. */
  private static final int MAX_EXPECTED_LISTED = 12;

  private static final Pattern LEXICAL_CHARACTER = Pattern.compile("Encountered: \"(.*)\" \\([0-9]+\\), after");
  private static final Pattern LEXICAL_END = Pattern.compile("(?s)Encountered: <EOF> after ?: \"(.*)\"$");

  /**
   * {@code EXPLAIN query AS DOT}: the query (no {@code ;} outside string literals) and the trailing format. The
   * grammar cannot take a format after the query ({@code FROM t AS dot} is an alias there), so the text is rewritten
   * to Calcite's {@code EXPLAIN AS DOT FOR query} before parsing; an alias named {@code dot} at the very end of an
   * explained query must be quoted.
   */
  private static final Pattern TRAILING_AS_DOT = Pattern.compile(
      "(?is)^(\\s*EXPLAIN)(\\s+(?!PLAN\\b|AS\\b)(?:[^;']|'[^']*')*?)\\s+AS\\s+DOT\\s*;?\\s*$");

  private GleamSqlParser() {}

  /** Parses one statement, which may end with a semicolon. */
  public static SqlNode parse(String sql) {
    List<SqlNode> statements = parseStatements(sql);
    if (statements.size() != 1) {
      String where = statements.size() > 1 ? " (the second starts at " + where(statements.get(1)) + ")" : "";
      throw GleamException.user(ErrorCode.INVALID_FLOW, "Expected one SQL statement, found %d%s",
          statements.size(), where);
    }
    return statements.get(0);
  }

  /** Parses statements separated by semicolons; an empty or blank text gives an empty list. */
  public static List<SqlNode> parseStatements(String sql) {
    requireNonNull(sql, "sql is null");
    Matcher trailingDot = TRAILING_AS_DOT.matcher(sql);
    if (trailingDot.matches()) {
      sql = trailingDot.group(1) + " AS DOT FOR" + trailingDot.group(2);
    }
    try {
      return List.copyOf(SqlParser.create(sql, CONFIG).parseStmtList());
    } catch (SqlParseException e) {
      if (e.getPos() == null && e.getCause() instanceof IndexOutOfBoundsException) {
        // Calcite's SqlStmtList accepts a text without statements, then fails to compute the empty list's position.
        return List.of();
      }
      throw syntaxError(sql, e);
    }
  }

  /**
   * Writes a statement as SQL text in {@link #DIALECT}, formatted as Calcite's {@code SqlNode.toString()} does (each
   * clause of a query starts a line). Parsing the text again gives the same statement.
   */
  public static String toSql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(DIALECT)
        .withAlwaysUseParentheses(false)
        .withSelectListItemsOnSeparateLines(false)
        .withUpdateSetListNewline(false)
        .withIndentation(0))
        .getSql();
  }

  private static String where(SqlNode node) {
    SqlParserPos pos = node.getParserPosition();
    return "line " + pos.getLineNum() + ", column " + pos.getColumnNum();
  }

  private static GleamException syntaxError(String sql, SqlParseException e) {
    SqlParserPos pos = e.getPos();
    StringBuilder message = new StringBuilder("SQL syntax error");
    if (pos != null) {
      message.append(" at line ").append(pos.getLineNum()).append(", column ").append(pos.getColumnNum());
    }
    message.append(": ");
    Throwable cause = e.getCause();
    if (cause instanceof ParseException) {
      message.append("unexpected ").append(offendingToken(sql, pos, (ParseException) cause));
      Collection<String> expected = e.getExpectedTokenNames();
      if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED_LISTED) {
        message.append("; expected one of ").append(String.join(", ", expected));
      }
    } else if (cause instanceof TokenMgrError) {
      message.append(lexicalError(String.valueOf(cause.getMessage())));
    } else {
      message.append(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage());
    }
    return new GleamException(ErrorCode.INVALID_FLOW, message.toString(), e);
  }

  /**
   * Rewords JavaCC's {@code Lexical error at line 1, column 8.  Encountered: "#" (35), after : ""} as
   * {@code unexpected character '#'}, and {@code Encountered: <EOF> after : "'abc"} as
   * {@code unexpected end of input after 'abc}.
   */
  private static String lexicalError(String text) {
    Matcher character = LEXICAL_CHARACTER.matcher(text);
    if (character.find()) {
      return "unexpected character '" + character.group(1) + "'";
    }
    Matcher end = LEXICAL_END.matcher(text);
    if (end.find()) {
      return end.group(1).isEmpty() ? "unexpected end of input" : "unexpected end of input after " + end.group(1);
    }
    return text;
  }

  /** The text of the token the parser stopped at, quoted, or "end of input". */
  private static String offendingToken(String sql, SqlParserPos pos, ParseException cause) {
    if (cause.currentToken != null && cause.currentToken.next != null
        && cause.currentToken.next.kind == GleamSqlParserImplConstants.EOF) {
      return "end of input";
    }
    String text = pos == null ? "" : textAt(sql, pos);
    return text.isEmpty() ? "end of input" : "'" + text + "'";
  }

  /** The text {@code pos} covers, if it starts and ends on one line; lines and columns count from 1. */
  private static String textAt(String sql, SqlParserPos pos) {
    if (pos.getLineNum() != pos.getEndLineNum() || pos.getLineNum() < 1) {
      return "";
    }
    String[] lines = sql.split("\r\n|\r|\n", -1);
    if (pos.getLineNum() > lines.length) {
      return "";
    }
    String line = lines[pos.getLineNum() - 1];
    int begin = pos.getColumnNum() - 1;
    int end = Math.min(pos.getEndColumnNum(), line.length());
    return begin >= 0 && begin < end ? line.substring(begin, end) : "";
  }
}
