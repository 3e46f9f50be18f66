package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NOT IN (SELECT k ...)} over a table that declares no unique key (a CSV file): Calcite's rewrite groups the
 * sub-query by {@code k} with a {@code LITERAL_AGG(true)} marker, which the lowering turns into a constant. This
 * is TPC-H Q16's shape over CSV files. Answers checked by hand.
 */
class NotInWithoutUniqueKeyTest {
  @Test
  void notInOverAFileTable(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("s.csv"), "1,plain\n2,Customer Complaints\n3,plain\n3,plain again\n");
    Files.writeString(dir.resolve("ps.csv"), "10,1\n10,2\n11,2\n12,3\n13,4\n13,4\n");
    try (LocalSqlSession session = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), 2)) {
      session.execute("CREATE TABLE s (k BIGINT NOT NULL, c VARCHAR NOT NULL) WITH (format = 'csv', path = '"
          + dir.resolve("s.csv") + "')");
      session.execute("CREATE TABLE ps (p BIGINT NOT NULL, k BIGINT NOT NULL) WITH (format = 'csv', path = '"
          + dir.resolve("ps.csv") + "')");
      List<Row> rows = session.execute("SELECT p, count(DISTINCT k) AS n FROM ps WHERE k NOT IN "
          + "(SELECT k FROM s WHERE c LIKE '%Customer%Complaints%') GROUP BY p ORDER BY p").rows();
      assertEquals(List.of(List.of(10L, 1L), List.of(12L, 1L), List.of(13L, 1L)),
          rows.stream().map(Row::asList).toList());
      List<Row> none = session.execute("SELECT p FROM ps WHERE k NOT IN (SELECT k FROM s) ORDER BY p").rows();
      assertEquals(List.of(List.of(13L), List.of(13L)), none.stream().map(Row::asList).toList());
    }
  }
}
