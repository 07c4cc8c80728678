import { test } from 'node:test'
import assert from 'node:assert/strict'
import { translateSql } from '../../translate-sql.ts'
import type { TableSchema } from '../../translator.ts'

const TABLES: TableSchema[] = [
  { name: 'o', columns: [{ name: 'k', type: 'integer' }, { name: 'c', type: 'integer' }, { name: 'd', type: 'date' }, { name: 'p', type: 'decimal(12,2)' }, { name: 's', type: 'varchar' }, { name: 'w', type: 'decimal(38,2)' }] },
]
const toClickHouse = (sql: string): string => translateSql(sql, 'trino', 'clickhouse', TABLES).sql
const refused = (sql: string, reason: RegExp): void => {
  assert.throws(() => toClickHouse(sql), (error: Error & { code?: string }) => error.code === 'TRANSLATION_FAILED' && reason.test(error.message))
}

test('row_number over a partition: grouped by the keys, sorted by (isNull, value) per order key, one row back per element', () => {
  const sql = toClickHouse('SELECT c, k, d, row_number() OVER (PARTITION BY c ORDER BY d, k) AS n FROM o WHERE c <= 5 ORDER BY c, n')
  assert.match(sql, /^SELECT qf_c0 AS "c", qf_c1 AS "k", qf_c2 AS "d", qf_v0 AS n FROM \(SELECT arrayJoin\(arrayMap\(\(r, v0\) -> tuple\(r, v0\), arraySort\(x -> tupleElement\(x, 1\), groupArray\(tuple\(tuple\(isNull\(qf_b4\), assumeNotNull\(qf_b4\), isNull\(qf_b5\), assumeNotNull\(qf_b5\)\), /)
  assert.match(sql, /arrayMap\(i -> toInt64\(i\), arrayEnumerate\(/)
  assert.match(sql, /FROM \(SELECT c AS qf_b0, k AS qf_b1, d AS qf_b2, c AS qf_b3, d AS qf_b4, k AS qf_b5 FROM o WHERE c <= 5\) AS qf_w1 GROUP BY qf_b3\) AS qf_w ORDER BY c, n$/)
})

test('DESC negates the key (dates as day numbers); NULLS FIRST sorts on isNotNull', () => {
  assert.match(toClickHouse('SELECT k, p, rank() OVER (ORDER BY p DESC) AS r FROM o'), /tuple\(tuple\(isNull\(qf_b2\), -\(assumeNotNull\(qf_b2\)\)\)/)
  assert.match(toClickHouse('SELECT k, d, rank() OVER (ORDER BY d DESC NULLS FIRST) AS r FROM o'), /tuple\(tuple\(isNotNull\(qf_b2\), -toInt64\(assumeNotNull\(qf_b2\)\)\)/)
  refused('SELECT k, s, rank() OVER (ORDER BY s DESC) AS r FROM o', /ordered by text in DESC order is not emulated/)
})

test('rank and the default RANGE frame use the peers (arrayEnumerateUniq over the sorted keys); ROWS frames use the row', () => {
  assert.match(toClickHouse('SELECT k, c, rank() OVER (ORDER BY c) AS r FROM o'), /arrayMap\(\(i, f\) -> toInt64\(f\), arrayEnumerate\(/)
  const running = toClickHouse('SELECT k, c, sum(p) OVER (ORDER BY c) AS r FROM o')
  assert.match(running, /arrayMap\(\(i, l\) -> IF\(arrayReduce\('count', arraySlice\(\(.*\), greatest\(1, 1\), greatest\(least\(l, LENGTH\(/)
  assert.match(running, /arrayReverse\(arrayEnumerateUniq\(arrayReverse\(/)
  assert.match(toClickHouse('SELECT k, avg(c) OVER (ORDER BY k ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS a FROM o'), /greatest\(\(i - 2\), 1\)/)
})

test('a named window and several functions over one window share one grouping', () => {
  const sql = toClickHouse('SELECT k, c, sum(p) OVER w AS t, count(*) OVER w AS n FROM o WINDOW w AS (PARTITION BY c) ORDER BY k')
  assert.equal(sql.match(/GROUP BY/g)?.length, 1)
  assert.match(sql, /tupleElement\(qf_z, 2\) AS qf_v0, tupleElement\(qf_z, 3\) AS qf_v1/)
})

test('a window over a grouped query reads the grouped rows; a select item mixing a window with other operands keeps them', () => {
  const sql = toClickHouse('SELECT c, count(*) AS n, count(*) - min(count(*)) OVER () AS above FROM o GROUP BY c')
  assert.match(sql, /FROM \(SELECT c AS qf_b0, toInt64\(count\(\)\) AS qf_b1, toInt64\(count\(\)\) AS qf_b2, toInt64\(count\(\)\) AS qf_b3 FROM o GROUP BY c\) AS qf_w1\) AS qf_w$/)
  assert.match(sql, /^SELECT qf_c0 AS "c", qf_c1 AS n, qf_c2 - qf_v0 AS above FROM/)
})

test('what cannot be kept exact is refused with the reason', () => {
  refused('SELECT k, rank() OVER (ORDER BY c), rank() OVER (ORDER BY d) FROM o', /different PARTITION BY \/ ORDER BY in one SELECT/)
  refused('SELECT k, sum(c) OVER (ORDER BY d RANGE BETWEEN INTERVAL \'6\' DAY PRECEDING AND CURRENT ROW) FROM o', /RANGE frame with an offset/)
  refused('SELECT k, avg(p) OVER (PARTITION BY c) FROM o', /avg of a decimal/)
  refused('SELECT k, first_value(c) IGNORE NULLS OVER (ORDER BY k) FROM o', /IGNORE NULLS/)
  refused('SELECT k FROM o ORDER BY rank() OVER (ORDER BY c)', /only in a SELECT list/)
  refused('SELECT *, rank() OVER (ORDER BY c) FROM o', /beside SELECT \*/)
  refused('SELECT k, lag(c, k) OVER (ORDER BY k) FROM o', /literal offset/)
})

test('a value that may be a Decimal128 is never collected with groupArray (ClickHouse 18.16 crashes on it)', () => {
  refused('SELECT k, rank() OVER (ORDER BY w) FROM o', /may be a Decimal128/)
  refused('SELECT c, sum(p) AS t, rank() OVER (ORDER BY sum(p)) FROM o GROUP BY c', /may be a Decimal128/)
  refused('SELECT x, row_number() OVER (ORDER BY x) FROM (SELECT count(*) AS x FROM o) t', /may be a Decimal128/)
  // decimal(12, 2) is a Decimal64 in ClickHouse: collected.
  assert.match(toClickHouse('SELECT k, c, p - min(p) OVER (PARTITION BY c) AS above FROM o'), /groupArray/)
})

test('lag / lead read the row at the offset, else the default; a decimal with a non-decimal default is refused (18.16 if() cannot mix them)', () => {
  assert.match(toClickHouse('SELECT k, c, lag(c, 2, 0) OVER (ORDER BY k) AS x FROM o'), /arrayMap\(\(i, d\) -> IF\(i > 2, \(arrayMap\(x -> tupleElement\(x, 4\), .*\)\)\[i - 2\], d\), arrayEnumerate\(/)
  assert.match(toClickHouse('SELECT k, c, lead(c) OVER (ORDER BY k) AS x FROM o'), /IF\(i \+ 1 <= LENGTH\(.*\), \(arrayMap\(x -> tupleElement\(x, 4\), .*\)\)\[i \+ 1\], NULL\)/)
  refused('SELECT k, p, lag(p, 1, 0) OVER (ORDER BY k) AS x FROM o', /a default that is not a decimal of its type/)
})
