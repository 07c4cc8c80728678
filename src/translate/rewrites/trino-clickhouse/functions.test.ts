import { test } from 'node:test'
import assert from 'node:assert/strict'
import { translateSql } from '../../translate-sql.ts'
import type { TableSchema } from '../../translator.ts'
import { parseLiteralDate } from './functions.ts'

const TABLES: TableSchema[] = [
  { name: 'orders', columns: [{ name: 'k', type: 'integer' }, { name: 'price', type: 'decimal(15,2)' }, { name: 'ts', type: 'timestamp(0)' }, { name: 'd', type: 'date' }, { name: 'x', type: 'double' }] },
  { name: 'big', columns: [{ name: 'k', type: 'bigint' }] },
]
const toClickHouse = (sql: string): string => translateSql(sql, 'trino', 'clickhouse', TABLES).sql
const refused = (sql: string, reason: RegExp): void => {
  assert.throws(() => toClickHouse(sql), (error: Error & { code?: string }) => error.code === 'TRANSLATION_FAILED' && reason.test(error.message))
}

test('decimal literals stay decimals; a decimal meeting a double becomes a double, as in Trino', () => {
  assert.equal(toClickHouse('SELECT k FROM orders WHERE price BETWEEN 0.05 AND 0.07'), "SELECT k FROM orders WHERE price BETWEEN toDecimal128('0.05', 2) AND toDecimal128('0.07', 2)")
  assert.equal(toClickHouse('SELECT x * 1.5 FROM orders'), "SELECT x * toFloat64(toDecimal128('1.5', 1)) FROM orders")
  assert.equal(toClickHouse('SELECT 1e3 FROM orders'), 'SELECT 1e3 FROM orders')
})

test('decimal division rounds half away from zero at the larger scale, as Trino does', () => {
  assert.equal(toClickHouse('SELECT price / 3 FROM orders'), 'SELECT toDecimal128(round(toDecimal128(price, 3) / 3, 2), 2) FROM orders')
  assert.equal(toClickHouse('SELECT 7.0 / 2'), "SELECT toDecimal128(round(toDecimal128(toDecimal128('7.0', 1), 2) / 2, 1), 1)")
  assert.equal(toClickHouse('SELECT k / 7 FROM orders'), 'SELECT intDiv(k, 7) FROM orders')
})

test('casts of fractions to integers round as in Trino', () => {
  assert.equal(toClickHouse('SELECT CAST(price AS integer) FROM orders'), 'SELECT toInt32(round(price)) FROM orders')
  assert.equal(toClickHouse('SELECT CAST(x AS bigint) FROM orders'), 'SELECT toInt64(IF(x >= 0, FLOOR(x + 0.5), CEIL(x - 0.5))) FROM orders')
})

test('join keys of different integer types are compared as Int64', () => {
  assert.equal(toClickHouse('SELECT a.k FROM orders a JOIN orders b ON b.k = a.k + 1'), 'SELECT a.k FROM orders AS a JOIN orders AS b ON toInt64(b.k) = toInt64(a.k + 1)')
  assert.equal(toClickHouse('SELECT a.k FROM orders a JOIN big b ON b.k = a.k'), 'SELECT a.k FROM orders AS a JOIN big AS b ON toInt64(b.k) = toInt64(a.k)')
  assert.equal(toClickHouse('SELECT a.k FROM orders a JOIN orders b ON b.k = a.k'), 'SELECT a.k FROM orders a JOIN orders b ON b.k = a.k')
})

test('IS [NOT] DISTINCT FROM, LIKE … ESCAPE, sign, format', () => {
  assert.equal(toClickHouse('SELECT k FROM orders WHERE x IS DISTINCT FROM 1'), 'SELECT k FROM orders WHERE NOT (isNull(x) = isNull(1) AND assumeNotNull(x) = assumeNotNull(1))')
  assert.equal(toClickHouse("SELECT 'a%' LIKE '%\\%' ESCAPE '\\'"), "SELECT 'a%' LIKE '%\\\\%'")
  assert.equal(toClickHouse("SELECT 'a%' LIKE '%!%' ESCAPE '!', 'a\\' LIKE '%\\'"), "SELECT 'a%' LIKE '%\\\\%', 'a\\\\' LIKE '%\\\\'")
  assert.equal(toClickHouse('SELECT sign(k), sign(x) FROM orders'), 'SELECT multiIf(k > 0, 1, k < 0, -1, 0), toFloat64(multiIf(x > 0, 1, x < 0, -1, 0)) FROM orders')
  assert.equal(toClickHouse("SELECT format('%s has %d%%', 'x', k) FROM orders"), "SELECT concat(ifNull(toString('x'), 'null'), ' has ', ifNull(toString(k), 'null'), '%') FROM orders")
  refused("SELECT format('%5.2f', x) FROM orders", /uses %5/)
})

test('substr with literal positions counts characters; other positions are refused', () => {
  assert.equal(toClickHouse("SELECT substr('héllo', 2), substr('héllo', 2, 2), substr('héllo', -3), substr('héllo', -3, 2)"),
    "SELECT substringUTF8('héllo', 2, 4294967295), substringUTF8('héllo', 2, 2), reverseUTF8(substringUTF8(reverseUTF8('héllo'), 1, 3)), substringUTF8(reverseUTF8(substringUTF8(reverseUTF8('héllo'), 1, 3)), 1, 2)")
  refused('SELECT substr(CAST(k AS varchar), k) FROM orders', /substr needs literal start and length/)
})

