package io.gleam.jdbc;

import io.gleam.sql.parser.GleamSqlParser;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.UnregisteredDriver;

/** A connection of the embedded driver: Avatica's connection over a {@link GleamMeta}. */
final class GleamConnection extends AvaticaConnection {
  GleamConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
    // DatabaseMetaData reports identifier rules from these, so tools quote and case names as the engine does.
    properties.put(InternalProperty.CASE_SENSITIVE, GleamSqlParser.CONFIG.caseSensitive());
    properties.put(InternalProperty.UNQUOTED_CASING, GleamSqlParser.CONFIG.unquotedCasing());
    properties.put(InternalProperty.QUOTED_CASING, GleamSqlParser.CONFIG.quotedCasing());
    properties.put(InternalProperty.QUOTING, GleamSqlParser.CONFIG.quoting());
  }

  /** The connection properties; readable while the superclass constructor asks the driver for a meta. */
  Properties connectionInfo() {
    return info;
  }

  GleamMeta gleamMeta() {
    return (GleamMeta) meta;
  }
}
