import { test } from 'node:test'
import assert from 'node:assert/strict'
import { T } from '../../core/logical-type.ts'
import { athenaExecutionParameters } from './parameters.ts'

test('Athena ExecutionParameters are literal texts, strings quoted with doubled quotes', () => {
  assert.equal(athenaExecutionParameters([]), undefined)
  assert.deepEqual(athenaExecutionParameters([
    { type: T.varchar, value: "it's" }, { type: T.integer, value: 7 }, { type: T.double, value: Number.NaN }, { type: T.double, value: 2.5 },
    { type: T.timestamp(3), value: '2020-01-02 03:04:05.000' }, { type: T.varbinary, value: new Uint8Array([1]) }, { type: T.boolean, value: null },
  ]), ["'it''s'", '7', 'nan()', "DOUBLE '2.5'", "TIMESTAMP '2020-01-02 03:04:05.000'", "X'01'", 'NULL'])
  assert.throws(() => athenaExecutionParameters([{ type: T.bigint, value: '1 OR 1=1' }]), { code: 'BAD_REQUEST' })
})
