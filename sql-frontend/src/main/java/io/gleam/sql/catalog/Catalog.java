package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

/**
 * The tables and views a query can name, as a Calcite root schema with two schemas:
 *
 * <ul>
 *   <li>{@code tpch}: generated TPC-H data, one sub-schema per scale factor, made when first named
 *       ({@code tpch.tiny.lineitem}, {@code tpch.sf1.orders}, {@code tpch.sf100.part});
 *   <li>{@code main}: the user's tables ({@link GleamTable}: files or managed) and views ({@link GleamView}).
 * </ul>
 *
 * <p>Names are case-sensitive. A name of one part means {@code main.name}; a name of two parts must be in
 * {@code main} to be created or dropped. Safe for concurrent use: a query being planned sees each table either
 * before or after a change.
 */
public final class Catalog {
  /** The schema of generated TPC-H data. */
  public static final String TPCH_SCHEMA = "tpch";
  /** The schema of the user's tables and views. */
  public static final String MAIN_SCHEMA = "main";

  private final CalciteSchema root;
  private final UserSchema main;

  /** Makes a catalog with the {@code tpch} schema and an empty {@code main} schema. */
  public Catalog() {
    this.root = CalciteSchema.createRootSchema(false, false);
    this.main = new UserSchema();
    root.add(TPCH_SCHEMA, new TpchSchema());
    root.add(MAIN_SCHEMA, main);
  }

  /** The root schema, for Calcite's catalog reader. */
  public SchemaPlus rootSchema() {
    return root.plus();
  }

  /**
   * Adds a table; returns whether it did (false when {@code mode} is {@link CreateMode#IGNORE_IF_EXISTS} and the
   * name is taken). Fails with {@link ErrorCode#INVALID_FLOW} if the name is taken and {@code mode} is
   * {@link CreateMode#FAIL_IF_EXISTS}, or the name is a view's.
   */
  public boolean createTable(List<String> name, GleamTable table, CreateMode mode) {
    requireNonNull(table, "table is null");
    return create(name, table, "table", mode);
  }

  /** Adds a view, as {@link #createTable} adds a table. */
  public boolean createView(List<String> name, GleamView view, CreateMode mode) {
    requireNonNull(view, "view is null");
    return create(name, view, "view", mode);
  }

  /**
   * Removes a table; returns whether it did. A missing table fails with {@link ErrorCode#INVALID_FLOW} unless
   * {@code ifExists}; a view fails (use {@link #dropView}).
   */
  public boolean dropTable(List<String> name, boolean ifExists) {
    return drop(name, GleamTable.class, "table", ifExists);
  }

  /** Removes a view, as {@link #dropTable} removes a table. */
  public boolean dropView(List<String> name, boolean ifExists) {
    return drop(name, GleamView.class, "view", ifExists);
  }

  /**
   * The table or view at a path: one part for {@code main}, or a full path such as
   * {@code [tpch, tiny, lineitem]}.
   */
  public Optional<Table> lookup(List<String> name) {
    requireNonNull(name, "name is null");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    CalciteSchema schema = name.size() == 1 ? root.getSubSchema(MAIN_SCHEMA, true) : root;
    for (String part : name.subList(0, name.size() - 1)) {
      schema = schema == null ? null : schema.getSubSchema(part, true);
    }
    CalciteSchema.TableEntry entry = schema == null ? null : schema.getTable(name.get(name.size() - 1), true);
    return entry == null ? Optional.empty() : Optional.of(entry.getTable());
  }

  /** The table (not view) at a path, as {@link #lookup} finds it. */
  public Optional<GleamTable> lookupTable(List<String> name) {
    return lookup(name).filter(GleamTable.class::isInstance).map(GleamTable.class::cast);
  }

  /** The names of the tables and views in a schema, sorted; empty for a schema that does not exist. */
  public SortedSet<String> tableNames(List<String> schemaPath) {
    requireNonNull(schemaPath, "schemaPath is null");
    CalciteSchema schema = root;
    for (String part : schemaPath) {
      schema = schema == null ? null : schema.getSubSchema(part, true);
    }
    return schema == null ? new TreeSet<>() : new TreeSet<>(schema.getTableNames());
  }

  private boolean create(List<String> name, Table object, String kind, CreateMode mode) {
    requireNonNull(mode, "mode is null");
    String simple = userName(name);
    boolean[] created = {false};
    main.entries().compute(simple, (key, old) -> {
      if (old == null) {
        created[0] = true;
        return object;
      }
      if (mode == CreateMode.IGNORE_IF_EXISTS) {
        return old;
      }
      if (old.getClass() != object.getClass()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "cannot create %s '%s.%s': a %s has that name", kind,
            MAIN_SCHEMA, key, kindOf(old));
      }
      if (mode == CreateMode.FAIL_IF_EXISTS) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "%s '%s.%s' already exists", kind, MAIN_SCHEMA, key);
      }
      created[0] = true;
      return object;
    });
    return created[0];
  }

  private boolean drop(List<String> name, Class<? extends Table> type, String kind, boolean ifExists) {
    String simple = userName(name);
    boolean[] dropped = {false};
    main.entries().computeIfPresent(simple, (key, old) -> {
      if (!type.isInstance(old)) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "'%s.%s' is a %s, not a %s", MAIN_SCHEMA, key,
            kindOf(old), kind);
      }
      dropped[0] = true;
      return null;
    });
    if (!dropped[0] && !ifExists) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s '%s.%s' does not exist", kind, MAIN_SCHEMA, simple);
    }
    return dropped[0];
  }

  private static String kindOf(Table table) {
    return table instanceof GleamView ? "view" : "table";
  }

  /** The name within {@code main} of a name given as {@code [name]} or {@code [main, name]}. */
  private static String userName(List<String> name) {
    requireNonNull(name, "name is null");
    if (name.size() == 1) {
      return name.get(0);
    }
    if (name.size() == 2 && name.get(0).equals(MAIN_SCHEMA)) {
      return name.get(1);
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW,
        "cannot create or drop '%s': tables and views live in schema '%s'", String.join(".", name), MAIN_SCHEMA);
  }

  @Override
  public String toString() {
    return "Catalog[" + MAIN_SCHEMA + "=" + new TreeSet<>(main.entries().keySet()) + "]";
  }
}
