import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { T } from '../../src/core/logical-type.ts'
import type { LogicalType } from '../../src/core/logical-type.ts'
import { compareResults } from './compare.ts'
import type { CollectedResult } from './compare.ts'

function result (types: LogicalType[], rows: unknown[][]): CollectedResult {
  return { columns: types.map((type, i) => ({ name: `c${i}`, type })), rows }
}

const unordered = { ordered: false, dialect: 'trino' } as const
const ordered = { ordered: true, dialect: 'trino' } as const

describe('corpus result comparison', () => {
  test('passes the same rows in another order when order does not matter, fails it when it does', () => {
    const a = result([T.integer, T.varchar], [[1, 'a'], [2, 'b']])
    const b = result([T.bigint, T.varchar], [[2n, 'b'], [1n, 'a']])
    assert.deepEqual(compareResults(a, b, unordered), { ok: true })
    const out = compareResults(a, b, ordered)
    assert.equal(out.ok, false)
    assert.match(out.ok ? '' : out.reason, /different order/)
  })

  test('fails a result whose type class differs from the source dialect\'s, even with equal values', () => {
    const out = compareResults(result([T.integer], [[3]]), result([T.decimal(10, 4)], [['3.0000']]), unordered)
    assert.equal(out.ok, false)
    assert.match(out.ok ? '' : out.reason, /expected integer .*got decimal/)
    const date = compareResults(result([T.date], [['1995-01-01']]), result([T.timestamp(6)], [['1995-01-01 00:00:00']]), unordered)
    assert.equal(date.ok, false)
  })

  test('compares decimals at the source scale and floats with a relative tolerance', () => {
    assert.deepEqual(compareResults(result([T.decimal(15, 2)], [['38250.12']]), result([T.decimal(38, 10)], [['38250.1234567890']]), unordered), { ok: true })
    assert.equal(compareResults(result([T.decimal(15, 2)], [['38250.12']]), result([T.decimal(38, 10)], [['38250.1500000000']]), unordered).ok, false)
    assert.deepEqual(compareResults(result([T.double], [[0.1 + 0.2]]), result([T.double], [[0.3]]), unordered), { ok: true })
    assert.equal(compareResults(result([T.double], [[1]]), result([T.double], [[1.001]]), unordered).ok, false)
  })

  test('treats NULL as equal to NULL only, and a missing row as a difference', () => {
    assert.deepEqual(compareResults(result([T.varchar], [[null]]), result([T.varchar], [[null]]), unordered), { ok: true })
    assert.equal(compareResults(result([T.varchar], [[null]]), result([T.varchar], [['']]), unordered).ok, false)
    const out = compareResults(result([T.integer], [[1], [2]]), result([T.integer], [[1]]), unordered)
    assert.match(out.ok ? '' : out.reason, /rows: expected 2, got 1/)
  })

  test('lets a MySQL source\'s 0/1 match a boolean, but not a Trino source\'s boolean match 0/1', () => {
    assert.deepEqual(compareResults(result([T.integer], [[1]]), result([T.boolean], [[true]]), { ordered: false, dialect: 'mysql' }), { ok: true })
    assert.equal(compareResults(result([T.boolean], [[true]]), result([T.smallint], [[1]]), unordered).ok, false)
  })

  test('normalises timestamps, char padding and arrays before comparing', () => {
    assert.deepEqual(compareResults(result([T.timestamp(3)], [['2024-02-29 13:45:00.000']]), result([T.timestamp(6)], [['2024-02-29 13:45:00']]), unordered), { ok: true })
    assert.deepEqual(compareResults(result([T.char(10)], [['BUILDING  ']]), result([T.varchar], [['BUILDING']]), unordered), { ok: true })
    assert.deepEqual(compareResults(result([T.array(T.integer)], [[[1, 2]]]), result([T.array(T.bigint)], [[[1n, 2n]]]), unordered), { ok: true })
    assert.equal(compareResults(result([T.array(T.integer)], [[[1, 2]]]), result([T.array(T.integer)], [[[2, 1]]]), unordered).ok, false)
  })

  test('an approximate query matches numbers within its relative tolerance, and only numbers', () => {
    const approx = { ordered: false, dialect: 'trino', approximate: 0.05 } as const
    assert.equal(compareResults(result([T.bigint], [[1973n]]), result([T.bigint], [[2000n]]), unordered).ok, false)
    assert.deepEqual(compareResults(result([T.bigint], [[1973n]]), result([T.bigint], [[2000n]]), approx), { ok: true })
    assert.deepEqual(compareResults(result([T.decimal(10, 2)], [['100.00']]), result([T.decimal(10, 2)], [['104.90']]), approx), { ok: true })
    const far = compareResults(result([T.bigint], [[1850n]]), result([T.bigint], [[2000n]]), approx)
    assert.match(far.ok ? '' : far.reason, /values differ/)
    assert.equal(compareResults(result([T.varchar, T.bigint], [['a', 10n]]), result([T.varchar, T.bigint], [['b', 10n]]), approx).ok, false)
    assert.equal(compareResults(result([T.bigint], [[null]]), result([T.bigint], [[0n]]), approx).ok, false)
  })
})
