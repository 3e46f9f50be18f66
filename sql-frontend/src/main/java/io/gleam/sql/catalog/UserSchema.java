package io.gleam.sql.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** A schema of the user's tables and views ({@link GleamTable}s and {@link GleamView}s), safe to change while read. */
final class UserSchema extends AbstractSchema {
  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /** The live map of tables by name; the catalog changes it. */
  Map<String, Table> entries() {
    return tables;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return Collections.unmodifiableMap(tables);
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
