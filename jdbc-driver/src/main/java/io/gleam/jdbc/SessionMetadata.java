package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What the driver's {@code DatabaseMetaData} asks the engine: schemas, their tables, and a table's columns. */
interface SessionMetadata {
  /** One table or view. */
  record TableInfo(String schema, String name, String type) {
    public TableInfo {
      requireNonNull(schema, "schema is null");
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }

  /** One column of a table, with its JDBC type. */
  record ColumnInfo(String name, int sqlType, String typeName, int precision, int scale, boolean nullable) {
    public ColumnInfo {
      requireNonNull(name, "name is null");
      requireNonNull(typeName, "typeName is null");
    }
  }

  List<String> schemas();

  List<TableInfo> tables(String schema);

  List<ColumnInfo> columns(String schema, String table);
}
