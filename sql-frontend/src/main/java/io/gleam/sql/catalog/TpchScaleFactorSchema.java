package io.gleam.sql.catalog;

import io.gleam.connectors.tpch.TpchTables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The eight TPC-H tables at one scale factor, e.g. {@code tpch.tiny} or {@code tpch.sf1}. */
final class TpchScaleFactorSchema extends AbstractSchema {
  private final double scaleFactor;
  private final Map<String, Table> tables;

  TpchScaleFactorSchema(double scaleFactor) {
    this.scaleFactor = scaleFactor;
    Map<String, Table> byName = new LinkedHashMap<>();
    for (String name : TpchTables.names()) {
      byName.put(name, GleamTable.tpch(name, scaleFactor));
    }
    this.tables = Collections.unmodifiableMap(byName);
  }

  double scaleFactor() {
    return scaleFactor;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
