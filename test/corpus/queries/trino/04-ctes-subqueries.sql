-- name: cte_simple
-- feature: cte
-- ordered: yes
WITH big_orders AS (
  SELECT o_orderkey, o_custkey, o_totalprice FROM orders WHERE o_totalprice > 400000
)
SELECT o_custkey, count(*) AS big FROM big_orders GROUP BY o_custkey ORDER BY big DESC, o_custkey LIMIT 10;

-- name: cte_chained
-- feature: multiple ctes
-- ordered: yes
WITH order_value AS (
  SELECT l_orderkey, sum(l_extendedprice * (1 - l_discount)) AS value FROM lineitem GROUP BY l_orderkey
), customer_value AS (
  SELECT o.o_custkey, sum(v.value) AS value FROM orders o JOIN order_value v ON v.l_orderkey = o.o_orderkey GROUP BY o.o_custkey
)
SELECT c.c_mktsegment, count(*) AS customers, max(cv.value) AS best
FROM customer_value cv JOIN customer c ON c.c_custkey = cv.o_custkey
GROUP BY c.c_mktsegment
ORDER BY c.c_mktsegment;

-- name: scalar_subquery_average
-- feature: scalar subquery
-- ordered: yes
SELECT c_custkey, c_acctbal
FROM customer
WHERE c_acctbal > (SELECT avg(c_acctbal) * 1.9 FROM customer)
ORDER BY c_acctbal DESC, c_custkey
LIMIT 10;

-- name: exists_correlated
-- feature: exists
-- ordered: no
SELECT o_orderpriority, count(*) AS order_count
FROM orders o
WHERE o_orderdate >= DATE '1993-07-01' AND o_orderdate < DATE '1993-10-01'
  AND EXISTS (SELECT * FROM lineitem l WHERE l.l_orderkey = o.o_orderkey AND l.l_commitdate < l.l_receiptdate)
GROUP BY o_orderpriority;

-- name: derived_table_aggregate
-- feature: derived table, nested aggregate
-- ordered: yes
SELECT lines, count(*) AS orders
FROM (SELECT l_orderkey, count(*) AS lines FROM lineitem GROUP BY l_orderkey) t
GROUP BY lines
ORDER BY lines;

-- name: in_list_and_not_in
-- feature: in list, not in subquery
-- ordered: no
SELECT count(*) AS n
FROM nation
WHERE n_regionkey IN (1, 3)
  AND n_nationkey NOT IN (SELECT s_nationkey FROM supplier WHERE s_acctbal < 0);

-- name: cte_referenced_twice
-- feature: cte reused
-- ordered: yes
WITH seg AS (SELECT c_mktsegment, count(*) AS n FROM customer GROUP BY c_mktsegment)
SELECT a.c_mktsegment, a.n, a.n - (SELECT min(n) FROM seg) AS above_min
FROM seg a
ORDER BY a.c_mktsegment;

-- name: subquery_in_select_list
-- feature: correlated subquery in select
-- ordered: yes
SELECT n.n_name, (SELECT count(*) FROM supplier s WHERE s.s_nationkey = n.n_nationkey) AS suppliers
FROM nation n
ORDER BY n.n_name;

-- name: values_table
-- feature: values as table
-- ordered: yes
SELECT t.code, t.label, count(o.o_orderkey) AS orders
FROM (VALUES ('F', 'finished'), ('O', 'open'), ('P', 'partial')) AS t (code, label)
LEFT JOIN orders o ON o.o_orderstatus = t.code
GROUP BY t.code, t.label
ORDER BY t.code;

-- name: any_all_comparison
-- feature: quantified comparison
-- ordered: no
SELECT count(*) AS n
FROM part
WHERE p_retailprice > ALL (SELECT ps_supplycost FROM partsupp WHERE ps_partkey = 1);

-- name: tpch_q18_large_volume
-- feature: in subquery with having, tpch q18
-- ordered: yes
SELECT c.c_name, c.c_custkey, o.o_orderkey, o.o_orderdate, o.o_totalprice, sum(l.l_quantity) AS qty
FROM customer c
JOIN orders o ON c.c_custkey = o.o_custkey
JOIN lineitem l ON o.o_orderkey = l.l_orderkey
WHERE o.o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 300)
GROUP BY c.c_name, c.c_custkey, o.o_orderkey, o.o_orderdate, o.o_totalprice
ORDER BY o.o_totalprice DESC, o.o_orderdate, o.o_orderkey
LIMIT 20;

-- name: recursive_cte_series
-- feature: recursive cte
-- ordered: yes
WITH RECURSIVE n (i) AS (
  SELECT 1
  UNION ALL
  SELECT i + 1 FROM n WHERE i < 10
)
SELECT i, i * i AS square FROM n ORDER BY i;

-- name: cte_with_column_list
-- feature: cte column aliases
-- ordered: yes
WITH t (status, orders) AS (SELECT o_orderstatus, count(*) FROM orders GROUP BY o_orderstatus)
SELECT status, orders FROM t ORDER BY status;

-- name: tpch_q22_global_sales
-- feature: substring, not exists, scalar subquery, tpch q22
-- ordered: yes
SELECT cntrycode, count(*) AS numcust, sum(c_acctbal) AS totacctbal
FROM (
  SELECT substr(c_phone, 1, 2) AS cntrycode, c_acctbal
  FROM customer c
  WHERE substr(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')
    AND c_acctbal > (SELECT avg(c_acctbal) FROM customer WHERE c_acctbal > 0.00 AND substr(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17'))
    AND NOT EXISTS (SELECT * FROM orders o WHERE o.o_custkey = c.c_custkey)
) AS custsale
GROUP BY cntrycode
ORDER BY cntrycode;
