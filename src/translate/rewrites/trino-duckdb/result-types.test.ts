// Expected values and types are Trino's (https://trino.io/docs/current/functions/aggregate.html:
// sum of bigint is bigint, count_if is bigint; https://trino.io/docs/current/functions/json.html;
// https://trino.io/docs/current/functions/conversion.html); each statement runs on a real DuckDB.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { openDuckDb } from '../duckdb-fixture.ts'
import type { DuckDbFixture } from '../duckdb-fixture.ts'

describe('trino → duckdb result-type rewrites on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => {
    db = await openDuckDb()
    await db.exec("CREATE TABLE t AS SELECT * FROM (VALUES (1, 5, 1.25::DECIMAL(15,2), 2.5::DOUBLE, '3.5'), (2, 7, 2.50::DECIMAL(15,2), 0.5::DOUBLE, ' 42 ')) AS v(k, i, dec, dbl, s)")
  })
  after(() => db.close())

  test('sum-integer-is-bigint: sum of an integer column is a BIGINT; doubles and decimals keep their type', async () => {
    const r = await db.run('SELECT sum(i), sum(dec), sum(dbl), sum(CASE WHEN i > 5 THEN 1 ELSE 0 END) FROM t')
    assert.deepEqual(r.row, [12, '3.75', 3, 1])
    assert.deepEqual(r.types, ['BIGINT', 'DECIMAL(22,2)', 'DOUBLE', 'BIGINT'])
    assert.ok(r.rewrites.includes('sum-integer-is-bigint'))
  })

  test('aggregate-type-in-window: sum and count_if over a window keep OVER on the aggregates', async () => {
    const r = await db.run('SELECT sum(i) OVER (ORDER BY k), count_if(i > 5) OVER () FROM t ORDER BY k DESC')
    assert.deepEqual(r.row, [12, 1])
    assert.deepEqual(r.types, ['BIGINT', 'BIGINT'])
    assert.ok(r.rewrites.includes('aggregate-type-in-window'))
  })

  test('count-if-is-bigint and json-array-length-is-bigint', async () => {
    const r = await db.run("SELECT count_if(i > 5), json_array_length('[1, 2, 3]') FROM t")
    assert.deepEqual(r.row, [1, 3])
    assert.deepEqual(r.types, ['BIGINT', 'BIGINT'])
  })

  test("try-cast-text-to-integer: '3.5' is NULL, ' 42 ' is 42, numbers still cast", async () => {
    const r = await db.run("SELECT TRY_CAST(s AS integer), TRY_CAST('-7' AS bigint), TRY_CAST('abc' AS integer), TRY_CAST(i AS bigint) FROM t ORDER BY k")
    assert.deepEqual(r.row, [null, -7, null, 5])
    const second = await db.run('SELECT TRY_CAST(s AS integer), TRY_CAST(s AS double) FROM t WHERE k = 2')
    assert.deepEqual(second.row, [42, 42])
  })
})
