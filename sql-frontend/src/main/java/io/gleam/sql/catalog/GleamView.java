package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view: the text of its query, the schema its names were resolved in, and its row type as of its creation.
 *
 * <p>A query that reads the view plans the view's query in its place (through the planner's view expander), with
 * the columns renamed and cast to the view's row type.
 */
public final class GleamView extends AbstractTable implements TranslatableTable {
  private final String sql;
  private final List<String> schemaPath;
  private final RelProtoDataType rowType;

  /**
   * Makes a view of {@code sql}, whose unqualified names resolve in {@code schemaPath}, with the columns of
   * {@code rowType} (the validated query's row type, renamed as the view's column list says).
   */
  public GleamView(String sql, List<String> schemaPath, RelDataType rowType) {
    this.sql = requireNonNull(sql, "sql is null");
    this.schemaPath = List.copyOf(requireNonNull(schemaPath, "schemaPath is null"));
    this.rowType = RelDataTypeImpl.proto(requireNonNull(rowType, "rowType is null"));
  }

  /** The view's query as written. */
  public String sql() {
    return sql;
  }

  /** The schema unqualified names in {@link #sql()} resolve in. */
  public List<String> schemaPath() {
    return schemaPath;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelDataType viewRowType = relOptTable.getRowType();
    RelRoot root = context.expandView(viewRowType, sql, schemaPath, relOptTable.getQualifiedName());
    return RelOptUtil.createCastRel(root.project(), viewRowType, true);
  }

  @Override
  public String toString() {
    return "GleamView[" + sql + "]";
  }
}
