package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.sql.catalog.GleamTypeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.junit.jupiter.api.Test;

/** {@link ConstantFolder} folds date and exact arithmetic itself and hands everything else to its fallback. */
class ConstantFolderTest {
  private final GleamTypeFactory typeFactory = new GleamTypeFactory();
  private final RexBuilder rex = new RexBuilder(typeFactory);
  private final List<RexNode> delegated = new ArrayList<>();
  private final ConstantFolder folder = new ConstantFolder((builder, exps, reduced) -> {
    delegated.addAll(exps);
    reduced.addAll(exps);
  });

  private String fold(RexNode e) {
    List<RexNode> reduced = new ArrayList<>();
    folder.reduce(rex, List.of(e), reduced);
    assertEquals(1, reduced.size());
    return reduced.get(0).toString();
  }

  private RexNode date(String text) {
    return rex.makeDateLiteral(new DateString(text));
  }

  private RexNode days(int n) {
    return rex.makeIntervalLiteral(BigDecimal.valueOf(n * 86_400_000L),
        new SqlIntervalQualifier(TimeUnit.DAY, 3, null, -1, SqlParserPos.ZERO));
  }

  private RexNode months(int n, TimeUnit unit) {
    return rex.makeIntervalLiteral(BigDecimal.valueOf(n), new SqlIntervalQualifier(unit, null, SqlParserPos.ZERO));
  }

  private RexNode integer(int n) {
    return rex.makeExactLiteral(BigDecimal.valueOf(n));
  }

  private RelDataType decimal(int precision, int scale) {
    return typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
  }

  @Test
  void dateMinusDays() {
    assertEquals("1998-09-02", fold(rex.makeCall(SqlStdOperatorTable.MINUS, date("1998-12-01"), days(90))));
    assertEquals(List.of(), delegated);
  }

  @Test
  void datePlusYearsAndMonths() {
    assertEquals("1995-01-01",
        fold(rex.makeCall(SqlStdOperatorTable.DATETIME_PLUS, date("1994-01-01"), months(12, TimeUnit.YEAR))));
    assertEquals("1993-10-01",
        fold(rex.makeCall(SqlStdOperatorTable.DATETIME_PLUS, date("1993-07-01"), months(3, TimeUnit.MONTH))));
    assertEquals("1996-02-29",
        fold(rex.makeCall(SqlStdOperatorTable.DATETIME_PLUS, date("1996-01-31"), months(1, TimeUnit.MONTH))));
  }

  @Test
  void exactArithmeticAndCasts() {
    assertEquals("11", fold(rex.makeCall(SqlStdOperatorTable.PLUS, integer(1), integer(10))));
    assertEquals("11.00:DECIMAL(15, 2)", fold(rex.makeCast(decimal(15, 2),
        rex.makeCall(SqlStdOperatorTable.PLUS, integer(1), integer(10)))));
    RexNode sixHundredths = rex.makeExactLiteral(new BigDecimal("0.06"));
    RexNode hundredth = rex.makeExactLiteral(new BigDecimal("0.01"));
    assertEquals("0.05:DECIMAL(4, 2)", fold(rex.makeCall(SqlStdOperatorTable.MINUS, sixHundredths, hundredth)));
    assertEquals("-7", fold(rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, integer(7))));
    assertEquals("1995-03-15", fold(rex.makeCast(typeFactory.createSqlType(SqlTypeName.DATE),
        rex.makeLiteral("1995-03-15"))));
    assertEquals(List.of(), delegated);
  }

  @Test
  void castToSmallerDecimalScaleRoundsHalfUp() {
    // DuckDB: SELECT CAST(1.005 AS DECIMAL(10,2)), CAST(-1.005 AS DECIMAL(10,2)), CAST(1.004 AS DECIMAL(10,2))
    // gives 1.01, -1.01, 1.00
    assertEquals("1.01:DECIMAL(10, 2)", fold(rex.makeCast(decimal(10, 2),
        rex.makeExactLiteral(new BigDecimal("1.005")))));
    assertEquals("-1.01:DECIMAL(10, 2)", fold(rex.makeCast(decimal(10, 2),
        rex.makeExactLiteral(new BigDecimal("-1.005")))));
    assertEquals("1.00:DECIMAL(10, 2)", fold(rex.makeCast(decimal(10, 2),
        rex.makeExactLiteral(new BigDecimal("1.004")))));
    assertEquals(List.of(), delegated);
  }

  @Test
  void delegatesDivisionOverflowAndRounding() {
    RexNode division = rex.makeCall(SqlStdOperatorTable.DIVIDE, integer(7), integer(2));
    RexNode overflow = rex.makeCall(SqlStdOperatorTable.PLUS, integer(Integer.MAX_VALUE), integer(1));
    RexNode rounding = rex.makeCast(typeFactory.createSqlType(SqlTypeName.INTEGER),
        rex.makeExactLiteral(new BigDecimal("1.25")));
    List<RexNode> reduced = new ArrayList<>();
    folder.reduce(rex, List.of(division, integer(3), overflow, rounding), reduced);
    assertEquals(List.of(division, overflow, rounding), delegated);
    assertEquals(List.of(division, integer(3), overflow, rounding), reduced);
  }
}
