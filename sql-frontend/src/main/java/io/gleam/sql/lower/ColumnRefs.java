package io.gleam.sql.lower;

import io.gleam.planner.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** References to the columns of a dataset's schema, and their names, as the lowering builds expressions. */
final class ColumnRefs {
  private ColumnRefs() {}

  static Expr ref(Schema schema, int column) {
    return new Expr.ColumnRef(column, schema.getFields().get(column).getType());
  }

  static List<Expr> identity(Schema schema) {
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < schema.getFields().size(); i++) {
      exprs.add(ref(schema, i));
    }
    return exprs;
  }

  static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Field::getName).toList();
  }

  static List<String> columnNames(Schema schema, List<Integer> columns) {
    return columns.stream().map(c -> schema.getFields().get(c).getName()).toList();
  }
}