test('date and time: date - date refused, timestamp ± interval and date_trunc lose the zone ClickHouse adds, date_parse of literals', () => {
  refused('SELECT d - d FROM orders', /interval day to second/)
  assert.equal(toClickHouse("SELECT ts + INTERVAL '90' MINUTE FROM orders"), 'SELECT toDateTime(toUnixTimestamp(ts + toIntervalMinute(90))) FROM orders')
  assert.equal(toClickHouse("SELECT date_trunc('hour', ts) FROM orders"), 'SELECT toDateTime(toUnixTimestamp(toStartOfHour(ts))) FROM orders')
  assert.equal(toClickHouse("SELECT date_parse('15/03/1995 10:30', '%d/%m/%Y %H:%i')"), "SELECT toDateTime('1995-03-15 10:30:00')")
  assert.equal(parseLiteralDate('1995-02-30', '%Y-%m-%d'), undefined)
  refused("SELECT date_parse(CAST(k AS varchar), '%Y') FROM orders", /only for a literal string and format/)
  refused("SELECT json_extract_scalar('{}', '$.a')", /no JSON path functions/)
})

test('bool_and / bool_or, array_agg (NULLs kept, ordered) and listagg are written out; array_agg without GROUP BY is refused', () => {
  assert.equal(toClickHouse('SELECT k, bool_and(x > 0), bool_or(x = 1) FROM orders GROUP BY k'), 'SELECT k, IF(count(x > 0) = 0, NULL, min(x > 0)), IF(count(x = 1) = 0, NULL, max(x = 1)) FROM orders GROUP BY k')
  assert.equal(toClickHouse('SELECT k, array_agg(x ORDER BY x DESC) FROM orders GROUP BY k'),
    'SELECT k, arrayMap(qf_t -> tupleElement(qf_t, 1), arrayReverseSort(qf_t -> tupleElement(qf_t, 2), groupArray(tuple(x, x)))) FROM orders GROUP BY k')
  assert.equal(toClickHouse("SELECT k, listagg(CAST(x AS varchar), ', ') WITHIN GROUP (ORDER BY d) FROM orders GROUP BY k"),
    "SELECT k, IF(count(CAST(x AS String)) = 0, NULL, arrayStringConcat(arrayMap(qf_t -> tupleElement(qf_t, 1), arraySort(qf_t -> tupleElement(qf_t, 2), groupArrayIf(tuple(assumeNotNull(CAST(x AS String)), d), (CAST(x AS String)) IS NOT NULL))), ', ')) FROM orders GROUP BY k")
  refused('SELECT array_agg(k) FROM orders', /array_agg without GROUP BY/)
})

test('split_part, lpad/rpad, regexp_extract and format_datetime with literal arguments', () => {
  assert.equal(toClickHouse("SELECT split_part(CAST(k AS varchar), ' ', 3) FROM orders"),
    "SELECT IF(isNull(CAST(k AS String)), NULL, IF(3 <= LENGTH(splitByString(' ', assumeNotNull(CAST(k AS String)))), arrayElement(splitByString(' ', assumeNotNull(CAST(k AS String))), 3), NULL)) FROM orders")
  assert.equal(toClickHouse("SELECT lpad('7', 3, 'ab')"), "SELECT IF(lengthUTF8('7') >= 3, substringUTF8('7', 1, 3), concat(SUBSTRING('aba', 1, 3 - lengthUTF8('7')), '7'))")
  assert.equal(toClickHouse("SELECT regexp_extract('a12', '[0-9]+')"), "SELECT if(match('a12', '[0-9]+'), extract('a12', '([0-9]+)'), NULL)")
  assert.equal(toClickHouse("SELECT format_datetime(ts, 'yyyy/MM/dd HH:mm') FROM orders"), "SELECT formatDateTime(ts, '%Y/%m/%d %H:%M') FROM orders")
  refused("SELECT format_datetime(ts, 'EEE') FROM orders", /Joda-Time patterns are not translated/)
  refused("SELECT lpad('7', 3, 'é')", /no leftPad/)
})

test('date_format prints month and weekday names through a literal array (18.16 has none)', () => {
  assert.equal(toClickHouse("SELECT date_format(d, '%b %Y') FROM orders"),
    "SELECT concat(arrayElement(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], toMonth(d)), formatDateTime(d, ' %Y')) FROM orders")
})

test('a decimal scalar subquery over a CTE referenced twice keeps its scale (TPC-H q15)', () => {
  assert.equal(toClickHouse('WITH r AS (SELECT k, sum(price) AS total FROM orders GROUP BY k) SELECT a.k FROM r a WHERE a.total = (SELECT max(total) FROM r)'),
    'SELECT a.k FROM (SELECT k, IF(count(price) = 0, NULL, sum(price)) AS total FROM orders GROUP BY k) AS a WHERE a.total = toDecimal128((SELECT toString(IF(count(total) = 0, NULL, max(total))) FROM (SELECT k, IF(count(price) = 0, NULL, sum(price)) AS total FROM orders GROUP BY k) AS r), 2)')
})

test('array_agg and listagg never make ClickHouse 18.16 collect a Decimal128 (it crashes the server)', () => {
  assert.match(toClickHouse('SELECT k, array_agg(price) FROM orders GROUP BY k'), /groupArray\(tuple\(price\)\)/, 'decimal(15,2) is a Decimal64: safe')
  refused('SELECT k, array_agg(price * price) FROM orders GROUP BY k', /crashes when groupArray collects a Decimal128/)
  refused('SELECT k, array_agg(x ORDER BY price * 2) FROM orders GROUP BY k', /crashes when groupArray collects a Decimal128/)
  // polyglot leaves a key inside the aggregate's ORDER BY untyped: only the value itself is known.
  refused('SELECT k, array_agg(x ORDER BY d DESC) FROM orders GROUP BY k', /crashes when groupArray collects a Decimal128/)
  refused('SELECT u, array_agg(v) FROM unknown_table GROUP BY u', /crashes when groupArray collects a Decimal128/)
})
