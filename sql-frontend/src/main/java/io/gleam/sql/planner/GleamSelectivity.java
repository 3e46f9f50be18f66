package io.gleam.sql.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Calcite's selectivity guesses, except for LIKE over a table: Calcite guesses 25% for any predicate it has no
 * rule for, so {@code p_name LIKE 'forest%'} (1% of TPC-H's parts) looks as unselective as a range and join
 * ordering puts the part table last (TPC-H Q20 then joins 800,000 partsupp rows to 900,000 lineitem groups before
 * the 2,000 forest parts cut them down). A pattern is guessed from its shape, as Trino and Spark do for strings they
 * have no statistics on: one that starts with literal text (a prefix match) selects 2%, one that only contains
 * literal text ({@code '%green%'}) 5%, one of wildcards only ({@code '%'}) all rows; NOT LIKE the rest. Every other
 * predicate keeps Calcite's guess.
 */
final class GleamSelectivity extends RelMdSelectivity {
  static final double PREFIX_MATCH = 0.02;
  static final double CONTAINS_MATCH = 0.05;

  /** Gleam's selectivity, then Calcite's default metadata for everything else. */
  static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new GleamSelectivity(),
          BuiltInMetadata.Selectivity.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  @Override
  public Double getSelectivity(TableScan scan, RelMetadataQuery mq, RexNode predicate) {
    if (predicate == null) {
      return super.getSelectivity(scan, mq, null);
    }
    List<RexNode> conjuncts = RelOptUtil.conjunctions(predicate);
    double selectivity = 1.0;
    boolean anyLike = false;
    for (RexNode conjunct : conjuncts) {
      Double like = likeSelectivity(conjunct);
      if (like != null) {
        anyLike = true;
        selectivity *= like;
      } else {
        selectivity *= RelMdUtil.guessSelectivity(conjunct);
      }
    }
    return anyLike ? selectivity : super.getSelectivity(scan, mq, predicate);
  }

  /** The guess for {@code x [NOT] LIKE 'literal pattern'}, or null for any other predicate. */
  static Double likeSelectivity(RexNode node) {
    boolean negated = false;
    if (node.getKind() == SqlKind.NOT) {
      node = ((RexCall) node).getOperands().get(0);
      negated = true;
    }
    if (node.getKind() != SqlKind.LIKE || !(node instanceof RexCall call) || call.getOperands().size() != 2
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    String pattern = literal.getValueAs(String.class);
    if (pattern == null) {
      return null;
    }
    double match = patternSelectivity(pattern);
    // Calcite may keep a negated LIKE as its own operator instance with negated = true
    boolean notLike = negated ^ call.getOperator().getName().toUpperCase(java.util.Locale.ROOT).startsWith("NOT");
    return notLike ? 1.0 - match : match;
  }

  static double patternSelectivity(String pattern) {
    if (pattern.isEmpty()) {
      return PREFIX_MATCH;
    }
    boolean literalText = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' && c != '_') {
        literalText = true;
        break;
      }
    }
    if (!literalText) {
      return 1.0;
    }
    char first = pattern.charAt(0);
    return first != '%' && first != '_' ? PREFIX_MATCH : CONTAINS_MATCH;
  }
}
