-- name: date_trunc_month_pg
-- feature: date_trunc returns timestamp
-- ordered: yes
SELECT date_trunc('month', o_orderdate) AS month, count(*) AS orders
FROM orders
WHERE o_orderdate < date '1992-05-01'
GROUP BY 1
ORDER BY 1;

-- name: extract_year_pg
-- feature: extract returns numeric
-- ordered: yes
SELECT extract(year FROM o_orderdate) AS y, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 1;

-- name: date_part_dow
-- feature: date_part dow (sunday=0)
-- ordered: yes
SELECT date_part('dow', o_orderdate) AS dow, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 1;

-- name: isodow_extract
-- feature: extract isodow
-- ordered: yes
SELECT extract(isodow FROM o_orderdate) AS dow, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 1;

-- name: date_plus_integer
-- feature: date + integer days
-- ordered: yes
SELECT o_orderkey, o_orderdate + 30 AS due FROM orders WHERE o_orderkey <= 4 ORDER BY o_orderkey;

-- name: date_minus_date_integer
-- feature: date - date gives integer days
-- ordered: yes
SELECT l_shipmode, max(l_receiptdate - l_shipdate) AS max_days, avg(l_receiptdate - l_shipdate) AS avg_days
FROM lineitem
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: date_plus_interval_pg
-- feature: date + interval gives timestamp
-- ordered: yes
SELECT o_orderkey, o_orderdate + interval '1 month' AS next_month FROM orders WHERE o_orderkey <= 3 ORDER BY o_orderkey;

-- name: to_char_date
-- feature: to_char
-- ordered: yes
SELECT to_char(o_orderdate, 'YYYY-MM') AS ym, count(*) AS orders
FROM orders
WHERE o_orderdate < date '1992-04-01'
GROUP BY 1
ORDER BY 1;

-- name: age_function
-- feature: age interval
-- ordered: yes
SELECT o_orderkey, age(date '1998-12-31', o_orderdate) AS order_age FROM orders WHERE o_orderkey <= 3 ORDER BY o_orderkey;

-- name: make_date_fn
-- feature: make_date
-- ordered: no
SELECT make_date(1996, 2, 29) AS leap_day, make_date(1995, 12, 31) - make_date(1995, 1, 1) AS days_between;

-- name: generate_series_dates
-- feature: generate_series over dates
-- ordered: yes
SELECT d::date AS day, count(o.o_orderkey) AS orders
FROM generate_series(date '1995-01-01', date '1995-01-07', interval '1 day') AS d
LEFT JOIN orders o ON o.o_orderdate = d::date
GROUP BY 1
ORDER BY 1;

-- name: substring_from_for
-- feature: substring from for
-- ordered: yes
SELECT c_custkey, substring(c_name from 10 for 9) AS digits, left(c_phone, 2) AS cc, right(c_phone, 4) AS last4
FROM customer WHERE c_custkey <= 3 ORDER BY c_custkey;

-- name: initcap_length
-- feature: initcap, length, char_length
-- ordered: yes
SELECT n_nationkey, initcap(n_name) AS title, length(n_name) AS len, char_length(n_comment) AS comment_len
FROM nation WHERE n_nationkey < 6 ORDER BY n_nationkey;

-- name: split_part_pg
-- feature: split_part
-- ordered: no
SELECT split_part(p_type, ' ', 1) AS size_word, count(*) AS parts FROM part GROUP BY 1;

-- name: regexp_replace_pg
-- feature: regexp_replace global flag
-- ordered: yes
SELECT n_nationkey, regexp_replace(n_name, '[AEIOU]', '_', 'g') AS masked FROM nation WHERE n_nationkey < 5 ORDER BY n_nationkey;

-- name: position_strpos_pg
-- feature: position, strpos
-- ordered: yes
SELECT p_partkey, position(' ' in p_name) AS sp, strpos(p_name, 'a') AS a_pos FROM part WHERE p_partkey <= 4 ORDER BY p_partkey;

