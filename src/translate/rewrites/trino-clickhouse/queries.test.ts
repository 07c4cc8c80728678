import { test } from 'node:test'
import assert from 'node:assert/strict'
import { translateSql } from '../../translate-sql.ts'

const toClickHouse = (sql: string): string => translateSql(sql, 'trino', 'clickhouse').sql
const refused = (sql: string, reason: RegExp): void => {
  assert.throws(() => toClickHouse(sql), (error: Error & { code?: string }) => error.code === 'TRANSLATION_FAILED' && reason.test(error.message))
}

test('an outer join keeps its kind and runs with join_use_nulls = 1 (once, on every SELECT of a top-level UNION)', () => {
  assert.equal(toClickHouse('SELECT c.k, o.v FROM c LEFT JOIN o ON o.k = c.k'), 'SELECT c.k, o.v FROM c LEFT JOIN o ON o.k = c.k SETTINGS join_use_nulls = 1')
  assert.equal(toClickHouse('SELECT 1 FROM a FULL OUTER JOIN b ON a.x = b.x UNION ALL SELECT 2 FROM c'),
    'SELECT 1 FROM a FULL JOIN b ON a.x = b.x SETTINGS join_use_nulls = 1 UNION ALL SELECT 2 FROM c SETTINGS join_use_nulls = 1')
  assert.equal(toClickHouse('SELECT * FROM (SELECT a.x FROM a RIGHT JOIN b ON a.x = b.x) AS s WHERE s.x IN (SELECT a.x FROM a LEFT JOIN b ON a.x = b.x)'),
    'SELECT * FROM (SELECT a.x FROM a RIGHT JOIN b ON a.x = b.x) AS s WHERE s.x IN (SELECT a.x FROM a LEFT JOIN b ON a.x = b.x) SETTINGS join_use_nulls = 1')
})

test('an outer join condition on the side that may be unmatched becomes a filtered subquery of it; others are refused', () => {
  assert.equal(toClickHouse("SELECT r.r_name, n.n_name FROM nation n RIGHT JOIN region r ON n.n_regionkey = r.r_regionkey AND n.n_name LIKE 'C%'"),
    "SELECT r.r_name, n.n_name FROM (SELECT * FROM nation AS n WHERE n.n_name LIKE 'C%') AS n RIGHT JOIN region AS r ON n.n_regionkey = r.r_regionkey SETTINGS join_use_nulls = 1")
  refused('SELECT 1 FROM a LEFT JOIN b ON a.x = b.x AND a.y > 1', /outer joins take only equalities between the two sides in ON/)
  refused('SELECT 1 FROM a LEFT JOIN b ON a.x < b.x', /need at least one equality/)
  refused('SELECT 1 FROM a LEFT JOIN b USING (x)', /instead of USING/)
})

test('inner joins: equalities between the sides go to ON, everything else to WHERE; FROM a, b becomes a JOIN', () => {
  assert.equal(toClickHouse('SELECT a.k FROM a JOIN b ON a.k = b.k AND a.x < b.x'), 'SELECT a.k FROM a JOIN b ON a.k = b.k WHERE a.x < b.x')
  assert.equal(toClickHouse('SELECT o.k FROM orders o, lineitem l WHERE o.k = l.k AND l.m = 1'), 'SELECT o.k FROM orders AS o JOIN lineitem AS l ON o.k = l.k WHERE l.m = 1')
  // TPC-H q19: the key common to every OR branch is taken out, (A AND B) OR (A AND C) = A AND (B OR C).
  assert.equal(toClickHouse('SELECT count(*) FROM l, p WHERE (p.k = l.k AND p.x = 1) OR (p.k = l.k AND l.y = 2)'),
    'SELECT toInt64(count()) FROM l JOIN p ON p.k = l.k WHERE ((p.x = 1) OR (l.y = 2))')
  assert.equal(toClickHouse('SELECT 1 FROM a JOIN b ON a.x > b.x'), 'SELECT 1 FROM a CROSS JOIN b WHERE a.x > b.x')
  assert.equal(toClickHouse('SELECT 1 FROM a JOIN b ON a.x = b.x'), 'SELECT 1 FROM a JOIN b ON a.x = b.x')
})

test('more than one JOIN in a SELECT is refused with the 18.16 limit named', () => {
  // Join chains are nested (see below), unless their columns are unqualified.
  refused('SELECT 1 FROM a JOIN b ON a.x = b.x LEFT JOIN c ON c.x = x', /only when every column is qualified/)
})

