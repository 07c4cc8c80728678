-- name: customers_per_nation
-- feature: join, group by
-- ordered: yes
SELECT n.n_name, count(*) AS customers
FROM customer c
JOIN nation n ON c.c_nationkey = n.n_nationkey
GROUP BY n.n_name
ORDER BY customers DESC, n.n_name;

-- name: revenue_by_region
-- feature: join, aggregate, decimal arithmetic
-- ordered: yes
SELECT r.r_name, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue
FROM lineitem l
JOIN orders o ON l.l_orderkey = o.o_orderkey
JOIN customer c ON o.o_custkey = c.c_custkey
JOIN nation n ON c.c_nationkey = n.n_nationkey
JOIN region r ON n.n_regionkey = r.r_regionkey
GROUP BY r.r_name
ORDER BY revenue DESC;

-- name: customers_without_orders
-- feature: left join, is null
-- ordered: no
SELECT c.c_mktsegment, count(*) AS idle_customers
FROM customer c
LEFT JOIN orders o ON o.o_custkey = c.c_custkey
WHERE o.o_orderkey IS NULL
GROUP BY c.c_mktsegment;

-- name: supplier_nation_region
-- feature: join, using
-- ordered: yes
SELECT s.s_name, n.n_name, r.r_name
FROM supplier s
JOIN nation n ON s.s_nationkey = n.n_nationkey
JOIN region r ON r.r_regionkey = n.n_regionkey
WHERE r.r_name = 'EUROPE'
ORDER BY s.s_name
LIMIT 10;

-- name: self_join_same_nation_suppliers
-- feature: self join, inequality join
-- ordered: yes
SELECT a.s_nationkey, count(*) AS pairs
FROM supplier a
JOIN supplier b ON a.s_nationkey = b.s_nationkey AND a.s_suppkey < b.s_suppkey
GROUP BY a.s_nationkey
ORDER BY pairs DESC, a.s_nationkey
LIMIT 8;

-- name: right_join_nations_regions
-- feature: right join
-- ordered: yes
SELECT r.r_name, n.n_name
FROM nation n
RIGHT JOIN region r ON n.n_regionkey = r.r_regionkey AND n.n_name LIKE 'C%'
ORDER BY r.r_name, n.n_name;

-- name: full_outer_join_counts
-- feature: full outer join, coalesce
-- ordered: yes
WITH a AS (SELECT o_orderpriority AS k, count(*) AS orders FROM orders WHERE o_orderstatus = 'F' GROUP BY o_orderpriority),
     b AS (SELECT o_orderpriority AS k, count(*) AS open_orders FROM orders WHERE o_orderstatus = 'O' AND o_orderpriority <> '5-LOW' GROUP BY o_orderpriority)
SELECT coalesce(a.k, b.k) AS priority, a.orders, b.open_orders
FROM a FULL OUTER JOIN b ON a.k = b.k
ORDER BY priority;

-- name: cross_join_regions
-- feature: cross join
-- ordered: yes
SELECT r1.r_name AS from_region, r2.r_name AS to_region
FROM region r1 CROSS JOIN region r2
WHERE r1.r_regionkey < r2.r_regionkey
ORDER BY 1, 2;

-- name: semi_join_in_subquery
-- feature: in subquery
-- ordered: no
SELECT p_brand, count(*) AS parts
FROM part
WHERE p_partkey IN (SELECT l_partkey FROM lineitem WHERE l_quantity > 49)
GROUP BY p_brand;

-- name: anti_join_not_exists
-- feature: not exists, correlated subquery
-- ordered: no
SELECT count(*) AS never_sold
FROM part p
WHERE NOT EXISTS (SELECT 1 FROM lineitem l WHERE l.l_partkey = p.p_partkey);

-- name: partsupp_cheapest_supplier
-- feature: join, correlated scalar subquery
-- ordered: yes
SELECT ps.ps_partkey, ps.ps_suppkey, ps.ps_supplycost
FROM partsupp ps
WHERE ps.ps_supplycost = (SELECT min(ps2.ps_supplycost) FROM partsupp ps2 WHERE ps2.ps_partkey = ps.ps_partkey)
  AND ps.ps_partkey <= 20
ORDER BY ps.ps_partkey, ps.ps_suppkey;

-- name: join_on_expression
-- feature: join, date arithmetic in join
-- ordered: no
SELECT count(*) AS late_lines
FROM lineitem l
JOIN orders o ON o.o_orderkey = l.l_orderkey AND l.l_receiptdate > o.o_orderdate + INTERVAL '100' DAY;

-- name: three_way_join_top_customers
-- feature: join, aggregate, order by limit
-- ordered: yes
SELECT c.c_name, n.n_name, sum(o.o_totalprice) AS spent
FROM customer c
JOIN orders o ON o.o_custkey = c.c_custkey
JOIN nation n ON n.n_nationkey = c.c_nationkey
GROUP BY c.c_name, n.n_name
ORDER BY spent DESC, c.c_name
LIMIT 10;

-- name: join_using_clause
-- feature: join using
-- ordered: yes
SELECT n_regionkey, count(*) AS nations
FROM nation JOIN (SELECT r_regionkey AS n_regionkey, r_name FROM region) r USING (n_regionkey)
GROUP BY n_regionkey
ORDER BY n_regionkey;

-- name: left_join_aggregate_nulls
-- feature: left join, count column vs count star
-- ordered: yes
SELECT c.c_custkey, count(o.o_orderkey) AS orders, count(*) AS joined_rows
FROM customer c
LEFT JOIN orders o ON o.o_custkey = c.c_custkey
WHERE c.c_custkey BETWEEN 1 AND 12
GROUP BY c.c_custkey
ORDER BY c.c_custkey;

-- name: supplier_part_same_nation
-- feature: multi-join, distinct
-- ordered: no
SELECT DISTINCT n.n_name
FROM lineitem l
JOIN supplier s ON s.s_suppkey = l.l_suppkey
JOIN orders o ON o.o_orderkey = l.l_orderkey
JOIN customer c ON c.c_custkey = o.o_custkey AND c.c_nationkey = s.s_nationkey
JOIN nation n ON n.n_nationkey = s.s_nationkey
WHERE o.o_orderdate < DATE '1993-01-01';

-- name: lateral_join_top_line
-- feature: lateral join
-- ordered: yes
SELECT o.o_orderkey, t.max_price
FROM orders o
CROSS JOIN LATERAL (SELECT max(l.l_extendedprice) AS max_price FROM lineitem l WHERE l.l_orderkey = o.o_orderkey) t
WHERE o.o_orderkey <= 5
ORDER BY o.o_orderkey;
