package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calcite's Enumerable engine over hand-written TPC-H CSV files, against answers worked out by hand. */
class CalciteCsvTableTest {
  @Test
  void answersQueriesOverTheCsvFiles(@TempDir Path dir) throws Exception {
    for (String table : TpchCsvFiles.TABLES) {
      StringBuilder header = new StringBuilder();
      TpchCsvFiles.schema(table).getFields().forEach(f -> header.append(header.length() == 0 ? "" : ",")
          .append(f.getName()));
      Files.createDirectories(dir.resolve(table));
      Files.writeString(dir.resolve(table).resolve("part-00000.csv"), header + "\n");
    }
    // Two part files, the first with a header only: the scan goes on to the next file.
    Files.writeString(dir.resolve("nation/part-00001.csv"), "n_nationkey,n_name,n_regionkey,n_comment\n"
        + "0,ALGERIA,0,\"furiously, regular\"\n1,ARGENTINA,1,plain\n2,BRAZIL,1,\"say \"\"so\"\"\"\n");
    Files.writeString(dir.resolve("region/part-00000.csv"), "r_regionkey,r_name,r_comment\n0,AFRICA,x\n");
    Files.writeString(dir.resolve("region/part-00001.csv"), "r_regionkey,r_name,r_comment\n1,AMERICA,y\n");
    try (Connection c = CalciteQueryRunner.connect(dir)) {
      List<List<Object>> rows = CalciteQueryRunner.run(c, "select r_name, count(*) as n, "
          + "max(n_comment) as m from nation, region where n_regionkey = r_regionkey group by r_name order by r_name");
      assertEquals(List.of(List.of("AFRICA", 1L, "furiously, regular"), List.of("AMERICA", 2L, "say \"so\"")), rows);
      assertEquals(List.of(List.of(0L)), CalciteQueryRunner.run(c, "select count(*) from lineitem"));
    }
  }

  @Test
  void encodesValuesForTheParentProcess() {
    assertEquals(new BigDecimal("12.50"), CalciteQueryRunner.decode(CalciteQueryRunner.encode(
        new BigDecimal("12.50"))));
    assertEquals("a b", CalciteQueryRunner.decode(CalciteQueryRunner.encode("a\tb")));
    assertEquals(null, CalciteQueryRunner.decode(CalciteQueryRunner.encode(null)));
    assertEquals("1995-03-15", CalciteQueryRunner.decode(CalciteQueryRunner.encode(java.sql.Date.valueOf(
        "1995-03-15"))));
  }
}
