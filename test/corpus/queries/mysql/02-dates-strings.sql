-- name: year_month_functions
-- feature: YEAR, MONTH
-- ordered: yes
SELECT YEAR(o_orderdate) AS y, MONTH(o_orderdate) AS m, COUNT(*) AS n FROM orders WHERE o_orderdate < '1992-04-01' GROUP BY y, m ORDER BY y, m;

-- name: date_format_my
-- feature: DATE_FORMAT
-- ordered: yes
SELECT DATE_FORMAT(o_orderdate, '%Y-%m') AS ym, COUNT(*) AS n FROM orders WHERE o_orderdate < '1992-04-01' GROUP BY ym ORDER BY ym;

-- name: date_add_interval_my
-- feature: DATE_ADD INTERVAL
-- ordered: yes
SELECT o_orderkey, DATE_ADD(o_orderdate, INTERVAL 30 DAY) AS due, DATE_SUB(o_orderdate, INTERVAL 1 MONTH) AS prev_month FROM orders WHERE o_orderkey <= 4 ORDER BY o_orderkey;

-- name: date_plus_interval_my
-- feature: date + INTERVAL
-- ordered: yes
SELECT o_orderkey, o_orderdate + INTERVAL 1 YEAR AS next_year FROM orders WHERE o_orderkey <= 3 ORDER BY o_orderkey;

-- name: datediff_my
-- feature: DATEDIFF
-- ordered: yes
SELECT l_shipmode, MAX(DATEDIFF(l_receiptdate, l_shipdate)) AS max_days, AVG(DATEDIFF(l_receiptdate, l_shipdate)) AS avg_days FROM lineitem GROUP BY l_shipmode ORDER BY l_shipmode;

-- name: timestampdiff_month
-- feature: TIMESTAMPDIFF
-- ordered: yes
SELECT o_orderkey, TIMESTAMPDIFF(MONTH, o_orderdate, '1998-12-31') AS months_ago FROM orders WHERE o_orderkey <= 4 ORDER BY o_orderkey;

-- name: dayofweek_my
-- feature: DAYOFWEEK (sunday=1)
-- ordered: yes
SELECT DAYOFWEEK(o_orderdate) AS dow, COUNT(*) AS n FROM orders GROUP BY dow ORDER BY dow;

-- name: weekday_my
-- feature: WEEKDAY (monday=0)
-- ordered: yes
SELECT WEEKDAY(o_orderdate) AS wd, COUNT(*) AS n FROM orders GROUP BY wd ORDER BY wd;

-- name: last_day_my
-- feature: LAST_DAY
-- ordered: yes
SELECT o_orderkey, LAST_DAY(o_orderdate) AS eom FROM orders WHERE o_orderkey <= 4 ORDER BY o_orderkey;

-- name: str_to_date_my
-- feature: STR_TO_DATE
-- ordered: no
SELECT STR_TO_DATE('15/03/1995', '%d/%m/%Y') AS d;

-- name: quarter_dayname
-- feature: QUARTER, DAYNAME, MONTHNAME
-- ordered: yes
SELECT o_orderkey, QUARTER(o_orderdate) AS q, DAYNAME(o_orderdate) AS day_name, MONTHNAME(o_orderdate) AS month_name FROM orders WHERE o_orderkey <= 4 ORDER BY o_orderkey;

-- name: concat_ws_my
-- feature: CONCAT, CONCAT_WS with NULL
-- ordered: yes
SELECT id, CONCAT('x', label) AS c, CONCAT_WS('-', label, qty) AS cw FROM edge_cases WHERE id <= 4 ORDER BY id;

-- name: substring_index_my
-- feature: SUBSTRING_INDEX
-- ordered: yes
SELECT p_partkey, SUBSTRING_INDEX(p_type, ' ', 1) AS first_word, SUBSTRING_INDEX(p_type, ' ', -1) AS last_word FROM part WHERE p_partkey <= 4 ORDER BY p_partkey;

-- name: locate_instr
-- feature: LOCATE, INSTR
-- ordered: yes
SELECT p_partkey, LOCATE(' ', p_name) AS sp, INSTR(p_name, 'a') AS a_pos FROM part WHERE p_partkey <= 4 ORDER BY p_partkey;

-- name: left_right_lpad
-- feature: LEFT, RIGHT, LPAD
-- ordered: yes
SELECT c_custkey, LEFT(c_phone, 2) AS cc, RIGHT(c_phone, 4) AS last4, LPAD(c_custkey, 6, '0') AS padded FROM customer WHERE c_custkey <= 3 ORDER BY c_custkey;

-- name: char_length_vs_length
-- feature: CHAR_LENGTH vs LENGTH bytes
-- ordered: yes
SELECT id, CHAR_LENGTH(label) AS chars, LENGTH(label) AS bytes FROM edge_cases WHERE id IN (1, 5, 6, 7) ORDER BY id;

-- name: upper_lower_my
-- feature: UPPER, LOWER, UCASE
-- ordered: yes
SELECT n_nationkey, LOWER(n_name) AS l, UCASE(LEFT(n_comment, 5)) AS u FROM nation WHERE n_nationkey < 5 ORDER BY n_nationkey;

-- name: replace_repeat_reverse
-- feature: REPLACE, REPEAT, REVERSE
-- ordered: yes
SELECT r_regionkey, REPLACE(r_name, 'A', 'a') AS rep, REPEAT('*', r_regionkey) AS stars, REVERSE(r_name) AS rev FROM region ORDER BY r_regionkey;

-- name: field_elt
-- feature: FIELD
-- ordered: yes
SELECT o_orderpriority, FIELD(o_orderstatus, 'O', 'P', 'F') AS status_rank, COUNT(*) AS n FROM orders GROUP BY o_orderpriority, status_rank ORDER BY o_orderpriority, status_rank;

-- name: extract_year_month_my
-- feature: EXTRACT
-- ordered: yes
SELECT EXTRACT(YEAR FROM o_orderdate) AS y, COUNT(*) AS n FROM orders GROUP BY y ORDER BY y;

-- name: date_string_comparison
-- feature: date compared with string literal
-- ordered: no
SELECT COUNT(*) AS n FROM orders WHERE o_orderdate BETWEEN '1995-01-01' AND '1995-03-31';

-- name: timestamp_functions_my
-- feature: HOUR, DATE(), TIME arithmetic
-- ordered: yes
SELECT id, HOUR(ts) AS h, DATE(ts) AS d, ts + INTERVAL 90 MINUTE AS later FROM edge_cases WHERE ts IS NOT NULL ORDER BY id;

-- name: unix_timestamp_my
-- feature: UNIX_TIMESTAMP
-- ordered: yes
SELECT id, UNIX_TIMESTAMP(ts) AS epoch FROM edge_cases WHERE ts IS NOT NULL ORDER BY id;

-- name: week_function_my
-- feature: WEEK mode 3 (iso)
-- ordered: yes
SELECT o_orderkey, WEEK(o_orderdate, 3) AS iso_week FROM orders WHERE o_orderkey <= 5 ORDER BY o_orderkey;

-- name: trim_my
-- feature: TRIM, LTRIM, RTRIM
-- ordered: yes
SELECT id, TRIM(label) AS t, LTRIM(label) AS lt, RTRIM(label) AS rt FROM edge_cases WHERE id IN (1, 9) ORDER BY id;

-- name: mod_function_negative
-- feature: MOD with negatives
-- ordered: yes
SELECT id, qty, MOD(qty, 4) AS m, qty % 3 AS p FROM edge_cases WHERE qty IS NOT NULL ORDER BY id;