test('CTEs are inlined at each reference (a second reference gets its own copy of the rewritten query); WITH RECURSIVE is refused', () => {
  assert.equal(toClickHouse('WITH t(s, n) AS (SELECT o_status, count(*) FROM orders GROUP BY o_status) SELECT s, n FROM t'),
    'SELECT s, n FROM (SELECT o_status AS s, toInt64(count()) AS n FROM orders GROUP BY o_status) AS t')
  assert.equal(toClickHouse('WITH seg AS (SELECT k, count(*) AS n FROM c GROUP BY k) SELECT a.k, a.n - (SELECT min(n) FROM seg) FROM seg a'),
    'SELECT a.k, a.n - (SELECT IF(count(n) = 0, NULL, min(n)) FROM (SELECT k, toInt64(count()) AS n FROM c GROUP BY k) AS seg) FROM (SELECT k, toInt64(count()) AS n FROM c GROUP BY k) AS a')
  assert.equal(toClickHouse('WITH a AS (SELECT count(*) AS n FROM t), b AS (SELECT n FROM a) SELECT n FROM b'), 'SELECT n FROM (SELECT n FROM (SELECT toInt64(count()) AS n FROM t) AS a) AS b')
  assert.equal(toClickHouse('WITH unused AS (SELECT count(*) FROM t) SELECT 1'), 'SELECT 1')
  refused('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n', /no recursive WITH/)
})

test('VALUES in FROM becomes a UNION ALL of one-row SELECTs named by the column list', () => {
  assert.equal(toClickHouse("SELECT t.code FROM (VALUES ('F', 1), ('O', 2)) AS t (code, n)"), "SELECT t.code FROM (SELECT 'F' AS code, 1 AS n UNION ALL SELECT 'O' AS code, 2 AS n) AS t")
  assert.equal(toClickHouse('SELECT d FROM (SELECT 1, 2) AS t (d, e)'), 'SELECT d FROM (SELECT 1 AS d, 2 AS e) AS t')
})

test('UNION is DISTINCT over UNION ALL; INTERSECT / EXCEPT are NULL-safe IN / NOT IN; INTERSECT ALL is refused', () => {
  assert.equal(toClickHouse('SELECT a AS x FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 5'), 'SELECT DISTINCT * FROM (SELECT a AS x FROM t UNION ALL SELECT b FROM u) AS qf_set ORDER BY x LIMIT 5')
  assert.equal(toClickHouse('SELECT a FROM t EXCEPT SELECT b FROM u'),
    'SELECT DISTINCT * FROM (SELECT a FROM t) AS qf_set WHERE NOT ((isNull(a), assumeNotNull(a)) IN (SELECT isNull(b), assumeNotNull(b) FROM (SELECT b FROM u) AS qf_right))')
  refused('SELECT a FROM t INTERSECT ALL SELECT b FROM u', /no INTERSECT ALL/)
  refused('SELECT a + 1 FROM t INTERSECT SELECT b FROM u', /needs a name/)
})

test('window functions, EXISTS, correlated subqueries, LATERAL and grouping sets are refused, each with its reason', () => {
  refused('SELECT row_number() OVER (ORDER BY x) FROM t', /ClickHouse 18.16 has no window functions/)
  refused('SELECT 1 FROM o WHERE EXISTS (SELECT 1 FROM l WHERE l.k > o.k)', /has no EXISTS/)
  refused('SELECT 1 FROM o WHERE EXISTS (SELECT 1 FROM l WHERE l_k = o_k)', /has no EXISTS/)
  refused('SELECT o.k, (SELECT max(l.p) FROM l WHERE l.k > o.k) FROM o', /no correlated subqueries: the subquery refers to o/)
  refused('SELECT o.k, t.m FROM o CROSS JOIN LATERAL (SELECT l.p AS m FROM l WHERE l.k = o.k) t', /no LATERAL derived tables/)
  assert.equal(toClickHouse('SELECT o.k, t.m FROM o CROSS JOIN LATERAL (SELECT max(l.p) AS m FROM l WHERE l.k = o.k) t'),
    'SELECT o.k, t.m FROM o LEFT JOIN (SELECT l.k AS qf_k0, IF(count(l.p) = 0, NULL, max(l.p)) AS m FROM l GROUP BY l.k) AS t ON t.qf_k0 = o.k SETTINGS join_use_nulls = 1')
  refused('SELECT a FROM t WHERE a > ALL (SELECT b FROM u)', /no quantified comparison/)
  assert.equal(toClickHouse('SELECT a FROM t WHERE a = ANY (SELECT b FROM u)'), 'SELECT a FROM t WHERE a IN (SELECT b FROM u)')
  assert.equal(toClickHouse('SELECT k FROM o WHERE o.k IN (SELECT l.k FROM l WHERE l.p > 1)'), 'SELECT k FROM o WHERE o.k IN (SELECT l.k FROM l WHERE l.p > 1)')
})

