-- name: orders_per_year
-- feature: year()
-- ordered: yes
SELECT year(o_orderdate) AS y, count(*) AS orders
FROM orders
GROUP BY year(o_orderdate)
ORDER BY y;

-- name: extract_quarter_month
-- feature: extract
-- ordered: yes
SELECT EXTRACT(YEAR FROM o_orderdate) AS y, EXTRACT(QUARTER FROM o_orderdate) AS q, count(*) AS orders
FROM orders
WHERE o_orderdate < DATE '1993-01-01'
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: date_trunc_month_returns_date
-- feature: date_trunc on date
-- ordered: yes
SELECT date_trunc('month', o_orderdate) AS month, count(*) AS orders
FROM orders
WHERE o_orderdate BETWEEN DATE '1995-01-01' AND DATE '1995-06-30'
GROUP BY 1
ORDER BY 1;

-- name: date_trunc_quarter_year
-- feature: date_trunc quarter year
-- ordered: yes
SELECT date_trunc('quarter', o_orderdate) AS q, date_trunc('year', o_orderdate) AS y, count(*) AS orders
FROM orders
WHERE o_orderdate < DATE '1993-01-01'
GROUP BY 1, 2
ORDER BY 1;

-- name: date_trunc_week
-- feature: date_trunc week (monday)
-- ordered: yes
SELECT date_trunc('week', o_orderdate) AS week_start, count(*) AS orders
FROM orders
WHERE o_orderdate BETWEEN DATE '1996-02-01' AND DATE '1996-02-29'
GROUP BY 1
ORDER BY 1;

-- name: date_plus_interval_day
-- feature: date + interval day returns date
-- ordered: yes
SELECT o_orderkey, o_orderdate, o_orderdate + INTERVAL '30' DAY AS due
FROM orders
WHERE o_orderkey <= 5
ORDER BY o_orderkey;

-- name: date_minus_interval_month
-- feature: date - interval month, end of month clamp
-- ordered: yes
SELECT d, d - INTERVAL '1' MONTH AS prev_month, d + INTERVAL '1' YEAR AS next_year
FROM (VALUES DATE '1996-03-31', DATE '1996-02-29', DATE '1995-12-15') AS t (d)
ORDER BY d;

-- name: date_add_function
-- feature: date_add
-- ordered: yes
SELECT o_orderkey, date_add('day', 10, o_orderdate) AS plus10, date_add('month', 1, o_orderdate) AS plus_month, date_add('week', -2, o_orderdate) AS minus_two_weeks
FROM orders
WHERE o_orderkey <= 5
ORDER BY o_orderkey;

-- name: date_diff_days
-- feature: date_diff day
-- ordered: yes
SELECT l_shipmode, avg(date_diff('day', l_shipdate, l_receiptdate)) AS avg_transit, max(date_diff('day', l_commitdate, l_receiptdate)) AS worst_delay
FROM lineitem
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: date_diff_months_years
-- feature: date_diff month year
-- ordered: yes
SELECT d1, d2, date_diff('month', d1, d2) AS months, date_diff('year', d1, d2) AS years
FROM (VALUES (DATE '1995-01-31', DATE '1995-02-28'), (DATE '1995-01-15', DATE '1996-01-14'), (DATE '1992-02-29', DATE '1996-02-29')) AS t (d1, d2)
ORDER BY d1;

-- name: date_subtraction_interval
-- feature: date minus date
-- ordered: no
SELECT max(l_receiptdate - l_shipdate) AS longest_transit FROM lineitem;

-- name: day_of_week_distribution
-- feature: day_of_week (iso)
-- ordered: yes
SELECT day_of_week(o_orderdate) AS dow, count(*) AS orders
FROM orders
GROUP BY 1
ORDER BY 1;

-- name: extract_dow_doy
-- feature: extract dow doy
-- ordered: yes
SELECT o_orderdate, EXTRACT(DOW FROM o_orderdate) AS dow, EXTRACT(DOY FROM o_orderdate) AS doy
FROM orders
WHERE o_orderkey IN (1, 2, 3, 4, 5)
ORDER BY o_orderdate;

-- name: week_of_year_iso
-- feature: week_of_year
-- ordered: yes
SELECT d, week_of_year(d) AS w, year_of_week(d) AS yw
FROM (VALUES DATE '1995-01-01', DATE '1996-12-30', DATE '1998-12-31', DATE '1997-06-15') AS t (d)
ORDER BY d;

