package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdbc:gleam:local:DIR}: tables and views made through one connection are there for the next. */
class TestPersistentCatalog {
  @TempDir
  Path dir;

  private Connection connect() throws Exception {
    return Driver.withSessionFactory(SessionFactories.local()).connect("jdbc:gleam:local:" + dir, new Properties());
  }

  @Test
  void tablesAndViewsSurviveReconnecting() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create table regions as select r_regionkey as k, r_name as name from tpch.tiny.region");
      s.execute("insert into regions values (9, 'NOWHERE')");
      s.execute("create view far as select name from regions where k > 3");
    }
    assertTrue(Files.exists(dir.resolve("catalog.json")));
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select name from far order by name")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      assertEquals(List.of("MIDDLE EAST", "NOWHERE"), names);
      try (ResultSet tables = c.getMetaData().getTables(null, "main", "%", null)) {
        List<String> found = new ArrayList<>();
        while (tables.next()) {
          found.add(tables.getString("TABLE_NAME") + ":" + tables.getString("TABLE_TYPE"));
        }
        assertTrue(found.contains("regions:TABLE") && found.contains("far:VIEW"), found.toString());
      }
      s.execute("drop view far");
      s.execute("drop table regions");
    }
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show tables")) {
      assertFalse(rs.next());
    }
  }
}
