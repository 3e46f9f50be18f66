package io.gleam.connectors.tpch;

import static io.gleam.connectors.tpch.TpchField.character;
import static io.gleam.connectors.tpch.TpchField.date;
import static io.gleam.connectors.tpch.TpchField.decimal;
import static io.gleam.connectors.tpch.TpchField.identifier;
import static io.gleam.connectors.tpch.TpchField.integer;
import static io.gleam.connectors.tpch.TpchField.varchar;
import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Nation;
import io.trino.tpch.Order;
import io.trino.tpch.Part;
import io.trino.tpch.PartSupplier;
import io.trino.tpch.Region;
import io.trino.tpch.Supplier;
import io.trino.tpch.TpchTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The eight TPC-H tables: names, Arrow schemas, row counts, and the schema names that stand for scale factors.
 *
 * <p>Columns have the standard lower-case names ({@code l_orderkey}, ...) in the standard order, none nullable.
 * Types: keys ({@code *_key}) BIGINT; the TPC-H integers {@code p_size}, {@code ps_availqty}, {@code o_shippriority}
 * and {@code l_linenumber} INT; money, {@code l_quantity}, {@code l_discount} and {@code l_tax} DECIMAL(15,2);
 * dates DATE (days); text VARCHAR (Arrow Utf8, ASCII content). Table names are matched ignoring case.
 */
public final class TpchTables {
  private static final Pattern SCALE_FACTOR_SCHEMA = Pattern.compile("sf(\\d+(?:\\.\\d+)?|\\.\\d+)");

  private static final Map<String, TableLayout<?>> LAYOUTS = layouts(
      TableLayout.fixed(TpchTable.NATION, 25, List.of(
          identifier("n_nationkey", Nation::getNationKey),
          varchar("n_name", 25, Nation::getName),
          identifier("n_regionkey", Nation::getRegionKey),
          varchar("n_comment", 152, Nation::getComment))),
      TableLayout.fixed(TpchTable.REGION, 5, List.of(
          identifier("r_regionkey", Region::getRegionKey),
          varchar("r_name", 25, Region::getName),
          varchar("r_comment", 152, Region::getComment))),
      TableLayout.scaled(TpchTable.PART, 200_000, 1, List.of(
          identifier("p_partkey", Part::getPartKey),
          varchar("p_name", 55, Part::getName),
          varchar("p_mfgr", 25, Part::getManufacturer),
          varchar("p_brand", 10, Part::getBrand),
          varchar("p_type", 25, Part::getType),
          integer("p_size", Part::getSize),
          varchar("p_container", 10, Part::getContainer),
          decimal("p_retailprice", Part::getRetailPriceInCents),
          varchar("p_comment", 23, Part::getComment))),
      TableLayout.scaled(TpchTable.SUPPLIER, 10_000, 1, List.of(
          identifier("s_suppkey", Supplier::getSupplierKey),
          varchar("s_name", 25, Supplier::getName),
          varchar("s_address", 40, Supplier::getAddress),
          identifier("s_nationkey", Supplier::getNationKey),
          varchar("s_phone", 15, Supplier::getPhone),
          decimal("s_acctbal", Supplier::getAccountBalanceInCents),
          varchar("s_comment", 101, Supplier::getComment))),
      TableLayout.scaled(TpchTable.PART_SUPPLIER, 200_000, 4, List.of(
          identifier("ps_partkey", PartSupplier::getPartKey),
          identifier("ps_suppkey", PartSupplier::getSupplierKey),
          integer("ps_availqty", PartSupplier::getAvailableQuantity),
          decimal("ps_supplycost", PartSupplier::getSupplyCostInCents),
          varchar("ps_comment", 199, PartSupplier::getComment))),
      TableLayout.scaled(TpchTable.CUSTOMER, 150_000, 1, List.of(
          identifier("c_custkey", Customer::getCustomerKey),
          varchar("c_name", 25, Customer::getName),
          varchar("c_address", 40, Customer::getAddress),
          identifier("c_nationkey", Customer::getNationKey),
          varchar("c_phone", 15, Customer::getPhone),
          decimal("c_acctbal", Customer::getAccountBalanceInCents),
          varchar("c_mktsegment", 10, Customer::getMarketSegment),
          varchar("c_comment", 117, Customer::getComment))),
      TableLayout.scaled(TpchTable.ORDERS, 1_500_000, 1, List.of(
          identifier("o_orderkey", Order::getOrderKey),
          identifier("o_custkey", Order::getCustomerKey),
          character("o_orderstatus", Order::getOrderStatus),
          decimal("o_totalprice", Order::getTotalPriceInCents),
          date("o_orderdate", Order::getOrderDate),
          varchar("o_orderpriority", 15, Order::getOrderPriority),
          varchar("o_clerk", 15, Order::getClerk),
          integer("o_shippriority", Order::getShipPriority),
          varchar("o_comment", 79, Order::getComment))),
      TableLayout.scaled(TpchTable.LINE_ITEM, 1_500_000, 4, List.of(
          identifier("l_orderkey", LineItem::getOrderKey),
          identifier("l_partkey", LineItem::getPartKey),
          identifier("l_suppkey", LineItem::getSupplierKey),
          integer("l_linenumber", LineItem::getLineNumber),
          decimal("l_quantity", row -> row.getQuantity() * 100),
          decimal("l_extendedprice", LineItem::getExtendedPriceInCents),
          decimal("l_discount", LineItem::getDiscountPercent),
          decimal("l_tax", LineItem::getTaxPercent),
          varchar("l_returnflag", 1, LineItem::getReturnFlag),
          varchar("l_linestatus", 1, LineItem::getStatus),
          date("l_shipdate", LineItem::getShipDate),
          date("l_commitdate", LineItem::getCommitDate),
          date("l_receiptdate", LineItem::getReceiptDate),
          varchar("l_shipinstruct", 25, LineItem::getShipInstructions),
          varchar("l_shipmode", 10, LineItem::getShipMode),
          varchar("l_comment", 44, LineItem::getComment))));

