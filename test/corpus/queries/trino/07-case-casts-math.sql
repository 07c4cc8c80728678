-- name: integer_division
-- feature: integer division truncates
-- ordered: yes
SELECT o_orderkey, o_orderkey / 7 AS weeks, o_orderkey % 7 AS rest, -o_orderkey / 7 AS neg_div
FROM orders
WHERE o_orderkey <= 15
ORDER BY o_orderkey;

-- name: integer_division_literals
-- feature: integer division of literals
-- ordered: no
SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d, 7.0 / 2 AS e, CAST(7 AS double) / 2 AS f;

-- name: average_via_sum_div_count
-- feature: bigint division
-- ordered: yes
SELECT l_shipmode, sum(l_linenumber) / count(*) AS avg_line_int, sum(l_linenumber) * 1.0 / count(*) AS avg_line_dec
FROM lineitem
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: decimal_division_scale
-- feature: decimal division
-- ordered: yes
SELECT o_orderkey, o_totalprice / 3 AS third, o_totalprice / 7.5 AS per_unit
FROM orders
WHERE o_orderkey <= 4
ORDER BY o_orderkey;

-- name: decimal_multiplication
-- feature: decimal multiplication precision
-- ordered: yes
SELECT l_orderkey, l_linenumber, l_extendedprice * l_discount AS disc_amount, l_extendedprice * (1 + l_tax) AS with_tax
FROM lineitem
WHERE l_orderkey <= 3
ORDER BY l_orderkey, l_linenumber;

-- name: round_decimal_and_double
-- feature: round, decimal vs double
-- ordered: yes
SELECT c_custkey, round(c_acctbal, 1) AS r1, round(c_acctbal) AS r0, round(CAST(c_acctbal AS double), 1) AS rd
FROM customer
WHERE c_custkey <= 6
ORDER BY c_custkey;

-- name: round_half_values
-- feature: round half away from zero
-- ordered: no
SELECT round(2.5) AS a, round(-2.5) AS b, round(0.125, 2) AS c, round(1.005, 2) AS d, round(CAST(2.5 AS double)) AS e;

-- name: floor_ceil_truncate
-- feature: floor, ceil, truncate
-- ordered: yes
SELECT id, ratio, floor(ratio) AS fl, ceil(ratio) AS ce, truncate(ratio) AS tr
FROM edge_cases
WHERE ratio IS NOT NULL
ORDER BY id;

-- name: abs_sign_mod
-- feature: abs, sign, mod
-- ordered: yes
SELECT id, qty, abs(qty) AS a, sign(qty) AS s, mod(qty, 4) AS m
FROM edge_cases
WHERE qty IS NOT NULL
ORDER BY id;

-- name: power_sqrt_ln
-- feature: power, sqrt, ln, log10, exp
-- ordered: yes
SELECT p_size, power(p_size, 2) AS sq, sqrt(p_size) AS root, ln(p_size) AS ln_size, log10(p_size) AS lg, exp(p_size / 10) AS e
FROM part
WHERE p_partkey <= 5
ORDER BY p_partkey;

-- name: greatest_least
-- feature: greatest, least
-- ordered: yes
SELECT l_orderkey, l_linenumber, greatest(l_shipdate, l_commitdate, l_receiptdate) AS latest, least(l_discount, l_tax) AS smaller
FROM lineitem
WHERE l_orderkey <= 2
ORDER BY l_orderkey, l_linenumber;

-- name: case_searched
-- feature: searched case
-- ordered: yes
SELECT CASE WHEN o_totalprice < 50000 THEN 'small' WHEN o_totalprice < 200000 THEN 'medium' ELSE 'large' END AS size_class, count(*) AS orders
FROM orders
GROUP BY 1
ORDER BY 1;

-- name: case_simple
-- feature: simple case
-- ordered: yes
SELECT o_orderstatus, CASE o_orderstatus WHEN 'F' THEN 'finished' WHEN 'O' THEN 'open' ELSE 'other' END AS status_name, count(*) AS orders
FROM orders
GROUP BY 1, 2
ORDER BY 1;

-- name: if_function
-- feature: if
-- ordered: yes
SELECT r_regionkey, if(r_regionkey % 2 = 0, 'even', 'odd') AS parity, if(r_regionkey > 2, r_regionkey) AS big_key
FROM region
ORDER BY r_regionkey;