test('CROSS JOIN UNNEST [WITH ORDINALITY] is ARRAY JOIN, t.x read as x; it does not count as 18.16\'s one JOIN', () => {
  assert.equal(toClickHouse('SELECT e.id, t.score, t.pos FROM e CROSS JOIN UNNEST(e.scores) WITH ORDINALITY AS t(score, pos) ORDER BY t.pos'),
    'SELECT e.id, score, pos FROM e ARRAY JOIN e.scores AS score, arrayEnumerate(e.scores) AS pos ORDER BY pos')
  assert.equal(toClickHouse('SELECT a.k, t.x FROM a JOIN b ON a.k = b.k CROSS JOIN UNNEST(a.xs) AS t(x)'), 'SELECT a.k, x FROM a JOIN b ON a.k = b.k ARRAY JOIN a.xs AS x')
})

test('a right-hand join key read outside ON is the left key in an inner join (18.16 does not return it), refused in an outer join', () => {
  assert.equal(toClickHouse('SELECT a.n, b.r FROM t a JOIN t b ON a.k = b.r ORDER BY b.r'), 'SELECT a.n, a.k AS r FROM t AS a JOIN t AS b ON a.k = b.r ORDER BY a.k')
  refused('SELECT coalesce(a.k, b.k) FROM a FULL JOIN b ON a.k = b.k', /does not return the right-hand key columns of a join \(b\.k\)/)
})

test('a chain of inner joins becomes nested two-table joins projecting the columns read later', () => {
  assert.equal(toClickHouse('SELECT r.name, count(*) AS n FROM a JOIN b ON a.k = b.k JOIN r ON b.rk = r.rk WHERE a.x = 1 GROUP BY r.name ORDER BY n'),
    'SELECT r.name, toInt64(count()) AS n FROM (SELECT a.x AS qf_a_x, a.k AS qf_a_k, a.k AS qf_b_k, b.rk AS qf_b_rk FROM a JOIN b ON a.k = b.k WHERE a.x = 1) AS qf_j1 JOIN r ON qf_j1.qf_b_rk = r.rk GROUP BY r.name ORDER BY n')
  // FROM a, b, c WHERE …: the equalities that join each new table are its ON; a column of a nested table keeps its name in the SELECT list.
  assert.equal(toClickHouse('SELECT a.v, c.w FROM a, b, c WHERE b.k = a.k AND c.j = b.j AND c.w > 2'),
    'SELECT qf_j1.qf_a_v AS v, c.w FROM (SELECT a.v AS qf_a_v, a.k AS qf_a_k, a.k AS qf_b_k, b.j AS qf_b_j FROM a JOIN b ON b.k = a.k) AS qf_j1 JOIN c ON c.j = qf_j1.qf_b_j WHERE c.w > 2')
  refused('SELECT v FROM a JOIN b ON a.k = b.k JOIN c ON c.k = b.k', /only when every column is qualified/)
})

test('a chain with outer joins is nested level by level, each keeping its ON; WHERE applies as its tables are joined unless a RIGHT/FULL join follows', () => {
  assert.equal(toClickHouse("SELECT r.name, sum(s.bal) AS b FROM r LEFT JOIN n ON n.rk = r.rk AND n.name = 'JAPAN' LEFT JOIN s ON s.nk = n.nk WHERE r.x > 0 GROUP BY r.name"),
    "SELECT qf_j1.qf_r_name AS name, IF(count(s.bal) = 0, NULL, sum(s.bal)) AS b FROM (SELECT r.name AS qf_r_name, n.nk AS qf_n_nk FROM r LEFT JOIN (SELECT * FROM n WHERE n.name = 'JAPAN') AS n ON n.rk = r.rk WHERE r.x > 0) AS qf_j1 " +
    'LEFT JOIN s ON s.nk = qf_j1.qf_n_nk GROUP BY qf_j1.qf_r_name SETTINGS join_use_nulls = 1')
  assert.equal(toClickHouse('SELECT a.v FROM a LEFT JOIN b ON a.k = b.k RIGHT JOIN c ON c.j = a.j WHERE a.x > 0'),
    'SELECT qf_j1.qf_a_v AS v FROM (SELECT a.v AS qf_a_v, a.x AS qf_a_x, a.j AS qf_a_j FROM a LEFT JOIN b ON a.k = b.k) AS qf_j1 RIGHT JOIN c ON c.j = qf_j1.qf_a_j WHERE qf_j1.qf_a_x > 0 SETTINGS join_use_nulls = 1')
  refused('SELECT a.x, b.k FROM a LEFT JOIN b ON a.k = b.k JOIN c ON c.j = b.j', /does not return the right-hand key columns of a join \(b\.k\), and in a LEFT JOIN/)
})