  private TpchTables() {}

  /** The table names in lower case: nation, region, part, supplier, partsupp, customer, orders, lineitem. */
  public static Set<String> names() {
    return LAYOUTS.keySet();
  }

  /** The Arrow schema of {@code table}; an unknown table fails with {@link ErrorCode#INVALID_FLOW}. */
  public static Schema schema(String table) {
    return layout(table).schema();
  }

  /**
   * The rows of {@code table} at {@code scaleFactor}: exact for every table but lineitem, where it is 4 per order
   * (dbgen makes 1 to 7 lines per order; SF 0.01 has 60,175 lines, this says 60,000). Nation has 25 rows and region
   * 5 at every scale factor.
   */
  public static long rowCount(String table, double scaleFactor) {
    return layout(table).rowCount(checkScaleFactor(scaleFactor));
  }

  /**
   * The scale factor a schema name stands for: {@code tiny} is 0.01, {@code sfN} is N ({@code sf1}, {@code sf0.1},
   * {@code sf100}, ...), ignoring case. Anything else fails with {@link ErrorCode#INVALID_FLOW}.
   */
  public static double scaleFactor(String schemaName) {
    requireNonNull(schemaName, "schemaName is null");
    String name = schemaName.toLowerCase(Locale.ROOT);
    if (name.equals("tiny")) {
      return 0.01;
    }
    Matcher m = SCALE_FACTOR_SCHEMA.matcher(name);
    if (m.matches()) {
      double scaleFactor = Double.parseDouble(m.group(1));
      if (scaleFactor > 0 && Double.isFinite(scaleFactor)) {
        return scaleFactor;
      }
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW,
        "TPC-H schema '%s' is not a scale factor: expected tiny (SF 0.01) or sfN with N > 0 (sf1, sf0.1, sf100)",
        schemaName);
  }

  static TableLayout<?> layout(String table) {
    requireNonNull(table, "table is null");
    TableLayout<?> layout = LAYOUTS.get(table.toLowerCase(Locale.ROOT));
    if (layout == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "unknown TPC-H table '%s': expected one of %s", table,
          String.join(", ", LAYOUTS.keySet()));
    }
    return layout;
  }

  static double checkScaleFactor(double scaleFactor) {
    if (!(scaleFactor > 0) || !Double.isFinite(scaleFactor)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "TPC-H scale factor must be positive and finite, got %s",
          scaleFactor);
    }
    return scaleFactor;
  }

  private static Map<String, TableLayout<?>> layouts(TableLayout<?>... layouts) {
    Map<String, TableLayout<?>> byName = new LinkedHashMap<>();
    for (TableLayout<?> layout : layouts) {
      byName.put(layout.name(), layout);
    }
    return Collections.unmodifiableMap(byName);
  }
}
