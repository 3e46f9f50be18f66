package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.connectors.FileSplits;
import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A table Gleam can scan: its Arrow schema, where its rows come from ({@link TableSource}), the column sets known to
 * be unique, and an estimate of its row count for the optimizer.
 *
 * <p>In a plan it is a {@link LogicalTableScan}; the lowering finds it with
 * {@code scan.getTable().unwrap(GleamTable.class)} and reads {@link #source()} and {@link #schema()}.
 *
 * <p>Row count estimates: a TPC-H table's count at its scale factor; a managed table's own estimate; for files, their
 * total size divided by {@value #ESTIMATED_BYTES_PER_ROW} bytes a row, computed the first time a plan asks for it
 * (a missing file fails then with {@link ErrorCode#INPUT_NOT_FOUND}).
 */
public final class GleamTable extends AbstractTable implements TranslatableTable {
  /** The assumed size of a row of a file table, for its row count estimate. */
  public static final long ESTIMATED_BYTES_PER_ROW = 100;

  private final Schema schema;
  private final TableSource source;
  private final List<ImmutableBitSet> uniqueKeys;
  private volatile Statistic statistic;

  /**
   * Makes a table; {@code uniqueKeys} lists column sets (by name) whose values are unique, each column a field of
   * {@code schema}.
   */
  public GleamTable(Schema schema, TableSource source, List<List<String>> uniqueKeys) {
    this.schema = requireNonNull(schema, "schema is null");
    this.source = requireNonNull(source, "source is null");
    this.uniqueKeys = keys(schema, requireNonNull(uniqueKeys, "uniqueKeys is null"));
    if (schema.getFields().isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a table needs at least one column");
    }
  }

  /** The TPC-H table {@code table} at {@code scaleFactor}, with its primary key as a unique key. */
  public static GleamTable tpch(String table, double scaleFactor) {
    TpchTableSource source = new TpchTableSource(table, scaleFactor);
    return new GleamTable(TpchTables.schema(source.table()), source, List.of(tpchPrimaryKey(source.table())));
  }

  /** A table over files. */
  public static GleamTable file(Schema schema, FileTableSource source) {
    return new GleamTable(schema, source, List.of());
  }

  /** A table Gleam keeps itself, of about {@code estimatedRows} rows. */
  public static GleamTable managed(Schema schema, long estimatedRows) {
    return new GleamTable(schema, new ManagedTableSource(estimatedRows), List.of());
  }

  /** A table Gleam keeps itself, of {@code rows} rows, whose batches are registered as {@code tableId}. */
  public static GleamTable managed(Schema schema, long rows, String tableId) {
    return new GleamTable(schema, new ManagedTableSource(rows, tableId), List.of());
  }

  /** The columns, as the sources produce them. */
  public Schema schema() {
    return schema;
  }

  public TableSource source() {
    return source;
  }

  /** The column sets whose values are unique, as column ordinals. */
  public List<ImmutableBitSet> uniqueKeys() {
    return uniqueKeys;
  }

  /** Returns a copy with another source (a managed table with a new row estimate, say). */
  public GleamTable withSource(TableSource newSource) {
    List<List<String>> keyNames = new ArrayList<>();
    for (ImmutableBitSet key : uniqueKeys) {
      keyNames.add(key.asList().stream().map(i -> schema.getFields().get(i).getName()).toList());
    }
    return new GleamTable(schema, newSource, keyNames);
  }

  /** The number of rows the optimizer assumes. */
  public double estimatedRowCount() {
    return getStatistic().getRowCount();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return TypeMapping.toRowType(typeFactory, schema);
  }

  @Override
  public Statistic getStatistic() {
    Statistic s = statistic;
    if (s == null) {
      s = Statistics.of(rowCount(source), uniqueKeys);
      statistic = s;
    }
    return s;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  @Override
  public String toString() {
    return "GleamTable[" + source.describe() + "]";
  }

  private static double rowCount(TableSource source) {
    if (source instanceof TpchTableSource tpch) {
      return tpch.rowCount();
    } else if (source instanceof ManagedTableSource managed) {
      return managed.estimatedRows();
    } else if (source instanceof FileTableSource files) {
      long bytes = 0;
      for (Path file : FileSplits.expand(files.paths())) {
        bytes += size(file);
      }
      return Math.max(1, bytes / ESTIMATED_BYTES_PER_ROW);
    }
    throw new AssertionError(source);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "cannot read the size of " + file + ": " + e, e);
    }
  }

  private static List<String> tpchPrimaryKey(String table) {
    switch (table) {
      case "nation":
        return List.of("n_nationkey");
      case "region":
        return List.of("r_regionkey");
      case "part":
        return List.of("p_partkey");
      case "supplier":
        return List.of("s_suppkey");
      case "partsupp":
        return List.of("ps_partkey", "ps_suppkey");
      case "customer":
        return List.of("c_custkey");
      case "orders":
        return List.of("o_orderkey");
      case "lineitem":
        return List.of("l_orderkey", "l_linenumber");
      default:
        throw new IllegalArgumentException("unknown TPC-H table: " + table);
    }
  }

  private static List<ImmutableBitSet> keys(Schema schema, List<List<String>> keys) {
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    List<ImmutableBitSet> result = new ArrayList<>();
    for (List<String> key : keys) {
      ImmutableBitSet.Builder columns = ImmutableBitSet.builder();
      for (String column : key) {
        int index = names.indexOf(column);
        if (index < 0) {
          throw GleamException.user(ErrorCode.INVALID_FLOW, "unique key column '%s' is not a column of (%s)",
              column, String.join(", ", names));
        }
        columns.set(index);
      }
      result.add(columns.build());
    }
    return List.copyOf(result);
  }
}
