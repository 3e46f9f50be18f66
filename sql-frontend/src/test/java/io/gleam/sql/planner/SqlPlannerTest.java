package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.CreateMode;
import io.gleam.sql.catalog.FileTableSource;
import io.gleam.sql.catalog.GleamTable;
import io.gleam.sql.catalog.GleamView;
import io.gleam.sql.parser.GleamSqlParser;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqlPlanner} beyond TPC-H: the main schema, files, views, text and scale factors. */
class SqlPlannerTest {
  private final Catalog catalog = new Catalog();
  private final SqlPlanner planner = new SqlPlanner(catalog);

  @TempDir
  Path dir;

  private GleamTable csvTable(String name, long bytes) throws Exception {
    Path file = dir.resolve(name + ".csv");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(bytes);
    }
    GleamTable table = GleamTable.file(Schemas.parse("id bigint not null, name string, amount decimal(10,2)"),
        FileTableSource.fromOptions(Map.of("format", "csv", "path", file.toString(), "header", true)));
    catalog.createTable(List.of(name), table, CreateMode.FAIL_IF_EXISTS);
    return table;
  }

  @Test
  void scansAFileTableInTheMainSchema() throws Exception {
    GleamTable table = csvTable("sales", 12_345);
    PlannedQuery query = planner.plan("select name, sum(amount) as total from sales where id > 10 group by name");
    TableScan scan = (TableScan) PlanShapes.nodes(query.optimized()).stream()
        .filter(TableScan.class::isInstance).findFirst().orElseThrow();
    assertEquals(List.of("main", "sales"), scan.getTable().getQualifiedName());
    assertEquals(table, scan.getTable().unwrap(GleamTable.class));
    assertEquals(123, RelMetadataQuery.instance().getRowCount(scan));
    assertEquals("""
        LogicalAggregate(group=[{1}], total=[SUM($2)])
          LogicalFilter(condition=[>($0, 10)])
            LogicalTableScan(table=[[main, sales]])
        """, query.explain());
    assertEquals("DECIMAL(38, 2)", query.rowType().getFieldList().get(1).getType().toString());
  }

  @Test
  void joinsUserTablesWithTpchTablesOfOtherScaleFactors() throws Exception {
    csvTable("big", 100L * 10_000_000);
    PlannedQuery query = planner.plan("select n_name, count(*) from big b, tpch.tiny.nation n, tpch.sf1.orders o "
        + "where b.id = o.o_orderkey and o.o_custkey = n.n_nationkey group by n_name");
    assertTrue(PlanShapes.joins(query.optimized()).stream().allMatch(PlanShapes::isEquiJoin), query.explain());
  }

  @Test
  void readsAScaleFactorWithADotWhenQuoted() {
    PlannedQuery query = planner.plan("select count(*) from tpch.`sf0.1`.customer");
    TableScan scan = (TableScan) query.optimized().getInput(0);
    assertEquals(15_000, RelMetadataQuery.instance().getRowCount(scan));
  }

  @Test
  void expandsViewsWithTheirColumnNames() {
    SqlPlanner tpch = planner.withDefaultSchema(List.of("tpch", "tiny"));
    GleamView view = tpch.view("select n_name, r_name from nation join region on n_regionkey = r_regionkey",
        List.of("nation", "region"));
    catalog.createView(List.of("nations"), view, CreateMode.FAIL_IF_EXISTS);
    GleamView asia = planner.view("select nation from nations where region = 'ASIA'", List.of());
    catalog.createView(List.of("asia"), asia, CreateMode.FAIL_IF_EXISTS);

    PlannedQuery query = planner.plan("select count(*) as n from asia where nation like 'C%'");
    assertEquals(List.of("n"), query.fieldNames());
    assertEquals("""
        LogicalAggregate(group=[{}], n=[COUNT()])
          LogicalJoin(condition=[=($1, $2)], joinType=[inner])
            LogicalProject(n_name=[$1], n_regionkey=[$2])
              LogicalFilter(condition=[LIKE($1, _UTF-8'C%')])
                LogicalTableScan(table=[[tpch, tiny, nation]])
            LogicalProject(r_regionkey=[$0], r_name=[$1])
              LogicalFilter(condition=[=($1, _UTF-8'ASIA')])
                LogicalTableScan(table=[[tpch, tiny, region]])
        """, query.explain());
  }

  @Test
  void viewThatReadsItselfFails() {
    catalog.createView(List.of("v"), planner.view("select 1 as x", List.of()), CreateMode.FAIL_IF_EXISTS);
    catalog.createView(List.of("w"), planner.view("select x from v", List.of()), CreateMode.FAIL_IF_EXISTS);
    catalog.createView(List.of("v"), planner.view("select x from w", List.of()), CreateMode.REPLACE);
    GleamException e = assertThrows(GleamException.class, () -> planner.plan("select * from v"));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertTrue(e.getMessage().matches("view 'main\\.[vw]' reads itself"), e.getMessage());
  }

  @Test
  void viewWhoseTableWasDroppedNamesTheView() throws Exception {
    csvTable("t", 100);
    catalog.createView(List.of("v"), planner.view("select id from t", List.of()), CreateMode.FAIL_IF_EXISTS);
    catalog.dropTable(List.of("t"), false);
    GleamException e = assertThrows(GleamException.class, () -> planner.plan("select * from v"));
    assertEquals("view 'main.v': SQL error at line 1, column 16: Object 't' not found", e.getMessage());
  }

  @Test
  void viewColumnListMustMatchTheQuery() {
    GleamException e = assertThrows(GleamException.class,
        () -> planner.view("select 1 as a, 2 as b", List.of("x")));
    assertEquals("the view names 1 columns but its query has 2", e.getMessage());
    e = assertThrows(GleamException.class, () -> planner.view("select 1 as a, 2 as a", List.of()));
    assertEquals("the view has two columns named 'a': give its columns distinct names", e.getMessage());
  }

  @Test
  void textIsUtf8() {
    PlannedQuery query = planner.plan("select 'héllo ✓' as s from tpch.tiny.region where r_name <> 'Ünïcode'");
    assertTrue(query.explain().contains("héllo ✓"), query.explain());
  }

  @Test
  void plansAParsedQuery() {
    PlannedQuery query = planner.plan(GleamSqlParser.parse("select r_name from tpch.tiny.region order by 1"));
    assertEquals("SELECT `r_name`\nFROM `tpch`.`tiny`.`region`\nORDER BY 1", query.sql());
    assertEquals(Duration.ZERO, query.times().parse());
    RelNode optimized = query.optimized();
    assertInstanceOf(LogicalSort.class, optimized);
  }

  @Test
  void unknownTableInMainSchema() {
    GleamException e = assertThrows(GleamException.class, () -> planner.plan("select * from nation"));
    assertEquals("SQL error at line 1, column 15: Object 'nation' not found", e.getMessage());
  }
}
