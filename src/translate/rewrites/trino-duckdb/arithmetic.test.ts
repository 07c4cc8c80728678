// Expected values are Trino's, from https://trino.io/docs/current/functions/math.html and
// https://trino.io/docs/current/language/types.html; each statement runs on a real DuckDB.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { openDuckDb } from '../duckdb-fixture.ts'
import type { DuckDbFixture } from '../duckdb-fixture.ts'

describe('trino → duckdb arithmetic rewrites on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => { db = await openDuckDb() })
  after(() => db.close())

  test('integer-division: integer / integer truncates toward zero and stays an integer', async () => {
    const r = await db.run('SELECT 7 / 2, -7 / 2, a / b FROM (VALUES (9, 4)) AS t(a, b)')
    assert.deepEqual(r.row, [3, -3, 2])
    assert.deepEqual(r.types, ['INTEGER', 'INTEGER', 'INTEGER'])
    assert.ok(r.rewrites.includes('integer-division'))
  })

  test('integer-division: a double or decimal on either side still divides exactly', async () => {
    const r = await db.run('SELECT x / 2, 7.0 / 2, CAST(7 AS DOUBLE) / 2, a / x FROM (VALUES (CAST(7 AS DOUBLE), 1)) AS t(x, a)')
    assert.deepEqual(r.row, [3.5, 3.5, 3.5, 1 / 7])
  })

  test('integer-division: interval / number is left to DuckDB', async () => {
    const r = await db.run("SELECT INTERVAL '3' DAY / 2")
    assert.equal(r.row[0], '1 day 12:00:00')
    assert.ok(!r.rewrites.includes('integer-division'))
  })

  test('nan-infinity: nan(), infinity() and -infinity() are doubles', async () => {
    const r = await db.run('SELECT nan(), infinity(), -infinity()')
    assert.deepEqual(r.row, [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
    assert.deepEqual(r.types, ['DOUBLE', 'DOUBLE', 'DOUBLE'])
  })

  test('e-constant: e() is Euler\'s number', async () => {
    const r = await db.run('SELECT e()')
    assert.equal(r.row[0], Math.E)
  })

  test('greatest-least-null: any NULL argument gives NULL', async () => {
    const r = await db.run('SELECT greatest(1, NULL, 3), least(4, 2, 3), greatest(a, b), least(a, c) FROM (VALUES (1, CAST(NULL AS INTEGER), 0)) AS t(a, b, c)')
    assert.deepEqual(r.row, [null, 2, null, 0])
    assert.ok(r.rewrites.includes('greatest-least-null'))
  })

  test('cast-double-to-integer-rounds-half-up: CAST(2.5E0 AS INTEGER) is 3, CAST(-2.5E0 AS BIGINT) is -3', async () => {
    const r = await db.run('SELECT CAST(2.5E0 AS INTEGER), CAST(-2.5E0 AS BIGINT), CAST(3.5E0 AS SMALLINT), CAST(2.5 AS INTEGER)')
    assert.deepEqual(r.row, [3, -3, 4, 3])
    assert.ok(r.rewrites.includes('cast-double-to-integer-rounds-half-up'))
  })

  test('mod and % keep the dividend\'s sign, as in Trino (no rewrite needed)', async () => {
    const r = await db.run('SELECT mod(-7, 2), -7 % 2, round(2.5), round(-2.5E0)')
    assert.deepEqual(r.row, [-1, -1, '3', -3])
  })
})
