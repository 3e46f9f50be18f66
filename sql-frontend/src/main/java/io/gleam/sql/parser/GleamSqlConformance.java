package io.gleam.sql.parser;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * The SQL conformance Gleam's parser uses, and its validator should use too: Calcite's default, plus what
 * PostgreSQL and DuckDB users expect: {@code !=}, {@code %}, {@code OFFSET n LIMIT m} and {@code LIMIT start,
 * count}, and GROUP BY / HAVING on select-list aliases and ordinals.
 */
public final class GleamSqlConformance extends SqlDelegatingConformance {
  public static final GleamSqlConformance INSTANCE = new GleamSqlConformance();

  private GleamSqlConformance() {
    super(SqlConformanceEnum.DEFAULT);
  }

  @Override
  public boolean isBangEqualAllowed() {
    return true;
  }

  @Override
  public boolean isPercentRemainderAllowed() {
    return true;
  }

  @Override
  public boolean isOffsetLimitAllowed() {
    return true;
  }

  @Override
  public boolean isLimitStartCountAllowed() {
    return true;
  }

  @Override
  public boolean isGroupByAlias() {
    return true;
  }

  @Override
  public boolean isGroupByOrdinal() {
    return true;
  }

  @Override
  public boolean isHavingAlias() {
    return true;
  }
}
