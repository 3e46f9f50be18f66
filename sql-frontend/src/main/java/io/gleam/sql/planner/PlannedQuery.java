package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A query planned for execution: the relational tree as the SQL says it and as optimized, and the result's columns.
 *
 * <p>Both trees are made of Calcite's {@code Logical*} nodes ({@code LogicalTableScan} of a
 * {@link io.gleam.sql.catalog.GleamTable}, {@code LogicalFilter}, {@code LogicalProject}, {@code LogicalJoin},
 * {@code LogicalAggregate}, {@code LogicalSort}, {@code LogicalUnion}, {@code LogicalValues}, ...). The optimized
 * tree has no sub-queries and no correlation left unless {@link SqlPlanner} says otherwise; its columns are the
 * result's columns in order, though an optimized-away projection may leave them with other names: take the names
 * from {@link #rowType()}.
 *
 * @param sql the query text, or its unparsed form if the caller parsed it
 * @param logical the validated query as relational algebra, before optimization (sub-queries still in place)
 * @param optimized the optimized tree
 * @param rowType the result's column names and types
 * @param times how long planning took, step by step
 */
public record PlannedQuery(String sql, RelNode logical, RelNode optimized, RelDataType rowType, PlanningTimes times) {
  public PlannedQuery {
    requireNonNull(sql, "sql is null");
    requireNonNull(logical, "logical is null");
    requireNonNull(optimized, "optimized is null");
    requireNonNull(rowType, "rowType is null");
    requireNonNull(times, "times is null");
  }

  /** The result's column names, in order. */
  public List<String> fieldNames() {
    return rowType.getFieldList().stream().map(RelDataTypeField::getName).toList();
  }

  /** The optimized tree as indented text, one node a line. */
  public String explain() {
    return RelOptUtil.toString(optimized);
  }
}
