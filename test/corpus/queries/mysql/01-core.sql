-- name: customers_per_segment_my
-- feature: group by, backticks
-- ordered: yes
SELECT `c_mktsegment`, COUNT(*) AS customers
FROM `customer`
GROUP BY `c_mktsegment`
ORDER BY customers DESC, `c_mktsegment`;

-- name: revenue_per_region_my
-- feature: join, decimal arithmetic
-- ordered: yes
SELECT r.r_name, SUM(l.l_extendedprice * (1 - l.l_discount)) AS revenue
FROM lineitem l
JOIN orders o ON o.o_orderkey = l.l_orderkey
JOIN customer c ON c.c_custkey = o.o_custkey
JOIN nation n ON n.n_nationkey = c.c_nationkey
JOIN region r ON r.r_regionkey = n.n_regionkey
GROUP BY r.r_name
ORDER BY revenue DESC;

-- name: div_operator
-- feature: DIV integer division
-- ordered: yes
SELECT o_orderkey, o_orderkey DIV 4 AS bucket, o_orderkey MOD 4 AS rest
FROM orders WHERE o_orderkey <= 9 ORDER BY o_orderkey;

-- name: slash_gives_decimal
-- feature: / on integers gives decimal
-- ordered: yes
SELECT o_orderkey, o_orderkey / 4 AS quarter_key FROM orders WHERE o_orderkey <= 5 ORDER BY o_orderkey;

-- name: limit_comma_offset
-- feature: LIMIT offset, count
-- ordered: yes
SELECT c_custkey, c_name FROM customer ORDER BY c_custkey LIMIT 10, 5;

-- name: ifnull_if
-- feature: IFNULL, IF
-- ordered: yes
SELECT id, IFNULL(label, 'n/a') AS label, IF(qty > 5, 'big', 'small') AS size FROM edge_cases ORDER BY id;

-- name: group_concat_nations
-- feature: GROUP_CONCAT with order and separator
-- ordered: yes
SELECT r.r_name, GROUP_CONCAT(n.n_name ORDER BY n.n_name SEPARATOR ', ') AS nations
FROM region r JOIN nation n ON n.n_regionkey = r.r_regionkey
GROUP BY r.r_name ORDER BY r.r_name;

-- name: with_rollup_my
-- feature: WITH ROLLUP
-- ordered: no
SELECT l_returnflag, l_linestatus, COUNT(*) AS n FROM lineitem GROUP BY l_returnflag, l_linestatus WITH ROLLUP;

-- name: null_safe_equals
-- feature: <=> operator
-- ordered: yes
SELECT a.id, b.id AS other FROM edge_cases a JOIN edge_cases b ON a.label <=> b.label AND a.id < b.id ORDER BY a.id, other;

-- name: sum_boolean_expression
-- feature: SUM of comparison
-- ordered: yes
SELECT l_shipmode, SUM(l_receiptdate > l_commitdate) AS late, COUNT(*) AS total FROM lineitem GROUP BY l_shipmode ORDER BY l_shipmode;

-- name: cast_signed_char
-- feature: CAST AS SIGNED, CAST AS CHAR
-- ordered: yes
SELECT p_partkey, CAST(SUBSTRING(p_brand, 7) AS SIGNED) AS brand_no, CAST(p_size AS CHAR) AS size_text FROM part WHERE p_partkey <= 4 ORDER BY p_partkey;

-- name: cast_decimal_my
-- feature: CAST AS DECIMAL
-- ordered: yes
SELECT id, CAST(ratio AS DECIMAL(12,2)) AS r2 FROM edge_cases WHERE ratio IS NOT NULL AND ABS(ratio) < 1000000 ORDER BY id;

-- name: truncate_round_my
-- feature: TRUNCATE, ROUND
-- ordered: yes
SELECT c_custkey, TRUNCATE(c_acctbal, 1) AS t1, ROUND(c_acctbal, 1) AS r1, ROUND(c_acctbal) AS r0 FROM customer WHERE c_custkey <= 5 ORDER BY c_custkey;

