/**
 * Trino → MySQL-wire rewrite rules (src/translate/rewrites/trino-mysql) on a real MariaDB: each
 * statement is translated from Trino and run, and the answer is Trino's (the expected values are
 * what Trino 476 returns for the same statement over the same rows).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import mysql from 'mysql2/promise'
import { ErrorCode } from '../../../src/core/errors.ts'
import { translateSql } from '../../../src/translate/translate-sql.ts'
import type { TableSchema } from '../../../src/translate/translator.ts'
import { ensureMariadb } from '../../harness/servers/mariadb.ts'

const SUFFIX = `${process.pid}`
const WORDS = `tm_words_${SUFFIX}`
const LEFT = `tm_left_${SUFFIX}`
const RIGHT = `tm_right_${SUFFIX}`

/** What the engine's metadata says of the test table (Trino type names), as QueryService passes it. */
const SCHEMA: readonly TableSchema[] = [{ name: WORDS, columns: [
  { name: 'id', type: 'integer' }, { name: 'w', type: 'varchar(40)' }, { name: 'x', type: 'integer' }, { name: 'y', type: 'double' }, { name: 'd', type: 'date' },
] }]

function failsWith (sql: string, pattern: RegExp): void {
  assert.throws(() => translateSql(sql, 'trino', 'mysql'), (error: { code?: string, message?: string }) => {
    assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
    assert.match(error.message ?? '', pattern)
    return true
  })
}

