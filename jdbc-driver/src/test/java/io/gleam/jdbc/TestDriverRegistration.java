package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestDriverRegistration {
  @Test
  void driverManagerFindsTheDriverAndTheRegisteredSessionFactory() throws Exception {
    DefaultFakeSessionFactory.OPENED.clear();
    try (Connection c = DriverManager.getConnection("jdbc:gleam:local");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("VALUES 1")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
    assertEquals(java.util.List.of(Optional.empty()), DefaultFakeSessionFactory.OPENED);
  }

  @Test
  void urls() throws Exception {
    assertEquals(Optional.empty(), GleamUrl.parse("jdbc:gleam:local").catalogDir());
    assertEquals(Optional.of(Path.of("/data/cat")), GleamUrl.parse("jdbc:gleam:local:/data/cat").catalogDir());
    assertEquals(Optional.of(Path.of(System.getProperty("user.home"), ".gleam")),
        GleamUrl.parse("jdbc:gleam:local:~/.gleam").catalogDir());
    assertEquals("jdbc:gleam:local:/x", GleamUrl.of(Optional.of(Path.of("/x"))));
    Driver d = new Driver();
    assertTrue(d.acceptsURL("jdbc:gleam:local"));
    assertFalse(d.acceptsURL("jdbc:gleam://host:8765"));
    assertFalse(d.acceptsURL("jdbc:gleam:localhost"));
    assertEquals(null, d.connect("jdbc:h2:mem", new java.util.Properties()));
    assertThrows(IllegalArgumentException.class, () -> GleamUrl.parse("jdbc:other"));
  }

  @Test
  void typeTextParsing() {
    SessionMetadata.ColumnInfo c = SqlSessionMetadata.parseColumn("p", "decimal(12,2) NOT NULL", null);
    assertEquals(java.sql.Types.DECIMAL, c.sqlType());
    assertEquals(12, c.precision());
    assertEquals(2, c.scale());
    assertFalse(c.nullable());
    assertEquals(java.sql.Types.TIMESTAMP, SqlSessionMetadata.parseColumn("t", "TIMESTAMP(3)", true).sqlType());
    SessionMetadata.ColumnInfo v = SqlSessionMetadata.parseColumn("v", "VARCHAR(20) CHARACTER SET \"UTF-8\"", false);
    assertEquals(java.sql.Types.VARCHAR, v.sqlType());
    assertEquals(20, v.precision());
    assertFalse(v.nullable());
  }
}