-- name: regexp_operator
-- feature: REGEXP
-- ordered: no
SELECT COUNT(*) AS n FROM customer WHERE c_phone REGEXP '^1[0-5]-';

-- name: like_case_insensitive_collation
-- feature: LIKE with default collation
-- ordered: no
SELECT COUNT(*) AS n FROM part WHERE p_name LIKE '%GREEN%';

-- name: cte_and_window_my
-- feature: cte, window
-- ordered: yes
WITH t AS (SELECT o_custkey, o_orderkey, o_totalprice FROM orders WHERE o_custkey <= 4)
SELECT o_custkey, o_orderkey, ROW_NUMBER() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC, o_orderkey) AS rn
FROM t ORDER BY o_custkey, rn;

-- name: running_total_my
-- feature: running sum
-- ordered: yes
SELECT o_orderkey, SUM(o_totalprice) OVER (ORDER BY o_orderkey) AS running FROM orders WHERE o_orderkey <= 6 ORDER BY o_orderkey;

-- name: rank_my
-- feature: RANK, DENSE_RANK
-- ordered: yes
SELECT p_partkey, p_size, RANK() OVER (ORDER BY p_size) AS rnk, DENSE_RANK() OVER (ORDER BY p_size) AS drnk FROM part WHERE p_partkey <= 10 ORDER BY rnk, p_partkey;

-- name: lag_my
-- feature: LAG
-- ordered: yes
SELECT o_orderkey, LAG(o_totalprice) OVER (ORDER BY o_orderkey) AS prev FROM orders WHERE o_orderkey <= 5 ORDER BY o_orderkey;

-- name: avg_integer_my
-- feature: AVG integer gives decimal
-- ordered: yes
SELECT p_mfgr, AVG(p_size) AS avg_size FROM part GROUP BY p_mfgr ORDER BY p_mfgr;

-- name: sum_integer_my
-- feature: SUM integer gives decimal
-- ordered: yes
SELECT ps_suppkey, SUM(ps_availqty) AS total FROM partsupp GROUP BY ps_suppkey ORDER BY total DESC, ps_suppkey LIMIT 5;

-- name: count_distinct_my
-- feature: COUNT DISTINCT
-- ordered: no
SELECT COUNT(DISTINCT o_custkey) AS buyers FROM orders;

-- name: having_my
-- feature: HAVING with alias
-- ordered: yes
SELECT o_custkey, COUNT(*) AS cnt FROM orders GROUP BY o_custkey HAVING cnt >= 25 ORDER BY cnt DESC, o_custkey;

-- name: in_subquery_my
-- feature: IN subquery
-- ordered: no
SELECT COUNT(*) AS n FROM orders WHERE o_custkey IN (SELECT c_custkey FROM customer WHERE c_mktsegment = 'BUILDING');

-- name: union_all_my
-- feature: UNION ALL
-- ordered: yes
SELECT 'nations' AS what, COUNT(*) AS n FROM nation UNION ALL SELECT 'regions', COUNT(*) FROM region ORDER BY what;

-- name: case_my
-- feature: CASE
-- ordered: yes
SELECT CASE WHEN o_totalprice < 100000 THEN 'small' ELSE 'large' END AS cls, COUNT(*) AS n FROM orders GROUP BY cls ORDER BY cls;

-- name: nulls_first_default_my
-- feature: NULL sorts first ascending
-- ordered: yes
SELECT id, qty FROM edge_cases ORDER BY qty, id;

-- name: greatest_least_my
-- feature: GREATEST LEAST
-- ordered: yes
SELECT l_orderkey, l_linenumber, GREATEST(l_discount, l_tax) AS hi, LEAST(l_shipdate, l_commitdate) AS first_date FROM lineitem WHERE l_orderkey <= 2 ORDER BY 1, 2;
