package io.gleam.sql.catalog;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Gleam's SQL type limits, matched to Arrow: DECIMAL up to precision and scale 38 (128-bit decimals), TIME and
 * TIMESTAMP down to nanoseconds (precision 9). SUM of an integer type is BIGINT and SUM of DECIMAL(p, s) is
 * DECIMAL(38, s), so sums do not overflow their argument's type. Text values of different lengths meeting in one
 * VALUES, UNION or CASE are VARCHAR, not CHAR padded with spaces: {@code VALUES ('sales'), ('ops')} gives
 * {@code 'ops'}, as in PostgreSQL and DuckDB. Decimals round half up.
 */
public final class GleamTypeSystem extends RelDataTypeSystemImpl {
  /** The one instance. */
  public static final GleamTypeSystem INSTANCE = new GleamTypeSystem();

  private static final int MAX_DECIMAL_PRECISION = 38;
  private static final int MAX_FRACTIONAL_SECOND_DIGITS = 9;

  private GleamTypeSystem() {}

  /**
   * Decimals lose digits half up, as Gleam's kernels and DuckDB do: Calcite's own folding of a constant
   * {@code CAST(1.005 AS DECIMAL(10, 2))} gives 1.01, not the truncated 1.00.
   */
  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case DECIMAL:
        return MAX_DECIMAL_PRECISION;
      case TIME:
      case TIME_WITH_LOCAL_TIME_ZONE:
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return MAX_FRACTIONAL_SECOND_DIGITS;
      default:
        return super.getMaxPrecision(typeName);
    }
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
            argumentType.isNullable());
      case DECIMAL:
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, argumentType.getScale()),
            argumentType.isNullable());
      default:
        return super.deriveSumType(typeFactory, argumentType);
    }
  }
}
