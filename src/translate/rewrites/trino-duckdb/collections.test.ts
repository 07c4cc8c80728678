// Expected values are Trino's, from https://trino.io/docs/current/functions/array.html and
// https://trino.io/docs/current/functions/map.html; each statement runs on a real DuckDB.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { openDuckDb } from '../duckdb-fixture.ts'
import type { DuckDbFixture } from '../duckdb-fixture.ts'

describe('trino → duckdb array and map rewrites on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => { db = await openDuckDb() })
  after(() => db.close())

  test('element-at: arrays by 1-based and negative index, NULL past the end; maps by key, NULL when absent', async () => {
    const r = await db.run(`SELECT element_at(ARRAY[1, 2, 3], 2), element_at(ARRAY[1, 2, 3], 5), element_at(ARRAY[1, 2, 3], -1),
      element_at(MAP(ARRAY['a'], ARRAY[1]), 'a'), element_at(MAP(ARRAY['a'], ARRAY[1]), 'b')`)
    assert.deepEqual(r.row, [2, null, 3, 1, null])
    assert.ok(r.rewrites.includes('element-at'))
  })

  test('cardinality: counts array elements and map entries', async () => {
    const r = await db.run("SELECT cardinality(ARRAY[1, 2, 3]), cardinality(MAP(ARRAY['a', 'b'], ARRAY[1, 2])), cardinality(a) FROM (VALUES ARRAY[5, 6]) AS t(a)")
    assert.deepEqual(r.row, [3, 2, 2])
  })

  test('array-join: skips NULLs, or replaces them with the third argument', async () => {
    const r = await db.run("SELECT array_join(ARRAY['a', 'b', NULL], ','), array_join(ARRAY['a', NULL], ',', 'x'), array_join(ARRAY[1, 2], '-')")
    assert.deepEqual(r.row, ['a,b', 'a,x', '1-2'])
  })

  test('contains-null-semantics: NULL when not found but the array holds a NULL', async () => {
    const r = await db.run('SELECT contains(ARRAY[1, 2], 1), contains(ARRAY[1, 2], 3), contains(ARRAY[1, NULL], 3), contains(ARRAY[1, NULL], 1), contains(ARRAY[1], NULL)')
    assert.deepEqual(r.row, [true, false, null, true, null])
  })

  test('array-position-not-found-is-zero: 0 when absent, the 1-based position when present', async () => {
    const r = await db.run('SELECT array_position(ARRAY[10, 20], 20), array_position(ARRAY[10, 20], 30)')
    assert.deepEqual(r.row, [2, 0])
  })

  test('repeat-makes-array: repeat(x, n) is an array of n copies', async () => {
    const r = await db.run("SELECT repeat('ab', 3), repeat(1, 0)")
    assert.deepEqual(r.row, [['ab', 'ab', 'ab'], []])
  })

  test('sequence: inclusive, with an optional step', async () => {
    const r = await db.run('SELECT sequence(1, 3), sequence(1, 10, 4)')
    assert.deepEqual(r.row, [[1, 2, 3], [1, 5, 9]])
  })

  test('transform-lambda: transform applies the lambda; filter needs no rewrite', async () => {
    const r = await db.run('SELECT transform(ARRAY[1, 2], x -> x + 1), filter(ARRAY[1, 2, 3], x -> x > 1)')
    assert.deepEqual(r.row, [[2, 3], [2, 3]])
  })

  test('array-distinct-keeps-order: first occurrences in order, one NULL kept', async () => {
    const r = await db.run('SELECT array_distinct(ARRAY[3, 1, 3, 2, 1]), array_distinct(ARRAY[2, NULL, 1, NULL])')
    assert.deepEqual(r.row, [[3, 1, 2], [2, null, 1]])
  })

  test('array functions polyglot already maps (array_max, array_sort)', async () => {
    const r = await db.run('SELECT array_max(ARRAY[1, 3]), array_sort(ARRAY[3, NULL, 1])')
    assert.deepEqual(r.row, [3, [1, 3, null]])
  })
})
