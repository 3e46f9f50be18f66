package io.gleam.sql.catalog;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

/**
 * Calcite's type factory with {@link GleamTypeSystem} and UTF-8 as the character set of text (Calcite's default,
 * ISO-8859-1, cannot hold a literal such as {@code 'héllo ✓'}); Arrow strings are UTF-8 too.
 */
public final class GleamTypeFactory extends JavaTypeFactoryImpl {
  public GleamTypeFactory() {
    super(GleamTypeSystem.INSTANCE);
  }

  @Override
  public Charset getDefaultCharset() {
    return StandardCharsets.UTF_8;
  }
}
