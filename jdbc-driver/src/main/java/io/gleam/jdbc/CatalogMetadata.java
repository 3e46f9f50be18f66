package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.GleamTypeFactory;
import io.gleam.sql.catalog.GleamView;
import io.gleam.sql.engine.SqlSession;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Answers {@link SessionMetadata} from the engine's {@link Catalog}, including nested schemas such as
 * {@code tpch.tiny}, which SQL's {@code SHOW SCHEMAS} does not list. Schema paths are joined with {@code .}.
 */
final class CatalogMetadata implements SessionMetadata {
  private final Catalog catalog;
  private final RelDataTypeFactory typeFactory = new GleamTypeFactory();

  CatalogMetadata(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** The catalog behind a session that exposes one through a public {@code catalog()} method. */
  static Optional<Catalog> catalogOf(SqlSession session) {
    try {
      Method m = session.getClass().getMethod("catalog");
      if (Catalog.class.isAssignableFrom(m.getReturnType())) {
        return Optional.ofNullable((Catalog) m.invoke(session));
      }
      return Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the catalog of " + session.getClass().getName(), e);
    }
  }

  @Override
  public List<String> schemas() {
    List<String> out = new ArrayList<>();
    addSchemas(catalog.rootSchema(), "", out);
    return out;
  }

  @SuppressWarnings("deprecation")
  private static void addSchemas(SchemaPlus schema, String prefix, List<String> out) {
    for (String name : schema.getSubSchemaNames()) {
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      out.add(path);
      SchemaPlus sub = schema.getSubSchema(name);
      if (sub != null) {
        addSchemas(sub, path, out);
      }
    }
  }

  @Override
  public List<TableInfo> tables(String schema) {
    List<String> path = Arrays.asList(schema.split("\\."));
    List<TableInfo> out = new ArrayList<>();
    for (String name : catalog.tableNames(path)) {
      List<String> full = new ArrayList<>(path);
      full.add(name);
      boolean view = catalog.lookup(full).map(GleamView.class::isInstance).orElse(false);
      out.add(new TableInfo(schema, name, view ? "VIEW" : "TABLE"));
    }
    return out;
  }

  @Override
  public List<ColumnInfo> columns(String schema, String table) {
    List<String> full = new ArrayList<>(Arrays.asList(schema.split("\\.")));
    full.add(table);
    Optional<Table> found = catalog.lookup(full);
    if (found.isEmpty()) {
      return List.of();
    }
    List<ColumnInfo> out = new ArrayList<>();
    for (RelDataTypeField f : found.get().getRowType(typeFactory).getFieldList()) {
      RelDataType type = f.getType();
      SqlTypeName name = type.getSqlTypeName();
      int precision = name.allowsPrec() && type.getPrecision() >= 0 ? type.getPrecision() : 0;
      int scale = name.allowsScale() && type.getScale() >= 0 ? type.getScale() : 0;
      String typeName = name == SqlTypeName.CHAR ? "CHAR" : name.getName();
      out.add(new ColumnInfo(f.getName(), name.getJdbcOrdinal(), typeName, precision, scale, type.isNullable()));
    }
    return out;
  }
}
