package io.gleam.sql.catalog;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.GleamException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.CompatibilityLookup;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * The {@code tpch} schema: one sub-schema per scale factor, made the first time a query names it. {@code tiny} is
 * SF 0.01 and {@code sfN} is SF N ({@code sf1}, {@code sf0.1}, {@code sf100}); any other name is not a schema.
 */
final class TpchSchema extends AbstractSchema {
  /** The scale factors listed before any query names one. */
  private static final List<String> LISTED = List.of("tiny", "sf1", "sf10", "sf100", "sf1000");

  private final Map<String, TpchScaleFactorSchema> scaleFactors = new ConcurrentHashMap<>();
  private final Lookup<TpchScaleFactorSchema> lookup =
      new CompatibilityLookup<>(name -> scaleFactorSchema(name).orElse(null), this::names);

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return lookup;
  }

  @Override
  protected Map<String, Schema> getSubSchemaMap() {
    for (String name : LISTED) {
      scaleFactorSchema(name);
    }
    return Collections.unmodifiableMap(scaleFactors);
  }

  /** The schema of scale factor {@code name}, made on first use; empty if the name is not a scale factor. */
  Optional<TpchScaleFactorSchema> scaleFactorSchema(String name) {
    TpchScaleFactorSchema schema = scaleFactors.get(name);
    if (schema != null) {
      return Optional.of(schema);
    }
    double scaleFactor;
    try {
      scaleFactor = TpchTables.scaleFactor(name);
    } catch (GleamException notAScaleFactor) {
      return Optional.empty(); // a name such as tpch.foo: no such schema, which the validator reports by name
    }
    return Optional.of(scaleFactors.computeIfAbsent(name, n -> new TpchScaleFactorSchema(scaleFactor)));
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>(LISTED);
    names.addAll(scaleFactors.keySet());
    return names;
  }
}