-- name: day_month_accessors
-- feature: day, month, day_of_year
-- ordered: yes
SELECT o_orderkey, day(o_orderdate) AS d, month(o_orderdate) AS m, day_of_year(o_orderdate) AS doy, quarter(o_orderdate) AS q
FROM orders
WHERE o_orderkey <= 6
ORDER BY o_orderkey;

-- name: date_format_month
-- feature: date_format
-- ordered: yes
SELECT date_format(o_orderdate, '%Y-%m') AS ym, count(*) AS orders
FROM orders
WHERE o_orderdate < DATE '1992-07-01'
GROUP BY 1
ORDER BY 1;

-- name: format_datetime_pattern
-- feature: format_datetime
-- ordered: yes
SELECT o_orderkey, format_datetime(CAST(o_orderdate AS timestamp), 'yyyy/MM/dd') AS formatted
FROM orders
WHERE o_orderkey <= 3
ORDER BY o_orderkey;

-- name: last_day_of_month_fn
-- feature: last_day_of_month
-- ordered: yes
SELECT d, last_day_of_month(d) AS eom
FROM (VALUES DATE '1996-02-10', DATE '1995-02-10', DATE '1995-12-31') AS t (d)
ORDER BY d;

-- name: cast_string_to_date
-- feature: cast varchar to date, date literal comparisons
-- ordered: no
SELECT count(*) AS n
FROM orders
WHERE o_orderdate >= CAST('1994-01-01' AS date) AND o_orderdate < DATE '1994-01-01' + INTERVAL '1' YEAR;

-- name: date_parse_and_iso
-- feature: date_parse, from_iso8601_date
-- ordered: no
SELECT date_parse('15/03/1995 10:30', '%d/%m/%Y %H:%i') AS parsed, from_iso8601_date('1995-03-15') AS iso;

-- name: timestamp_arithmetic
-- feature: timestamp + interval, hour, date_trunc hour
-- ordered: yes
SELECT id, ts, ts + INTERVAL '90' MINUTE AS later, hour(ts) AS h, date_trunc('hour', ts) AS hour_start
FROM edge_cases
WHERE ts IS NOT NULL
ORDER BY id;

-- name: timestamp_diff_seconds
-- feature: date_diff on timestamps
-- ordered: yes
SELECT a.id, b.id AS other, date_diff('second', a.ts, b.ts) AS secs, date_diff('hour', a.ts, b.ts) AS hours
FROM edge_cases a JOIN edge_cases b ON b.id = a.id + 1
WHERE a.ts IS NOT NULL AND b.ts IS NOT NULL
ORDER BY a.id;

-- name: cast_timestamp_to_date
-- feature: cast timestamp to date, group by date
-- ordered: yes
SELECT CAST(ts AS date) AS d, count(*) AS n
FROM edge_cases
WHERE ts IS NOT NULL
GROUP BY 1
ORDER BY 1;

-- name: shipping_priority_q3
-- feature: tpch q3, date filters
-- ordered: yes
SELECT l.l_orderkey, sum(l.l_extendedprice * (1 - l.l_discount)) AS revenue, o.o_orderdate, o.o_shippriority
FROM customer c
JOIN orders o ON c.c_custkey = o.o_custkey
JOIN lineitem l ON l.l_orderkey = o.o_orderkey
WHERE c.c_mktsegment = 'BUILDING' AND o.o_orderdate < DATE '1995-03-15' AND l.l_shipdate > DATE '1995-03-15'
GROUP BY l.l_orderkey, o.o_orderdate, o.o_shippriority
ORDER BY revenue DESC, o.o_orderdate, l.l_orderkey
LIMIT 10;

-- name: orders_by_month_name
-- feature: date_format month name
-- ordered: yes
SELECT date_format(o_orderdate, '%M') AS month_name, count(*) AS orders
FROM orders
WHERE year(o_orderdate) = 1997
GROUP BY 1
ORDER BY min(month(o_orderdate));

-- name: cast_date_to_varchar
-- feature: cast date to varchar, concatenation
-- ordered: yes
SELECT o_orderkey, 'ordered on ' || CAST(o_orderdate AS varchar) AS note
FROM orders
WHERE o_orderkey <= 3
ORDER BY o_orderkey;
