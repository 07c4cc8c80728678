-- name: array_cardinality_contains
-- requires: arrays
-- feature: cardinality, contains
-- ordered: yes
SELECT id, cardinality(tags) AS n_tags, contains(tags, 'red') AS has_red
FROM edge_cases
ORDER BY id;

-- name: array_join_fn
-- requires: arrays
-- feature: array_join
-- ordered: yes
SELECT id, array_join(tags, '|') AS joined
FROM edge_cases
WHERE cardinality(tags) > 0
ORDER BY id;

-- name: element_at_and_subscript
-- requires: arrays
-- feature: element_at, subscript
-- ordered: yes
SELECT id, element_at(scores, 1) AS first_score, element_at(scores, -1) AS last_score, tags[1] AS first_tag
FROM edge_cases
WHERE cardinality(tags) > 0 AND cardinality(scores) > 0
ORDER BY id;

-- name: unnest_cross_join
-- requires: arrays
-- feature: cross join unnest
-- ordered: no
SELECT e.id, t.tag
FROM edge_cases e CROSS JOIN UNNEST(e.tags) AS t (tag);

-- name: unnest_with_ordinality
-- requires: arrays
-- feature: unnest with ordinality
-- ordered: yes
SELECT e.id, t.score, t.pos
FROM edge_cases e CROSS JOIN UNNEST(e.scores) WITH ORDINALITY AS t (score, pos)
ORDER BY e.id, t.pos;

-- name: unnest_aggregate_tags
-- requires: arrays
-- feature: unnest then group by
-- ordered: yes
SELECT tag, count(*) AS uses
FROM edge_cases CROSS JOIN UNNEST(tags) AS t (tag)
GROUP BY tag
ORDER BY uses DESC, tag;

-- name: array_sort_distinct
-- requires: arrays
-- feature: array_sort, array_distinct
-- ordered: yes
SELECT id, array_sort(scores) AS sorted, array_distinct(tags) AS uniq
FROM edge_cases
WHERE id IN (1, 5, 7, 14)
ORDER BY id;

-- name: array_min_max
-- requires: arrays
-- feature: array_max, array_min
-- ordered: yes
SELECT id, array_max(scores) AS hi, array_min(scores) AS lo
FROM edge_cases
WHERE cardinality(scores) > 0
ORDER BY id;

-- name: transform_filter_lambda
-- requires: arrays
-- feature: transform, filter lambdas
-- ordered: yes
SELECT id, transform(scores, x -> x * 2) AS doubled, filter(scores, x -> x > 2) AS big
FROM edge_cases
WHERE id IN (1, 5, 9, 14)
ORDER BY id;

-- name: sequence_literal
-- requires: arrays
-- feature: sequence, array literal
-- ordered: no
SELECT sequence(1, 5) AS s, ARRAY[3, 1, 2] AS lit, cardinality(sequence(0, 20, 5)) AS steps;

-- name: array_position_fn
-- requires: arrays
-- feature: array_position
-- ordered: yes
SELECT id, array_position(tags, 'z') AS pos_z
FROM edge_cases
WHERE id IN (15, 16, 1)
ORDER BY id;

-- name: slice_and_concat
-- requires: arrays
-- feature: slice, array concatenation
-- ordered: yes
SELECT id, slice(scores, 1, 2) AS head2, scores || ARRAY[0] AS appended
FROM edge_cases
WHERE id IN (1, 9)
ORDER BY id;

-- name: array_agg_from_unnest
-- requires: arrays
-- feature: array_agg ordered over unnest
-- ordered: yes
SELECT e.id, array_agg(t.tag ORDER BY t.tag) AS sorted_tags
FROM edge_cases e CROSS JOIN UNNEST(e.tags) AS t (tag)
GROUP BY e.id
ORDER BY e.id;

-- name: count_column_ignores_nulls
-- feature: count column with nulls
-- ordered: no
SELECT count(*) AS all_rows, count(label) AS labels, count(qty) AS qtys, count(DISTINCT label) AS distinct_labels, sum(qty) AS total_qty
FROM edge_cases;

-- name: group_by_nullable_key
-- feature: group by null key
-- ordered: yes
SELECT flag, count(*) AS n, sum(qty) AS qty
FROM edge_cases
GROUP BY flag
ORDER BY flag NULLS FIRST;

-- name: distinct_with_nulls
-- feature: distinct null
-- ordered: no
SELECT DISTINCT day FROM edge_cases WHERE id IN (3, 13, 14, 5, 6);

-- name: where_null_comparisons
-- feature: null three-valued logic
-- ordered: yes
SELECT id FROM edge_cases WHERE NOT (qty > 5) OR qty IS NULL ORDER BY id;

-- name: case_with_nulls
-- feature: case null branches
-- ordered: yes
SELECT id, CASE WHEN flag THEN 'yes' WHEN NOT flag THEN 'no' ELSE 'unknown' END AS answer
FROM edge_cases
ORDER BY id;

-- name: decimal_sum_negative
-- feature: decimal sum with negatives and nulls
-- ordered: no
SELECT sum(amount) AS total, min(amount) AS lo, max(amount) AS hi, avg(amount) AS mean FROM edge_cases;

-- name: double_special_aggregates
-- feature: double aggregates
-- ordered: no
SELECT sum(ratio) AS s, min(ratio) AS lo, max(ratio) AS hi, avg(ratio) AS mean FROM edge_cases WHERE abs(ratio) < 1e10;

-- name: empty_string_vs_null
-- feature: empty string is not null
-- ordered: yes
SELECT id, label = '' AS is_empty, label IS NULL AS is_null, length(label) AS len
FROM edge_cases
WHERE id IN (3, 4)
ORDER BY id;

-- name: json_extract_scalar_fn
-- feature: json_extract_scalar
-- ordered: no
SELECT json_extract_scalar('{"a": {"b": 5}, "c": [1, 2]}', '$.a.b') AS b, json_array_length('[1, 2, 3]') AS n;

-- name: boolean_column_filter
-- feature: boolean column
-- ordered: yes
SELECT id, flag FROM edge_cases WHERE flag ORDER BY id;

-- name: string_length_unicode_sum
-- feature: length of unicode in aggregate
-- ordered: no
SELECT sum(length(label)) AS chars FROM edge_cases;