describe('trino → mysql rewrites on real MariaDB', () => {
  let db: mysql.Connection

  /** The rows of a Trino statement translated and run on MariaDB, as arrays of JS values. */
  async function rows (trinoSql: string, tables: readonly TableSchema[] = []): Promise<unknown[][]> {
    const { sql } = translateSql(trinoSql, 'trino', 'mysql', tables)
    const [result] = await db.query({ sql, rowsAsArray: true })
    return (result as unknown[][]).map((row) => row.map((v) => Buffer.isBuffer(v) ? v.toString('utf8') : v))
  }

  before(async () => {
    const env = await ensureMariadb()
    db = await mysql.createConnection({ uri: env.QF_TEST_MARIADB_URL!, charset: 'UTF8MB4_GENERAL_CI', decimalNumbers: true, dateStrings: true })
    // The table's collation is MariaDB's default: case-insensitive, PAD SPACE.
    await db.query(`CREATE TABLE ${WORDS} (id INT PRIMARY KEY, w VARCHAR(40), x INT, y DOUBLE, d DATE) DEFAULT CHARSET utf8mb4`)
    await db.query(`INSERT INTO ${WORDS} VALUES (1, 'alpha', 10, 1.5, '2024-01-01'), (2, 'ZULU', 20, 9.5, '2024-01-03'), (3, 'zulu', NULL, 7.0, '2024-01-08'),
      (4, 'a ', 40, NULL, '2024-01-09'), (5, 'a', 50, 2.0, '2024-01-20'), (6, NULL, 60, 8.5, NULL)`)
    await db.query(`CREATE TABLE ${LEFT} (k VARCHAR(10), a INT)`)
    await db.query(`CREATE TABLE ${RIGHT} (k VARCHAR(10), b INT)`)
    await db.query(`INSERT INTO ${LEFT} VALUES ('p', 1), ('q', 2), (NULL, 3)`)
    await db.query(`INSERT INTO ${RIGHT} VALUES ('q', 20), ('r', 30), (NULL, 40)`)
  })

  after(async () => {
    if (db === undefined) return
    await db.query(`DROP TABLE IF EXISTS ${WORDS}, ${LEFT}, ${RIGHT}`)
    await db.end()
  })

  test('binary-string-comparison: string comparisons are case- and space-sensitive, by code point', async () => {
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w > 'ZULU' ORDER BY id`), [[1], [3], [4], [5]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w = 'zulu'`), [[3]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w = 'a'`), [[5]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w <> 'ZULU' ORDER BY id`), [[1], [3], [4], [5]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w IN ('ZULU', 'a') ORDER BY id`), [[2], [5]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w NOT IN ('zulu', 'a') ORDER BY id`), [[1], [2], [4]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w BETWEEN 'a' AND 'b' ORDER BY id`), [[1], [4], [5]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w LIKE 'z%'`), [[3]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w IS NOT DISTINCT FROM 'ZULU'`), [[2]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w IS DISTINCT FROM 'ZULU' ORDER BY id`), [[1], [3], [4], [5], [6]])
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} WHERE w IN (SELECT w FROM ${WORDS} WHERE id = 3) ORDER BY id`, SCHEMA), [[3]])
  })

  test('binary-case-operand and binary-string-functions: CASE, nullif, greatest/least and strpos are case-sensitive', async () => {
    assert.deepEqual(await rows(`SELECT CASE w WHEN 'zulu' THEN 'lower' WHEN 'ZULU' THEN 'upper' END, nullif(w, 'zulu'), greatest(w, 'b'), least(w, 'b'), strpos(w, 'U'), position('u' IN w) FROM ${WORDS} WHERE id IN (2, 3) ORDER BY id`, SCHEMA),
      [['upper', 'ZULU', 'b', 'ZULU', 2, 0], ['lower', null, 'zulu', 'b', 0, 2]])
    assert.deepEqual(await rows("SELECT strpos('naïve café', 'é'), strpos('aXbx', 'x')"), [[10, 4]])
  })

  test('null-ordering and binary-count-distinct: string keys sort by code point, NULLs last; distinct strings counted by bytes', async () => {
    assert.deepEqual(await rows(`SELECT id FROM ${WORDS} ORDER BY CAST(w AS varchar), id`), [[2], [5], [4], [1], [3], [6]])
    assert.deepEqual(await rows(`SELECT id, CAST(w AS varchar) AS s FROM ${WORDS} ORDER BY 2 DESC, id`), [[3, 'zulu'], [1, 'alpha'], [4, 'a '], [5, 'a'], [2, 'ZULU'], [6, null]])
    assert.deepEqual(await rows(`SELECT count(DISTINCT CAST(w AS varchar)) FROM ${WORDS}`), [[5]])
  })

  test('with the schema, string columns compare and sort by code point and a RANGE key from a derived table is a DATE', async () => {
    assert.deepEqual(await rows(`SELECT a.id, b.id FROM ${WORDS} a JOIN ${WORDS} b ON a.w IS NOT DISTINCT FROM b.w AND a.id < b.id`, SCHEMA), [])
    assert.deepEqual(await rows(`SELECT a.id, b.id FROM ${WORDS} a JOIN ${WORDS} b ON a.w = b.w AND a.id <> b.id`, SCHEMA), [])
    assert.deepEqual(await rows(`SELECT id, w FROM ${WORDS} ORDER BY w DESC, id`, SCHEMA), [[3, 'zulu'], [1, 'alpha'], [4, 'a '], [5, 'a'], [2, 'ZULU'], [6, null]])
    assert.deepEqual(await rows(`SELECT count(DISTINCT w) FROM ${WORDS}`, SCHEMA), [[5]])
    // binary-string-keys: 'ZULU'/'zulu' and 'a'/'a ' are four groups and partitions; window keys sort by code point, NULLs last.
    assert.deepEqual(await rows(`SELECT w, count(*) FROM ${WORDS} GROUP BY w ORDER BY 1`, SCHEMA), [['ZULU', 1], ['a', 1], ['a ', 1], ['alpha', 1], ['zulu', 1], [null, 1]])
    assert.deepEqual(await rows(`SELECT DISTINCT w FROM ${WORDS} WHERE id < 6 ORDER BY w`, SCHEMA), [['ZULU'], ['a'], ['a '], ['alpha'], ['zulu']])
    // binary-min-max: code-point min/max, also as a window (window-aggregate-wrap).
    assert.deepEqual(await rows(`SELECT min(w), max(w) FROM ${WORDS}`, SCHEMA), [['ZULU', 'zulu']])
    assert.deepEqual(await rows(`SELECT id, max(w) OVER (PARTITION BY id > 2) FROM ${WORDS} ORDER BY id`, SCHEMA), [[1, 'alpha'], [2, 'alpha'], [3, 'zulu'], [4, 'zulu'], [5, 'zulu'], [6, 'zulu']])
    assert.deepEqual(await rows(`SELECT id, w, count(*) OVER (PARTITION BY w), row_number() OVER (ORDER BY w) FROM ${WORDS} ORDER BY id`, SCHEMA),
      [[1, 'alpha', 1, 4], [2, 'ZULU', 1, 1], [3, 'zulu', 1, 5], [4, 'a ', 1, 3], [5, 'a', 1, 2], [6, null, 1, 6]])
    assert.deepEqual(await rows(`SELECT id, count(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '6' DAY PRECEDING AND CURRENT ROW) FROM (SELECT id, x, d FROM ${WORDS} WHERE d IS NOT NULL) t ORDER BY id`, SCHEMA),
      [[1, 1], [2, 2], [3, 1], [4, 2], [5, 1]])
    // A window sum of an integer column is a bigint, cast around the whole window call.
    assert.deepEqual(await rows(`SELECT id, sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '6' DAY PRECEDING AND CURRENT ROW) FROM (SELECT id, x, d FROM ${WORDS} WHERE d IS NOT NULL) t ORDER BY id`, SCHEMA),
      [[1, 10], [2, 30], [3, 20], [4, 60], [5, 50]])
  })

  test('full-outer-join: unmatched rows of both sides once, ORDER BY and LIMIT over the whole result', async () => {
    const sql = `SELECT l.k AS lk, r.k AS rk, a, b FROM ${LEFT} l FULL OUTER JOIN ${RIGHT} r ON l.k = r.k ORDER BY a, b`
    assert.deepEqual(await rows(sql), [['p', null, 1, null], ['q', 'q', 2, 20], [null, null, 3, null], [null, 'r', null, 30], [null, null, null, 40]])
    assert.deepEqual(await rows(`${sql} LIMIT 2`), [['p', null, 1, null], ['q', 'q', 2, 20]])
    assert.deepEqual(await rows(`SELECT b FROM ${LEFT} l FULL JOIN ${RIGHT} r ON l.k = r.k WHERE b > 20 ORDER BY b`), [[30], [40]])
    // Rewritten expressions (length, code-point equality) are repeated in both halves and the NOT EXISTS.
    assert.deepEqual(await rows(`SELECT length(l.k) AS n, r.k FROM ${LEFT} l FULL JOIN ${RIGHT} r ON l.k = r.k WHERE length(r.k) = 1 OR l.k IS NULL ORDER BY r.k`),
      [[1, 'q'], [null, 'r'], [null, null], [null, null]])
    failsWith(`SELECT l.a FROM ${LEFT} l FULL JOIN ${RIGHT} r ON l.k = r.k ORDER BY r.b`, /sorted by r\.b, which is not in the select list/)
    failsWith(`SELECT count(*) FROM ${LEFT} l FULL JOIN ${RIGHT} r ON l.k = r.k`, /FULL OUTER JOIN is in a query with GROUP BY, aggregates/)
  })

  test('lateral-aggregate: an aggregating LATERAL subquery is a correlated scalar subquery; others are refused', async () => {
    assert.deepEqual(await rows(`SELECT l.a, t.n, t.total FROM ${LEFT} l CROSS JOIN LATERAL (SELECT count(*) AS n, sum(b) AS total FROM ${RIGHT} r WHERE r.b > l.a * 10) t ORDER BY l.a`),
      [[1, 3, 90], [2, 2, 70], [3, 1, 40]])
    assert.deepEqual(await rows(`SELECT l.a, t.top FROM ${LEFT} l CROSS JOIN LATERAL (SELECT max(length(r.k)) AS top, max(r.k || 'x') AS unused FROM ${RIGHT} r WHERE r.k = l.k) t ORDER BY t.top DESC, l.a`),
      [[2, 1], [1, null], [3, null]])
    failsWith(`SELECT l.a, t.b FROM ${LEFT} l CROSS JOIN LATERAL (SELECT b FROM ${RIGHT} r WHERE r.k = l.k) t`, /LATERAL has no MySQL equivalent/)
  })

  test('bool-aggregates: bool_and/every/bool_or over conditions skip NULLs', async () => {
    assert.deepEqual(await rows(`SELECT bool_and(x > 5), every(x > 15), bool_or(x > 55), bool_or(x > 100) FROM ${WORDS}`), [[1, 0, 1, 0]])
    assert.deepEqual(await rows(`SELECT bool_and(x > 5 OR y > 100) FROM ${WORDS} WHERE x IS NULL`), [[null]])
  })

  test('max-by-min-by: the value at the largest/smallest non-NULL key, NULL values kept', async () => {
    assert.deepEqual(await rows(`SELECT max_by(CAST(id AS integer), y), min_by(CAST(id AS integer), y), max_by(CAST(w AS varchar), x), min_by(CAST(x AS integer), y) FROM ${WORDS}`),
      [[2, 1, null, 10]])
    assert.deepEqual(await rows(`SELECT max_by(CAST(x AS integer), y) FROM ${WORDS} WHERE id = 3`), [[null]])
    assert.deepEqual(await rows(`SELECT max_by(CAST(id AS integer), y) FROM ${WORDS} WHERE y IS NULL`), [[null]])
    failsWith(`SELECT max_by(x, y) FROM ${WORDS}`, /max_by\(\) is translated to MySQL only when the type of its first argument is known/)
  })

  test('range-frame-days: a RANGE frame of n days over a DATE key', async () => {
    assert.deepEqual(await rows(`SELECT id, sum(x) OVER (ORDER BY CAST(d AS date) RANGE BETWEEN INTERVAL '6' DAY PRECEDING AND CURRENT ROW) FROM ${WORDS} WHERE d IS NOT NULL ORDER BY id`),
      [[1, 10], [2, 30], [3, 20], [4, 60], [5, 50]])
    failsWith(`SELECT sum(x) OVER (ORDER BY CAST(d AS timestamp) RANGE BETWEEN INTERVAL '6' HOUR PRECEDING AND CURRENT ROW) FROM ${WORDS}`, /RANGE frame with an INTERVAL offset/)
  })

  test('split-elements: split(s, d)[i], element_at and cardinality without arrays; past the end fails or is NULL as in Trino', async () => {
    assert.deepEqual(await rows(`SELECT split('a,b,,c', ',')[2], split('a,b,,c', ',')[3], cardinality(split('a,b,,c', ',')), cardinality(split('', ',')), element_at(split('aXbxc', 'x'), 2), element_at(split('a', ','), 2)`),
      [['b', '', 4, 1, 'c', null]])
    await assert.rejects(rows(`SELECT split('a,b', ',')[3]`), /Subquery returns more than 1 row/)
    failsWith("SELECT split('a,b', ',') AS parts", /split\(\) returns an array/)
  })

  test('grouping-sets: ROLLUP, CUBE and GROUPING SETS as a union of GROUP BYs, GROUPING() a constant per set', async () => {
    assert.deepEqual(await rows(`SELECT l.k, count(*) AS n, grouping(l.k) AS g FROM ${LEFT} l GROUP BY ROLLUP (l.k) ORDER BY g, l.k`),
      [['p', 1, 0], ['q', 1, 0], [null, 1, 0], [null, 3, 1]])
    assert.deepEqual(await rows(`SELECT k, sum(a) AS total FROM ${LEFT} GROUP BY GROUPING SETS ((k), ()) ORDER BY 2 DESC LIMIT 2`), [[null, 6], [null, 3]])
    assert.deepEqual(await rows(`SELECT k, a, count(*) AS n, grouping(k, a) AS g FROM ${LEFT} WHERE a < 3 GROUP BY CUBE (k, a) ORDER BY g, k, a`),
      [['p', 1, 1, 0], ['q', 2, 1, 0], ['p', null, 1, 1], ['q', null, 1, 1], [null, 1, 1, 2], [null, 2, 1, 2], [null, null, 2, 3]])
    // String keys keep Trino's case-sensitive groups inside each set.
    assert.deepEqual((await rows(`SELECT w, count(*) FROM ${WORDS} GROUP BY ROLLUP (w)`, SCHEMA)).length, 7)
    failsWith(`SELECT k FROM ${LEFT} GROUP BY GROUPING SETS ((k), ())`, /empty set \(\) and no aggregate/)
  })

  test('try-cast: strings to integers, double and date by Trino 476\'s parse rules (measured), NULL where Trino gives NULL', async () => {
    const inputs = [' 42', '42 ', '+7', '007', '1e3', '3.', '.5', 'NaN', 'Infinity', '2147483648', '2024-2-3', ' 2024-02-03', '+2024-02-03', '2024-02-30', '1_000', '4 2', '', '1.5E+2', '1d']
    const values = inputs.map((v, i) => `('${v}', ${i})`).join(', ')
    const got = await rows(`SELECT s, TRY_CAST(s AS integer), TRY_CAST(s AS bigint), TRY_CAST(s AS double), TRY_CAST(s AS date) FROM (VALUES ${values}) AS t (s, n) ORDER BY n`)
    assert.deepEqual(got.map((r) => r.slice(1)), [
      [42, 42, 42, null], [42, 42, 42, null], [7, 7, 7, null], [7, 7, 7, null], [null, null, 1000, null], [null, null, 3, null], [null, null, 0.5, null],
      [null, null, null, null], [null, null, null, null], [null, 2147483648, 2147483648, null], [null, null, null, '2024-02-03'], [null, null, null, '2024-02-03'],
      [null, null, null, '2024-02-03'], [null, null, null, null], [null, null, null, null], [null, null, null, null], [null, null, null, null],
      [null, null, 150, null], [null, null, 1, null],
    ])
    // Trino trims control characters too (a tab here).
    assert.deepEqual(await rows("SELECT TRY_CAST(CAST(chr(9) || '42' AS varchar) AS integer)"), [[42]])
    failsWith(`SELECT TRY_CAST(x AS varchar) FROM ${WORDS}`, /TRY_CAST is translated to MySQL only from a string/)
    failsWith(`SELECT TRY_CAST(CAST(w AS varchar) AS timestamp) FROM ${WORDS}`, /TRY_CAST to timestamp is not translated/)
  })

  test('constructs MariaDB cannot express are refused with the reason', () => {
    failsWith(`SELECT max(CAST(d AS date) - DATE '2024-01-01') FROM ${WORDS}`, /date - date is an interval in Trino/)
  })
})