test('GROUP BY CUBE / ROLLUP / GROUPING SETS is a UNION ALL of one GROUP BY per set, keys outside the set NULL, grouping() a literal', () => {
  assert.equal(toClickHouse('SELECT a, b, count(*) AS n, grouping(a, b) AS g FROM t GROUP BY ROLLUP (a, b) ORDER BY g, a'),
    'SELECT * FROM (SELECT a, b, toInt64(count()) AS n, 0 AS g FROM t GROUP BY a, b UNION ALL SELECT a, NULL AS b, toInt64(count()) AS n, 1 AS g FROM t GROUP BY a ' +
    'UNION ALL SELECT NULL AS a, NULL AS b, toInt64(count()) AS n, 3 AS g FROM t) AS qf_groups ORDER BY g, a')
  assert.equal(toClickHouse('SELECT a, upper(b) AS ub, sum(b) AS s FROM t GROUP BY GROUPING SETS ((a), (b))'),
    'SELECT * FROM (SELECT a, upperUTF8(NULL) AS ub, IF(count(b) = 0, NULL, sum(b)) AS s FROM t GROUP BY a UNION ALL SELECT NULL AS a, upperUTF8(b) AS ub, IF(count(b) = 0, NULL, sum(b)) AS s FROM t GROUP BY b) AS qf_groups')
})

test('a correlated scalar subquery of one aggregate, correlated by equalities, is a grouped derived table LEFT JOINed on the keys', () => {
  assert.equal(toClickHouse('SELECT p.k FROM p WHERE p.c = (SELECT min(q.c) FROM q WHERE q.k = p.k AND q.x > 1)'),
    'SELECT p.k FROM p LEFT JOIN (SELECT q.k AS qf_k0, IF(count(q.c) = 0, NULL, min(q.c)) AS qf_v FROM q WHERE q.x > 1 GROUP BY q.k) AS qf_c1 ON qf_c1.qf_k0 = p.k WHERE p.c = qf_c1.qf_v SETTINGS join_use_nulls = 1')
  // A count over no rows is 0, not NULL.
  assert.equal(toClickHouse('SELECT n.name, (SELECT count(*) FROM s WHERE s.nk = n.nk) AS c FROM n'),
    'SELECT n.name, ifNull(qf_c1.qf_v, 0) AS c FROM n LEFT JOIN (SELECT s.nk AS qf_k0, toInt64(count()) AS qf_v FROM s GROUP BY s.nk) AS qf_c1 ON qf_c1.qf_k0 = n.nk SETTINGS join_use_nulls = 1')
  // count(*) + 1 is 1 over no rows: not decorrelated.
  refused('SELECT n.name, (SELECT count(*) + 1 FROM s WHERE s.nk = n.nk) AS c FROM n', /no correlated subqueries/)
})

test('a correlated aggregate over several tables is decorrelated with its own joins nested (TPC-H q2)', () => {
  assert.equal(toClickHouse('SELECT p.k FROM p WHERE p.c = (SELECT min(q.c) FROM q, s WHERE q.sk = s.sk AND q.k = p.k)'),
    'SELECT p.k FROM p LEFT JOIN (SELECT q.k AS qf_k0, IF(count(q.c) = 0, NULL, min(q.c)) AS qf_v FROM q JOIN s ON q.sk = s.sk GROUP BY q.k) AS qf_c1 ON qf_c1.qf_k0 = p.k WHERE p.c = qf_c1.qf_v SETTINGS join_use_nulls = 1')
})

test('[NOT] EXISTS correlated by equalities is a NULL-safe [NOT] IN of the keys', () => {
  assert.equal(toClickHouse('SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM l WHERE l.pk = p.pk AND l.q > 1)'),
    'SELECT toInt64(count()) FROM p WHERE NOT ((isNull(p.pk), assumeNotNull(p.pk)) IN (SELECT 0, l.pk FROM l WHERE l.q > 1 AND NOT (l.pk IS NULL)))')
})
