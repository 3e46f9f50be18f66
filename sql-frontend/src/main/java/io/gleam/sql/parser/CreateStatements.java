package io.gleam.sql.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The checks and the unparsing that Gleam's {@code CREATE} statements share. */
final class CreateStatements {
  private CreateStatements() {}

  static void checkReplaceOrIfNotExists(SqlParserPos pos, boolean replace, boolean ifNotExists) {
    if (replace && ifNotExists) {
      throw SyntaxErrors.at(pos, "OR REPLACE and IF NOT EXISTS cannot both be specified");
    }
  }

  static void checkDistinctColumns(List<SqlIdentifier> names) {
    Set<String> seen = new HashSet<>();
    for (SqlIdentifier name : names) {
      if (!seen.add(name.getSimple())) {
        throw SyntaxErrors.at(name.getParserPosition(), "Duplicate column name '%s'", name.getSimple());
      }
    }
  }

  /** Writes {@code CREATE [OR REPLACE] <what> [IF NOT EXISTS]}. */
  static void unparseStart(SqlWriter writer, String what, boolean replace, boolean ifNotExists) {
    writer.keyword("CREATE");
    if (replace) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword(what);
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
  }

  /** Writes {@code (a, b, ...)}. */
  static void unparseList(SqlWriter writer, SqlNodeList list) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : list) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** The elements of {@code list}, each checked to be a {@code type}. */
  static <T> List<T> elements(SqlNodeList list, Class<T> type) {
    List<T> result = new ArrayList<>(list.size());
    for (SqlNode node : list) {
      result.add(type.cast(node));
    }
    return Collections.unmodifiableList(result);
  }
}
