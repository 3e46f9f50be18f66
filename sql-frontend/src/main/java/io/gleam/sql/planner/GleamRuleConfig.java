package io.gleam.sql.planner;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of any of Gleam's planner rules (Calcite's {@code RelRule.Config}, which Calcite's own rules
 * generate with Immutables): the operands the rule matches, its description, its builder factory, and the rule's
 * constructor, which {@link #toRule} calls.
 */
public record GleamRuleConfig(RelBuilderFactory relBuilderFactory, String description,
    RelRule.OperandTransform operandSupplier, Function<GleamRuleConfig, RelOptRule> maker) implements RelRule.Config {

  /** A configuration with Calcite's logical builder. */
  static GleamRuleConfig of(String description, RelRule.OperandTransform operands,
      Function<GleamRuleConfig, RelOptRule> maker) {
    return new GleamRuleConfig(RelFactories.LOGICAL_BUILDER, description, operands, maker);
  }

  @Override
  public RelOptRule toRule() {
    return maker.apply(this);
  }

  @Override
  public GleamRuleConfig withRelBuilderFactory(RelBuilderFactory factory) {
    return new GleamRuleConfig(factory, description, operandSupplier, maker);
  }

  @Override
  public GleamRuleConfig withDescription(String newDescription) {
    return new GleamRuleConfig(relBuilderFactory, newDescription, operandSupplier, maker);
  }

  @Override
  public GleamRuleConfig withOperandSupplier(RelRule.OperandTransform transform) {
    return new GleamRuleConfig(relBuilderFactory, description, transform, maker);
  }
}
