-- name: row_number_per_customer
-- feature: row_number, partition by
-- ordered: yes
SELECT o_custkey, o_orderkey, o_orderdate,
  row_number() OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS nth_order
FROM orders
WHERE o_custkey <= 5
ORDER BY o_custkey, nth_order;

-- name: rank_dense_rank_sizes
-- feature: rank, dense_rank
-- ordered: yes
SELECT p_partkey, p_size,
  rank() OVER (ORDER BY p_size DESC) AS rnk,
  dense_rank() OVER (ORDER BY p_size DESC) AS drnk
FROM part
WHERE p_partkey <= 30
ORDER BY rnk, p_partkey;

-- name: running_total_by_date
-- feature: running sum, window frame default
-- ordered: yes
SELECT o_orderdate, daily, sum(daily) OVER (ORDER BY o_orderdate) AS running
FROM (SELECT o_orderdate, sum(o_totalprice) AS daily FROM orders WHERE o_orderdate < DATE '1992-02-01' GROUP BY o_orderdate) t
ORDER BY o_orderdate;

-- name: moving_average_rows
-- feature: rows between frame, avg window
-- ordered: yes
SELECT o_orderdate, daily,
  avg(daily) OVER (ORDER BY o_orderdate ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS avg3
FROM (SELECT o_orderdate, count(*) AS daily FROM orders WHERE o_orderdate BETWEEN DATE '1995-03-01' AND DATE '1995-03-31' GROUP BY o_orderdate) t
ORDER BY o_orderdate;

-- name: lag_lead_defaults
-- feature: lag, lead with default
-- ordered: yes
SELECT o_orderkey, o_totalprice,
  lag(o_totalprice, 1, 0) OVER (ORDER BY o_orderkey) AS prev_price,
  lead(o_orderkey, 2) OVER (ORDER BY o_orderkey) AS next2
FROM orders
WHERE o_orderkey <= 10
ORDER BY o_orderkey;

-- name: first_last_value_frame
-- feature: first_value, last_value, unbounded frame
-- ordered: yes
SELECT n_regionkey, n_name,
  first_value(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS first_nation,
  last_value(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_nation
FROM nation
ORDER BY n_regionkey, n_name;

-- name: ntile_customers
-- feature: ntile
-- ordered: yes
SELECT c_custkey, c_acctbal, ntile(4) OVER (ORDER BY c_acctbal, c_custkey) AS quartile
FROM customer
WHERE c_custkey <= 20
ORDER BY c_custkey;

-- name: percent_rank_cume_dist
-- feature: percent_rank, cume_dist
-- ordered: yes
SELECT s_suppkey, s_acctbal,
  round(percent_rank() OVER (ORDER BY s_acctbal), 6) AS pr,
  round(cume_dist() OVER (ORDER BY s_acctbal), 6) AS cd
FROM supplier
WHERE s_suppkey <= 15
ORDER BY s_suppkey;

-- name: share_of_region_total
-- feature: window aggregate without order, ratio
-- ordered: yes
SELECT n.n_name, count(*) AS customers,
  round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY n.n_regionkey), 2) AS pct_of_region
FROM customer c JOIN nation n ON c.c_nationkey = n.n_nationkey
GROUP BY n.n_name, n.n_regionkey
ORDER BY n.n_name;

-- name: top_n_per_group
-- feature: row_number filter, top n per group
-- ordered: yes
SELECT c_mktsegment, c_custkey, c_acctbal
FROM (
  SELECT c_mktsegment, c_custkey, c_acctbal,
    row_number() OVER (PARTITION BY c_mktsegment ORDER BY c_acctbal DESC, c_custkey) AS rn
  FROM customer
) t
WHERE rn <= 3
ORDER BY c_mktsegment, rn;

-- name: nth_value_window
-- feature: nth_value
-- ordered: yes
SELECT n_regionkey, n_name,
  nth_value(n_name, 2) OVER (PARTITION BY n_regionkey ORDER BY n_name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_nation
FROM nation
ORDER BY n_regionkey, n_name;

-- name: range_frame_interval
-- feature: range frame with interval
-- ordered: yes
SELECT o_orderdate, daily,
  sum(daily) OVER (ORDER BY o_orderdate RANGE BETWEEN INTERVAL '6' DAY PRECEDING AND CURRENT ROW) AS week_total
FROM (SELECT o_orderdate, count(*) AS daily FROM orders WHERE o_orderdate BETWEEN DATE '1996-01-01' AND DATE '1996-01-20' GROUP BY o_orderdate) t
ORDER BY o_orderdate;

-- name: window_count_partition
-- feature: count over partition
-- ordered: yes
SELECT l_orderkey, l_linenumber, count(*) OVER (PARTITION BY l_orderkey) AS lines_in_order
FROM lineitem
WHERE l_orderkey <= 4
ORDER BY l_orderkey, l_linenumber;

-- name: lag_date_difference
-- feature: lag on dates, date_diff
-- ordered: yes
SELECT o_custkey, o_orderkey, o_orderdate,
  date_diff('day', lag(o_orderdate) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey), o_orderdate) AS days_since_previous
FROM orders
WHERE o_custkey IN (1, 2)
ORDER BY o_custkey, o_orderdate, o_orderkey;

-- name: window_min_max_partition
-- feature: min max over partition
-- ordered: yes
SELECT p_partkey, p_brand, p_retailprice,
  p_retailprice - min(p_retailprice) OVER (PARTITION BY p_brand) AS above_brand_min
FROM part
WHERE p_partkey <= 12
ORDER BY p_partkey;

-- name: named_window_clause
-- feature: named window
-- ordered: yes
SELECT o_orderkey, o_custkey,
  sum(o_totalprice) OVER w AS cust_total,
  count(*) OVER w AS cust_orders
FROM orders
WHERE o_custkey <= 4
WINDOW w AS (PARTITION BY o_custkey)
ORDER BY o_orderkey;

-- name: dense_rank_revenue_by_month
-- feature: dense_rank over aggregate, date_trunc
-- ordered: yes
SELECT month, revenue, dense_rank() OVER (ORDER BY revenue DESC) AS rnk
FROM (
  SELECT date_trunc('month', o_orderdate) AS month, sum(o_totalprice) AS revenue
  FROM orders WHERE year(o_orderdate) = 1994 GROUP BY date_trunc('month', o_orderdate)
) t
ORDER BY rnk;
