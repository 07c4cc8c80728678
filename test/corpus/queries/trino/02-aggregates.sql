-- name: pricing_summary
-- feature: aggregate, tpch q1
-- ordered: yes
SELECT l_returnflag, l_linestatus,
  sum(l_quantity) AS sum_qty,
  sum(l_extendedprice) AS sum_base_price,
  sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
  sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
  avg(l_quantity) AS avg_qty,
  avg(l_extendedprice) AS avg_price,
  avg(l_discount) AS avg_disc,
  count(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus;

-- name: count_distinct_customers
-- feature: count distinct
-- ordered: no
SELECT count(DISTINCT o_custkey) AS buyers, count(*) AS orders FROM orders;

-- name: avg_of_integer_column
-- feature: avg integer, double result
-- ordered: yes
SELECT p_mfgr, avg(p_size) AS avg_size, min(p_size) AS min_size, max(p_size) AS max_size
FROM part
GROUP BY p_mfgr
ORDER BY p_mfgr;

-- name: sum_integer_column
-- feature: sum integer, bigint result
-- ordered: yes
SELECT ps_suppkey, sum(ps_availqty) AS total_qty
FROM partsupp
GROUP BY ps_suppkey
ORDER BY total_qty DESC, ps_suppkey
LIMIT 5;

-- name: having_filter
-- feature: having
-- ordered: yes
SELECT o_custkey, count(*) AS orders
FROM orders
GROUP BY o_custkey
HAVING count(*) >= 25
ORDER BY orders DESC, o_custkey;

-- name: group_by_ordinal
-- feature: group by ordinal
-- ordered: yes
SELECT l_shipmode, l_returnflag, count(*) AS lines
FROM lineitem
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: rollup_region_nation
-- feature: rollup, grouping
-- ordered: yes
SELECT r.r_name, n.n_name, count(*) AS suppliers, grouping(r.r_name, n.n_name) AS level
FROM supplier s
JOIN nation n ON s.s_nationkey = n.n_nationkey
JOIN region r ON r.r_regionkey = n.n_regionkey
GROUP BY ROLLUP (r.r_name, n.n_name)
ORDER BY level, r.r_name NULLS LAST, n.n_name NULLS LAST;

-- name: cube_flags
-- feature: cube
-- ordered: no
SELECT l_returnflag, l_linestatus, count(*) AS lines
FROM lineitem
GROUP BY CUBE (l_returnflag, l_linestatus);

-- name: grouping_sets_mode_priority
-- feature: grouping sets
-- ordered: no
SELECT l_shipmode, l_shipinstruct, sum(l_quantity) AS qty
FROM lineitem
GROUP BY GROUPING SETS ((l_shipmode), (l_shipinstruct), ());

-- name: stddev_variance
-- feature: statistical aggregates
-- ordered: yes
SELECT c_mktsegment,
  round(stddev(c_acctbal), 4) AS sd,
  round(variance(c_acctbal), 2) AS var,
  round(stddev_pop(c_acctbal), 4) AS sd_pop
FROM customer
GROUP BY c_mktsegment
ORDER BY c_mktsegment;

-- name: corr_covar
-- feature: corr, covar
-- ordered: no
SELECT corr(l_quantity, l_extendedprice) AS c, covar_pop(l_quantity, l_discount) AS cp, covar_samp(l_quantity, l_tax) AS cs
FROM lineitem;

-- name: min_max_dates_strings
-- feature: min max on dates and strings
-- ordered: no
SELECT min(o_orderdate) AS first_order, max(o_orderdate) AS last_order, min(o_clerk) AS first_clerk, max(o_comment) AS last_comment
FROM orders;

-- name: max_by_min_by
-- feature: max_by, min_by
-- ordered: yes
SELECT o_orderpriority, max_by(o_orderkey, o_totalprice) AS biggest_order, min_by(o_orderkey, o_totalprice) AS smallest_order
FROM orders
GROUP BY o_orderpriority
ORDER BY o_orderpriority;

-- name: bool_aggregates
-- feature: bool_and, bool_or, every
-- ordered: yes
SELECT l_returnflag, bool_and(l_quantity > 0) AS all_positive, bool_or(l_discount = 0.10) AS any_max_discount, every(l_tax <= 0.08) AS all_taxed
FROM lineitem
GROUP BY l_returnflag
ORDER BY l_returnflag;

-- name: array_agg_ordered
-- requires: arrays
-- feature: array_agg with order by
-- ordered: yes
SELECT r.r_name, array_agg(n.n_name ORDER BY n.n_name) AS nations
FROM region r JOIN nation n ON n.n_regionkey = r.r_regionkey
GROUP BY r.r_name
ORDER BY r.r_name;

-- name: listagg_nations
-- feature: listagg
-- ordered: yes
SELECT r.r_name, listagg(n.n_name, ', ') WITHIN GROUP (ORDER BY n.n_name) AS nations
FROM region r JOIN nation n ON n.n_regionkey = r.r_regionkey
GROUP BY r.r_name
ORDER BY r.r_name;

-- name: sum_of_case
-- feature: sum case, conditional aggregate
-- ordered: yes
SELECT o_orderpriority,
  sum(CASE WHEN o_orderstatus = 'F' THEN 1 ELSE 0 END) AS finished,
  sum(CASE WHEN o_orderstatus <> 'F' THEN 1 ELSE 0 END) AS unfinished
FROM orders
GROUP BY o_orderpriority
ORDER BY o_orderpriority;

-- name: avg_decimal_scale
-- feature: avg decimal keeps decimal type
-- ordered: yes
SELECT c_mktsegment, avg(c_acctbal) AS avg_balance, sum(c_acctbal) AS total_balance
FROM customer
GROUP BY c_mktsegment
ORDER BY c_mktsegment;

-- name: distinct_multiple_columns
-- feature: select distinct
-- ordered: no
SELECT DISTINCT l_returnflag, l_linestatus FROM lineitem;

-- name: aggregate_empty_input
-- feature: aggregate over no rows
-- ordered: no
SELECT count(*) AS n, sum(l_quantity) AS qty, avg(l_discount) AS disc, max(l_shipdate) AS last_ship
FROM lineitem WHERE l_quantity > 1000;

-- name: multiple_count_distinct
-- feature: multiple count distinct
-- ordered: yes
SELECT l_shipmode, count(DISTINCT l_suppkey) AS suppliers, count(DISTINCT l_partkey) AS parts
FROM lineitem
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: geometric_mean_sizes
-- feature: geometric_mean
-- ordered: yes
SELECT p_mfgr, round(geometric_mean(p_size), 6) AS gm
FROM part
GROUP BY p_mfgr
ORDER BY p_mfgr;
