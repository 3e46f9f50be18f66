package io.gleam.sql.parser;

/** TPC-H queries as the specification gives them, with the validation substitution parameters. */
final class TpchQueries {
  private TpchQueries() {}

  /** Q1, pricing summary report: interval arithmetic on a date, aggregates, GROUP BY, ORDER BY. */
  static final String Q1 = """
      select
      	l_returnflag,
      	l_linestatus,
      	sum(l_quantity) as sum_qty,
      	sum(l_extendedprice) as sum_base_price,
      	sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
      	sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
      	avg(l_quantity) as avg_qty,
      	avg(l_extendedprice) as avg_price,
      	avg(l_discount) as avg_disc,
      	count(*) as count_order
      from
      	lineitem
      where
      	l_shipdate <= date '1998-12-01' - interval '90' day (3)
      group by
      	l_returnflag,
      	l_linestatus
      order by
      	l_returnflag,
      	l_linestatus;
      """;

  /** Q4, order priority checking: EXISTS with a correlated sub-query. */
  static final String Q4 = """
      select
      	o_orderpriority,
      	count(*) as order_count
      from
      	orders
      where
      	o_orderdate >= date '1993-07-01'
      	and o_orderdate < date '1993-07-01' + interval '3' month
      	and exists (
      		select
      			*
      		from
      			lineitem
      		where
      			l_orderkey = o_orderkey
      			and l_commitdate < l_receiptdate
      	)
      group by
      	o_orderpriority
      order by
      	o_orderpriority;
      """;

  /** Q9, product type profit measure: EXTRACT, LIKE, a derived table. */
  static final String Q9 = """
      select
      	nation,
      	o_year,
      	sum(amount) as sum_profit
      from
      	(
      		select
      			n_name as nation,
      			extract(year from o_orderdate) as o_year,
      			l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity as amount
      		from
      			part,
      			supplier,
      			lineitem,
      			partsupp,
      			orders,
      			nation
      		where
      			s_suppkey = l_suppkey
      			and ps_suppkey = l_suppkey
      			and ps_partkey = l_partkey
      			and p_partkey = l_partkey
      			and o_orderkey = l_orderkey
      			and s_nationkey = n_nationkey
      			and p_name like '%green%'
      	) as profit
      group by
      	nation,
      	o_year
      order by
      	nation,
      	o_year desc;
      """;

  /** Q12, shipping modes and order priority: CASE inside aggregates. */
  static final String Q12 = """
      select
      	l_shipmode,
      	sum(case
      		when o_orderpriority = '1-URGENT'
      			or o_orderpriority = '2-HIGH'
      			then 1
      		else 0
      	end) as high_line_count,
      	sum(case
      		when o_orderpriority <> '1-URGENT'
      			and o_orderpriority <> '2-HIGH'
      			then 1
      		else 0
      	end) as low_line_count
      from
      	orders,
      	lineitem
      where
      	o_orderkey = l_orderkey
      	and l_shipmode in ('MAIL', 'SHIP')
      	and l_commitdate < l_receiptdate
      	and l_shipdate < l_commitdate
      	and l_receiptdate >= date '1994-01-01'
      	and l_receiptdate < date '1994-01-01' + interval '1' year
      group by
      	l_shipmode
      order by
      	l_shipmode;
      """;

  /** Q19, discounted revenue: a disjunction of conjunctions, IN lists, BETWEEN. */
  static final String Q19 = """
      select
      	sum(l_extendedprice* (1 - l_discount)) as revenue
      from
      	lineitem,
      	part
      where
      	(
      		p_partkey = l_partkey
      		and p_brand = 'Brand#12'
      		and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
      		and l_quantity >= 1 and l_quantity <= 1 + 10
      		and p_size between 1 and 5
      		and l_shipmode in ('AIR', 'AIR REG')
      		and l_shipinstruct = 'DELIVER IN PERSON'
      	)
      	or
      	(
      		p_partkey = l_partkey
      		and p_brand = 'Brand#23'
      		and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
      		and l_quantity >= 10 and l_quantity <= 10 + 10
      		and p_size between 1 and 10
      		and l_shipmode in ('AIR', 'AIR REG')
      		and l_shipinstruct = 'DELIVER IN PERSON'
      	)
      	or
      	(
      		p_partkey = l_partkey
      		and p_brand = 'Brand#34'
      		and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
      		and l_quantity >= 20 and l_quantity <= 20 + 10
      		and p_size between 1 and 15
      		and l_shipmode in ('AIR', 'AIR REG')
      		and l_shipinstruct = 'DELIVER IN PERSON'
      	);
      """;

  /** Q22, global sales opportunity: SUBSTRING ... FROM ... FOR, NOT EXISTS, a scalar sub-query. */
  static final String Q22 = """
      select
      	cntrycode,
      	count(*) as numcust,
      	sum(c_acctbal) as totacctbal
      from
      	(
      		select
      			substring(c_phone from 1 for 2) as cntrycode,
      			c_acctbal
      		from
      			customer
      		where
      			substring(c_phone from 1 for 2) in
      				('13', '31', '23', '29', '30', '18', '17')
      			and c_acctbal > (
      				select
      					avg(c_acctbal)
      				from
      					customer
      				where
      					c_acctbal > 0.00
      					and substring(c_phone from 1 for 2) in
      						('13', '31', '23', '29', '30', '18', '17')
      			)
      			and not exists (
      				select
      					*
      				from
      					orders
      				where
      					o_custkey = c_custkey
      			)
      	) as custsale
      group by
      	cntrycode
      order by
      	cntrycode;
      """;
}
