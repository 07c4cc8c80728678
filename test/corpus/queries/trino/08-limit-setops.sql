-- name: limit_simple
-- feature: order by limit
-- ordered: yes
SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 5;

-- name: offset_limit
-- feature: offset, limit
-- ordered: yes
SELECT c_custkey, c_name FROM customer ORDER BY c_custkey OFFSET 10 LIMIT 5;

-- name: fetch_first
-- feature: fetch first rows only
-- ordered: yes
SELECT n_name FROM nation ORDER BY n_name FETCH FIRST 3 ROWS ONLY;

-- name: offset_fetch_next
-- feature: offset rows fetch next
-- ordered: yes
SELECT n_name FROM nation ORDER BY n_name OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY;

-- name: union_distinct
-- feature: union
-- ordered: no
SELECT n_name AS name FROM nation WHERE n_regionkey = 1
UNION
SELECT r_name FROM region;

-- name: union_all_counts
-- feature: union all
-- ordered: yes
SELECT 'customers' AS what, count(*) AS n FROM customer
UNION ALL
SELECT 'suppliers', count(*) FROM supplier
UNION ALL
SELECT 'parts', count(*) FROM part
ORDER BY what;

-- name: intersect_keys
-- feature: intersect
-- ordered: no
SELECT s_nationkey FROM supplier
INTERSECT
SELECT c_nationkey FROM customer WHERE c_acctbal > 9900;

-- name: except_keys
-- feature: except
-- ordered: no
SELECT n_nationkey FROM nation
EXCEPT
SELECT s_nationkey FROM supplier WHERE s_acctbal > 0;

-- name: union_with_order_limit
-- feature: union all order by limit
-- ordered: yes
SELECT o_orderkey AS k, o_totalprice AS v FROM orders WHERE o_orderkey < 5
UNION ALL
SELECT l_orderkey, l_extendedprice FROM lineitem WHERE l_orderkey < 3
ORDER BY v DESC, k
LIMIT 6;

-- name: limit_in_subquery
-- feature: limit in derived table
-- ordered: no
SELECT sum(o_totalprice) AS top_total
FROM (SELECT o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 100) t;

-- name: union_type_coercion
-- feature: union of integer and decimal
-- ordered: yes
SELECT 1 AS v UNION ALL SELECT 2.5 UNION ALL SELECT 10 ORDER BY v;

-- name: intersect_all_multiset
-- feature: intersect all
-- ordered: no
SELECT l_linenumber FROM lineitem WHERE l_orderkey <= 3
INTERSECT ALL
SELECT l_linenumber FROM lineitem WHERE l_orderkey BETWEEN 4 AND 6;

-- name: order_by_nulls_default
-- feature: default null ordering ascending
-- ordered: yes
SELECT id, qty FROM edge_cases ORDER BY qty, id;

-- name: order_by_nulls_desc_default
-- feature: default null ordering descending
-- ordered: yes
SELECT id, label FROM edge_cases ORDER BY label DESC, id;

-- name: order_by_nulls_first_explicit
-- feature: nulls first
-- ordered: yes
SELECT id, amount FROM edge_cases ORDER BY amount NULLS FIRST, id;

-- name: order_by_expression_alias
-- feature: order by alias expression
-- ordered: yes
SELECT p_partkey, p_retailprice * 2 AS doubled FROM part ORDER BY doubled DESC, p_partkey LIMIT 4;