-- name: concat_ws_pg
-- feature: concat_ws, concat with null
-- ordered: yes
SELECT id, concat_ws('-', label, qty) AS joined, concat(label, '!') AS shout FROM edge_cases WHERE id <= 4 ORDER BY id;

-- name: unicode_length_pg
-- feature: unicode length, upper
-- ordered: yes
SELECT id, length(label) AS chars, upper(label) AS up FROM edge_cases WHERE id IN (5, 6, 7) ORDER BY id;

-- name: row_number_pg
-- feature: row_number
-- ordered: yes
SELECT o_custkey, o_orderkey, row_number() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC, o_orderkey) AS rn
FROM orders WHERE o_custkey <= 4 ORDER BY o_custkey, rn;

-- name: running_sum_pg
-- feature: running sum window
-- ordered: yes
SELECT o_orderkey, o_totalprice, sum(o_totalprice) OVER (ORDER BY o_orderkey) AS running
FROM orders WHERE o_orderkey <= 8 ORDER BY o_orderkey;

-- name: lag_lead_pg
-- feature: lag lead
-- ordered: yes
SELECT o_orderkey, lag(o_orderdate) OVER (ORDER BY o_orderkey) AS prev_date, lead(o_totalprice, 1, 0::numeric) OVER (ORDER BY o_orderkey) AS next_price
FROM orders WHERE o_orderkey <= 6 ORDER BY o_orderkey;

-- name: rank_window_pg
-- feature: rank over aggregate
-- ordered: yes
SELECT n_regionkey, count(*) AS nations, rank() OVER (ORDER BY count(*) DESC) AS rnk
FROM nation GROUP BY n_regionkey ORDER BY rnk, n_regionkey;

-- name: moving_avg_pg
-- feature: rows frame
-- ordered: yes
SELECT o_orderkey, avg(o_totalprice) OVER (ORDER BY o_orderkey ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS smooth
FROM orders WHERE o_orderkey <= 6 ORDER BY o_orderkey;

-- name: ntile_pg
-- feature: ntile
-- ordered: yes
SELECT s_suppkey, ntile(3) OVER (ORDER BY s_acctbal, s_suppkey) AS tercile FROM supplier WHERE s_suppkey <= 9 ORDER BY s_suppkey;

-- name: timestamp_trunc_hour_pg
-- feature: timestamp date_trunc, extract hour
-- ordered: yes
SELECT id, date_trunc('hour', ts) AS hour_start, extract(hour FROM ts) AS h FROM edge_cases WHERE ts IS NOT NULL ORDER BY id;

-- name: epoch_seconds_pg
-- feature: extract epoch
-- ordered: yes
SELECT id, extract(epoch FROM ts) AS epoch FROM edge_cases WHERE ts IS NOT NULL ORDER BY id;

-- name: array_functions_pg
-- requires: arrays
-- feature: array_length, any, unnest
-- ordered: yes
SELECT id, array_length(scores, 1) AS n, 'red' = ANY(tags) AS has_red, cardinality(tags) AS tag_count
FROM edge_cases ORDER BY id;

-- name: unnest_pg
-- requires: arrays
-- feature: unnest set-returning function
-- ordered: no
SELECT id, unnest(tags) AS tag FROM edge_cases;

-- name: mode_aggregate
-- feature: mode within group
-- ordered: yes
SELECT o_orderstatus, mode() WITHIN GROUP (ORDER BY o_orderpriority) AS common_priority FROM orders GROUP BY o_orderstatus ORDER BY o_orderstatus;

-- name: cast_text_to_numeric_pg
-- feature: cast text to numeric, ::
-- ordered: no
SELECT '12.345'::numeric(10,2) AS n, '42'::int + 1 AS i, 7::float / 2 AS f, 7 / 2 AS int_div;

-- name: stddev_pg
-- feature: stddev, variance
-- ordered: yes
SELECT c_mktsegment, round(stddev(c_acctbal), 4) AS sd, round(var_pop(c_acctbal), 2) AS vp FROM customer GROUP BY 1 ORDER BY 1;
