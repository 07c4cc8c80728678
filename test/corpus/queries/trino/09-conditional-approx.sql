-- name: count_if_basic
-- feature: count_if
-- ordered: yes
SELECT l_shipmode, count_if(l_receiptdate > l_commitdate) AS late, count(*) AS total
FROM lineitem
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: filter_clause_sum
-- feature: aggregate filter clause
-- ordered: yes
SELECT o_orderpriority,
  sum(o_totalprice) FILTER (WHERE o_orderstatus = 'F') AS finished_value,
  count(*) FILTER (WHERE o_orderstatus = 'O') AS open_orders
FROM orders
GROUP BY o_orderpriority
ORDER BY o_orderpriority;

-- name: filter_clause_avg
-- feature: avg filter
-- ordered: yes
SELECT c_mktsegment, avg(c_acctbal) FILTER (WHERE c_acctbal > 0) AS avg_positive
FROM customer
GROUP BY c_mktsegment
ORDER BY c_mktsegment;

-- name: approx_distinct_small
-- feature: approx_distinct
-- ordered: yes
SELECT n_regionkey, approx_distinct(n_name) AS nations
FROM nation
GROUP BY n_regionkey
ORDER BY n_regionkey;

-- name: approx_distinct_large
-- approximate: 0.05
-- feature: approx_distinct on many values
-- ordered: no
SELECT approx_distinct(l_partkey) AS parts FROM lineitem;

-- name: approx_percentile_median
-- feature: approx_percentile
-- ordered: yes
SELECT l_returnflag, approx_percentile(l_quantity, 0.5) AS median_qty
FROM lineitem
GROUP BY l_returnflag
ORDER BY l_returnflag;

-- name: count_if_and_ratio
-- feature: count_if ratio
-- ordered: yes
SELECT o_orderpriority, round(CAST(count_if(o_orderstatus = 'F') AS double) / count(*), 4) AS finished_share
FROM orders
GROUP BY o_orderpriority
ORDER BY o_orderpriority;

-- name: conditional_count_distinct
-- feature: count distinct case
-- ordered: no
SELECT count(DISTINCT CASE WHEN l_returnflag = 'R' THEN l_orderkey END) AS orders_with_returns FROM lineitem;

-- name: coalesce_aggregate_empty
-- feature: coalesce sum
-- ordered: yes
SELECT r.r_name, coalesce(sum(s.s_acctbal), 0) AS balance
FROM region r
LEFT JOIN nation n ON n.n_regionkey = r.r_regionkey AND n.n_name = 'JAPAN'
LEFT JOIN supplier s ON s.s_nationkey = n.n_nationkey
GROUP BY r.r_name
ORDER BY r.r_name;

-- name: arbitrary_single_value
-- feature: arbitrary on functionally dependent column
-- ordered: yes
SELECT n.n_nationkey, arbitrary(n.n_name) AS name, count(*) AS customers
FROM nation n JOIN customer c ON c.c_nationkey = n.n_nationkey
GROUP BY n.n_nationkey
ORDER BY n.n_nationkey;

-- name: nested_if_aggregates
-- feature: sum if
-- ordered: yes
SELECT year(l_shipdate) AS y, sum(if(l_returnflag = 'R', l_extendedprice, 0)) AS returned_value
FROM lineitem
GROUP BY 1
ORDER BY 1;

-- name: filter_clause_count_distinct
-- feature: count distinct with filter
-- ordered: no
SELECT count(DISTINCT o_custkey) FILTER (WHERE o_orderpriority = '1-URGENT') AS urgent_buyers FROM orders;
