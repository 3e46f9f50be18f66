package io.gleam.sql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Calcite's column pruning, plus a project right above every join whose consumer reads fewer columns than the join
 * produces. Calcite keeps a join's key columns in its output even when nothing above reads them, so a chain of
 * joins carries every key (and every column of a dimension joined through) to the top: TPC-H Q5's lineitem rows
 * left their join with supplier, nation and region holding 11 columns, two of them strings, of which 5 were read.
 * The runner fuses such a project into the join, which then never gathers the dropped columns. Public only because
 * Calcite finds the trimming methods by reflection.
 */
public final class JoinOutputTrimmer extends RelFieldTrimmer {
  private final RelBuilder relBuilder;

  JoinOutputTrimmer(RelBuilder relBuilder) {
    super(null, relBuilder);
    this.relBuilder = relBuilder;
  }

  @Override
  public TrimResult trimFields(Join join, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    TrimResult trimmed = super.trimFields(join, fieldsUsed, extraFields);
    RelNode newJoin = trimmed.left;
    Mapping mapping = trimmed.right;
    RelDataType rowType = newJoin.getRowType();
    if (fieldsUsed.isEmpty() || !extraFields.isEmpty() || fieldsUsed.cardinality() >= rowType.getFieldCount()) {
      return trimmed;
    }
    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Mapping narrowed = Mappings.create(MappingType.INVERSE_SURJECTION, join.getRowType().getFieldCount(),
        fieldsUsed.cardinality());
    int k = 0;
    for (int field : fieldsUsed) {
      int at = mapping.getTarget(field);
      exprs.add(RexInputRef.of(at, rowType));
      names.add(rowType.getFieldNames().get(at));
      narrowed.set(field, k++);
    }
    RelNode project = relBuilder.push(newJoin).project(exprs, names, true).build();
    return result(project, narrowed);
  }
}
