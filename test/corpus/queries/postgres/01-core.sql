-- name: customers_per_segment
-- feature: group by, count
-- ordered: yes
SELECT c_mktsegment, count(*) AS customers
FROM customer
GROUP BY c_mktsegment
ORDER BY customers DESC, c_mktsegment;

-- name: revenue_per_nation
-- feature: join, numeric arithmetic
-- ordered: yes
SELECT n.n_name, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue
FROM lineitem l
JOIN orders o ON o.o_orderkey = l.l_orderkey
JOIN customer c ON c.c_custkey = o.o_custkey
JOIN nation n ON n.n_nationkey = c.c_nationkey
GROUP BY n.n_name
ORDER BY revenue DESC
LIMIT 10;

-- name: pricing_summary_q1
-- feature: tpch q1, interval literal
-- ordered: yes
SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
  avg(l_quantity) AS avg_qty, avg(l_discount) AS avg_disc, count(*) AS count_order
FROM lineitem
WHERE l_shipdate <= date '1998-12-01' - interval '90 days'
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus;

-- name: cast_double_colon
-- feature: :: casts
-- ordered: yes
SELECT o_orderkey, o_totalprice::integer AS price_int, o_orderdate::text AS date_text, o_orderkey::numeric / 4 AS quarter_key
FROM orders
WHERE o_orderkey <= 5
ORDER BY o_orderkey;

-- name: integer_division_pg
-- feature: integer division
-- ordered: yes
SELECT o_orderkey, o_orderkey / 4 AS bucket, o_orderkey % 4 AS rest
FROM orders
WHERE o_orderkey <= 9
ORDER BY o_orderkey;

-- name: ilike_filter
-- feature: ilike
-- ordered: no
SELECT count(*) AS n FROM part WHERE p_name ILIKE '%GREEN%';

-- name: regex_match_operator
-- feature: ~ regex operator
-- ordered: no
SELECT count(*) AS n FROM customer WHERE c_phone ~ '^2[0-4]-';

-- name: distinct_on_latest_order
-- feature: distinct on
-- ordered: yes
SELECT DISTINCT ON (o_custkey) o_custkey, o_orderkey, o_orderdate
FROM orders
WHERE o_custkey <= 10
ORDER BY o_custkey, o_orderdate DESC, o_orderkey DESC;

-- name: string_agg_nations
-- feature: string_agg
-- ordered: yes
SELECT r.r_name, string_agg(n.n_name, ', ' ORDER BY n.n_name) AS nations
FROM region r JOIN nation n ON n.n_regionkey = r.r_regionkey
GROUP BY r.r_name
ORDER BY r.r_name;

-- name: array_agg_keys
-- feature: array_agg
-- ordered: yes
SELECT n_regionkey, array_agg(n_nationkey ORDER BY n_nationkey) AS keys
FROM nation
GROUP BY n_regionkey
ORDER BY n_regionkey;

-- name: filter_clause_pg
-- feature: aggregate filter
-- ordered: yes
SELECT o_orderpriority, count(*) FILTER (WHERE o_orderstatus = 'F') AS finished, count(*) FILTER (WHERE o_orderstatus = 'O') AS open
FROM orders
GROUP BY o_orderpriority
ORDER BY o_orderpriority;

-- name: percentile_cont_median
-- feature: percentile_cont within group
-- ordered: yes
SELECT l_returnflag, percentile_cont(0.5) WITHIN GROUP (ORDER BY l_quantity) AS median_qty
FROM lineitem
GROUP BY l_returnflag
ORDER BY l_returnflag;

-- name: bool_and_or_pg
-- feature: bool_and, bool_or
-- ordered: yes
SELECT l_linestatus, bool_and(l_quantity > 0) AS all_pos, bool_or(l_tax = 0) AS any_untaxed
FROM lineitem
GROUP BY l_linestatus
ORDER BY l_linestatus;

-- name: coalesce_nullif_pg
-- feature: coalesce, nullif
-- ordered: yes
SELECT id, coalesce(label, 'n/a') AS label, nullif(qty, 0) AS qty
FROM edge_cases
ORDER BY id;

-- name: limit_offset_pg
-- feature: limit offset
-- ordered: yes
SELECT c_custkey, c_name FROM customer ORDER BY c_acctbal DESC, c_custkey LIMIT 5 OFFSET 5;

-- name: union_except_pg
-- feature: union, except
-- ordered: no
(SELECT n_nationkey FROM nation WHERE n_regionkey = 2 UNION SELECT n_nationkey FROM nation WHERE n_regionkey = 3)
EXCEPT
SELECT s_nationkey FROM supplier WHERE s_acctbal > 9000;

-- name: case_expression_pg
-- feature: case
-- ordered: yes
SELECT CASE WHEN c_acctbal < 0 THEN 'negative' WHEN c_acctbal < 5000 THEN 'low' ELSE 'high' END AS band, count(*) AS n
FROM customer
GROUP BY 1
ORDER BY 1;

-- name: not_exists_pg
-- feature: not exists
-- ordered: no
SELECT count(*) AS n FROM customer c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.o_custkey = c.c_custkey);

-- name: cte_pg
-- feature: cte
-- ordered: yes
WITH totals AS (SELECT o_custkey, sum(o_totalprice) AS spent FROM orders GROUP BY o_custkey)
SELECT c.c_name, t.spent FROM totals t JOIN customer c ON c.c_custkey = t.o_custkey ORDER BY t.spent DESC, c.c_name LIMIT 5;

-- name: round_numeric_pg
-- feature: round numeric
-- ordered: yes
SELECT c_custkey, round(c_acctbal, 1) AS r1, round(c_acctbal) AS r0, trunc(c_acctbal, 1) AS t1
FROM customer
WHERE c_custkey <= 5
ORDER BY c_custkey;

-- name: greatest_least_pg
-- feature: greatest least
-- ordered: yes
SELECT l_orderkey, l_linenumber, greatest(l_discount, l_tax) AS hi, least(l_shipdate, l_commitdate) AS first_date
FROM lineitem
WHERE l_orderkey <= 2
ORDER BY 1, 2;

-- name: lateral_pg
-- feature: lateral subquery
-- ordered: yes
SELECT c.c_custkey, last.o_orderdate
FROM customer c
CROSS JOIN LATERAL (SELECT o.o_orderdate FROM orders o WHERE o.o_custkey = c.c_custkey ORDER BY o.o_orderdate DESC, o.o_orderkey DESC LIMIT 1) last
WHERE c.c_custkey <= 5
ORDER BY c.c_custkey;

-- name: in_subquery_pg
-- feature: in subquery
-- ordered: no
SELECT count(*) AS n FROM orders WHERE o_custkey IN (SELECT c_custkey FROM customer WHERE c_mktsegment = 'MACHINERY');

-- name: boolean_result_pg
-- feature: boolean select
-- ordered: yes
SELECT o_orderkey, o_totalprice > 150000 AS big FROM orders WHERE o_orderkey <= 5 ORDER BY o_orderkey;

-- name: nulls_ordering_pg
-- feature: default null order desc
-- ordered: yes
SELECT id, qty FROM edge_cases ORDER BY qty DESC, id;