-- name: coalesce_nullif
-- feature: coalesce, nullif
-- ordered: yes
SELECT id, coalesce(label, '(none)') AS label, nullif(qty, 10) AS qty_not_10, coalesce(qty, big, 0) AS first_number
FROM edge_cases
ORDER BY id;

-- name: cast_to_varchar_numbers
-- feature: cast number to varchar
-- ordered: yes
SELECT r_regionkey, CAST(r_regionkey AS varchar) AS k, CAST(r_regionkey * 1.5 AS varchar) AS dec_text
FROM region
ORDER BY r_regionkey;

-- name: cast_decimal_to_integer
-- feature: cast decimal to integer rounds
-- ordered: yes
SELECT l_orderkey, l_linenumber, l_extendedprice, CAST(l_extendedprice AS integer) AS as_int, CAST(l_extendedprice AS bigint) AS as_bigint
FROM lineitem
WHERE l_orderkey <= 2
ORDER BY l_orderkey, l_linenumber;

-- name: cast_double_to_decimal
-- feature: cast double to decimal
-- ordered: yes
SELECT id, ratio, CAST(ratio AS decimal(12, 2)) AS as_dec
FROM edge_cases
WHERE ratio IS NOT NULL AND abs(ratio) < 1e9
ORDER BY id;

-- name: try_cast_strings
-- feature: try_cast
-- ordered: yes
SELECT s, TRY_CAST(s AS integer) AS i, TRY_CAST(s AS double) AS d, TRY_CAST(s AS date) AS dt
FROM (VALUES '42', 'abc', '3.5', '2024-02-30', '2024-02-29') AS t (s)
ORDER BY s;

-- name: cast_string_to_number
-- feature: cast varchar to number
-- ordered: yes
SELECT p_partkey, CAST(substr(p_brand, 7) AS integer) AS brand_no, CAST(substr(p_mfgr, 14) AS integer) * 10 AS mfgr_x10
FROM part
WHERE p_partkey <= 5
ORDER BY p_partkey;

-- name: boolean_expressions
-- feature: boolean result columns
-- ordered: yes
SELECT o_orderkey, o_totalprice > 100000 AS expensive, o_orderstatus = 'F' AND o_orderpriority = '1-URGENT' AS urgent_done
FROM orders
WHERE o_orderkey <= 6
ORDER BY o_orderkey;

-- name: is_distinct_from
-- feature: is distinct from
-- ordered: yes
SELECT a.id, b.id AS other
FROM edge_cases a JOIN edge_cases b ON a.label IS NOT DISTINCT FROM b.label AND a.id < b.id
ORDER BY a.id, other;

-- name: between_and_in
-- feature: between, in, not between
-- ordered: no
SELECT count(*) AS n FROM lineitem WHERE l_discount BETWEEN 0.05 AND 0.07 AND l_quantity NOT BETWEEN 10 AND 40 AND l_shipmode IN ('AIR', 'REG AIR');

-- name: double_arithmetic
-- feature: double arithmetic, division by double
-- ordered: yes
SELECT id, ratio * 2 AS doubled, ratio / 3 AS third, 1 / ratio AS inverse
FROM edge_cases
WHERE ratio IS NOT NULL AND ratio <> 0
ORDER BY id;

-- name: bigint_values
-- feature: bigint beyond 2^53
-- ordered: yes
SELECT id, big, big + 1 AS next, big * 2 AS twice
FROM edge_cases
WHERE big IS NOT NULL AND abs(big) < 4000000000000000000
ORDER BY id;

-- name: null_arithmetic
-- feature: null propagation
-- ordered: yes
SELECT id, qty + 1 AS q1, amount * 2 AS a2, qty > 5 AS big_qty
FROM edge_cases
WHERE id IN (3, 13, 14)
ORDER BY id;

-- name: percentage_with_decimal_literal
-- feature: tpch q14 promo revenue
-- ordered: no
SELECT 100.00 * sum(CASE WHEN p.p_type LIKE 'PROMO%' THEN l.l_extendedprice * (1 - l.l_discount) ELSE 0 END) / sum(l.l_extendedprice * (1 - l.l_discount)) AS promo_revenue
FROM lineitem l JOIN part p ON l.l_partkey = p.p_partkey
WHERE l.l_shipdate >= DATE '1995-09-01' AND l.l_shipdate < DATE '1995-09-01' + INTERVAL '1' MONTH;

-- name: forecast_revenue_q6
-- feature: tpch q6
-- ordered: no
SELECT sum(l_extendedprice * l_discount) AS revenue
FROM lineitem
WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR
  AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24;
