-- name: like_prefix_suffix
-- feature: like
-- ordered: no
SELECT count(*) AS n FROM part WHERE p_type LIKE '%BRASS' AND p_name LIKE 'a%';

-- name: like_with_escape
-- feature: like escape
-- ordered: yes
SELECT id, label FROM edge_cases WHERE label LIKE '%\%%' ESCAPE '\' ORDER BY id;

-- name: substr_and_length
-- feature: substr, length
-- ordered: yes
SELECT c_custkey, substr(c_name, 10) AS digits, length(c_address) AS addr_len, substr(c_phone, 1, 2) AS country
FROM customer
WHERE c_custkey <= 5
ORDER BY c_custkey;

-- name: upper_lower_concat
-- feature: upper, lower, concat, ||
-- ordered: yes
SELECT n_nationkey, lower(n_name) AS lname, concat(upper(substr(n_name, 1, 1)), lower(substr(n_name, 2))) AS title, n_name || '-' || CAST(n_regionkey AS varchar) AS tag
FROM nation
ORDER BY n_nationkey;

-- name: strpos_position
-- feature: strpos, position
-- ordered: yes
SELECT p_partkey, strpos(p_name, ' ') AS first_space, position('e' IN p_name) AS first_e
FROM part
WHERE p_partkey <= 6
ORDER BY p_partkey;

-- name: replace_and_trim
-- feature: replace, trim
-- ordered: yes
SELECT id, replace(label, 'a', 'A') AS replaced, trim(label) AS trimmed, ltrim(label) AS ltrimmed, rtrim(label) AS rtrimmed
FROM edge_cases
WHERE label IS NOT NULL
ORDER BY id;

-- name: split_part_type_words
-- feature: split_part
-- ordered: no
SELECT split_part(p_type, ' ', 3) AS material, count(*) AS parts
FROM part
GROUP BY 1;

-- name: regexp_like_filter
-- feature: regexp_like
-- ordered: no
SELECT count(*) AS n FROM customer WHERE regexp_like(c_phone, '^1[0-5]-');

-- name: regexp_extract_digits
-- feature: regexp_extract
-- ordered: yes
SELECT s_suppkey, regexp_extract(s_name, '[0-9]+') AS num, CAST(regexp_extract(s_name, '[1-9][0-9]*') AS integer) AS n
FROM supplier
WHERE s_suppkey IN (1, 42, 100)
ORDER BY s_suppkey;

-- name: regexp_replace_vowels
-- feature: regexp_replace
-- ordered: yes
SELECT n_nationkey, regexp_replace(n_name, '[AEIOU]', '*') AS masked
FROM nation
WHERE n_nationkey < 8
ORDER BY n_nationkey;

-- name: lpad_rpad
-- feature: lpad, rpad
-- ordered: yes
SELECT r_regionkey, lpad(CAST(r_regionkey AS varchar), 4, '0') AS padded, rpad(r_name, 12, '.') AS dotted
FROM region
ORDER BY r_regionkey;

-- name: reverse_and_starts_with
-- feature: reverse, starts_with
-- ordered: yes
SELECT n_name, reverse(n_name) AS backwards
FROM nation
WHERE starts_with(n_name, 'I')
ORDER BY n_name;

-- name: unicode_length_upper
-- feature: unicode length, upper
-- ordered: yes
SELECT id, label, length(label) AS chars, upper(label) AS shout
FROM edge_cases
WHERE id IN (5, 6, 7)
ORDER BY id;

-- name: unicode_substr
-- feature: unicode substr
-- ordered: yes
SELECT id, substr(label, 1, 3) AS head, substr(label, 2, 2) AS middle
FROM edge_cases
WHERE id IN (5, 6, 7)
ORDER BY id;

-- name: string_comparison_case
-- feature: string ordering, case sensitivity
-- ordered: yes
SELECT id, label FROM edge_cases WHERE label > 'Z' ORDER BY label, id;

-- name: concat_with_null
-- feature: concat null semantics
-- ordered: yes
SELECT id, concat('x', label) AS concat_fn, 'x' || label AS concat_op
FROM edge_cases
WHERE id IN (1, 3)
ORDER BY id;

-- name: chr_codepoint
-- feature: chr, codepoint
-- ordered: yes
SELECT r_regionkey, codepoint(CAST(substr(r_name, 1, 1) AS varchar(1))) AS cp, chr(65 + r_regionkey) AS letter
FROM region
ORDER BY r_regionkey;

-- name: split_array_index
-- feature: split, array subscript
-- ordered: yes
SELECT p_partkey, split(p_name, ' ')[2] AS second_word, cardinality(split(p_name, ' ')) AS words
FROM part
WHERE p_partkey <= 5
ORDER BY p_partkey;

-- name: format_function
-- feature: format
-- ordered: yes
SELECT r_regionkey, format('%s has key %d', r_name, r_regionkey) AS msg
FROM region
ORDER BY r_regionkey;

-- name: lower_like_case_insensitive
-- feature: lower like
-- ordered: no
SELECT count(*) AS n FROM orders WHERE lower(o_comment) LIKE '%special%requests%';

-- name: string_agg_group_distinct_words
-- feature: count distinct on substrings
-- ordered: yes
SELECT substr(c_mktsegment, 1, 1) AS initial, count(DISTINCT c_mktsegment) AS segments
FROM customer
GROUP BY 1
ORDER BY 1;

-- name: md5_hex
-- feature: md5, to_hex, to_utf8
-- ordered: yes
SELECT r_name, lower(to_hex(md5(to_utf8(r_name)))) AS digest
FROM region
ORDER BY r_name;

-- name: levenshtein_nations
-- feature: levenshtein_distance
-- ordered: yes
SELECT a.n_name AS a, b.n_name AS b, levenshtein_distance(a.n_name, b.n_name) AS dist
FROM nation a JOIN nation b ON a.n_nationkey < b.n_nationkey
WHERE levenshtein_distance(a.n_name, b.n_name) <= 3
ORDER BY dist, a, b;
