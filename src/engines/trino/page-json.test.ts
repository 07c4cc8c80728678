import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { parseJson, splitDataMember } from './page-json.ts'

describe('parseJson', () => {
  test('keeps integers beyond 2^53 exact as bigint when exact', () => {
    const parsed = parseJson('{"data":[[9223372036854775807,-9223372036854775808,9007199254740993,1,1.5e300,0.1234567890123456]]}', true) as { data: unknown[][] }
    assert.deepEqual(parsed.data[0], [9223372036854775807n, -9223372036854775808n, 9007199254740993n, 1, 1.5e300, 0.1234567890123456])
  })

  test('leaves numbers as numbers when not exact or when no long digit run exists', () => {
    assert.deepEqual(parseJson('[9007199254740993]', false), [9007199254740992])
    assert.deepEqual(parseJson('[123, "x"]', true), [123, 'x'])
  })

  test('a long digit run inside a string does not change strings', () => {
    assert.deepEqual(parseJson('["12345678901234567890", 12345678901234567890]', true), ['12345678901234567890', 12345678901234567890n])
  })
})

describe('splitDataMember', () => {
  const doc = (data: string): string => `{"id":"q1","nextUri":"http://x/v1/statement/1","columns":[{"name":"data","type":"varchar"}],"data":${data},"stats":{"state":"RUNNING"}}`

  test('cuts out the raw data array and counts its rows', () => {
    const data = JSON.stringify([[1, 'a'], [2, 'b]"],["\\'], [null, { k: [1, '\\"'] }]])
    const split = splitDataMember(doc(data))
    assert.equal(split.data, data)
    assert.equal(split.rows, 3)
    assert.deepEqual(JSON.parse(split.rest), { ...JSON.parse(doc('null')) })
  })

  test('an empty data array has no rows; a document without data has no data', () => {
    assert.equal(splitDataMember(doc('[]')).rows, 0)
    assert.equal(splitDataMember(doc('[ ]')).rows, 0)
    const none = splitDataMember('{"id":"q","stats":{"data":[1]},"updateType":"data"}')
    assert.equal(none.data, undefined)
    assert.equal(none.rest, '{"id":"q","stats":{"data":[1]},"updateType":"data"}')
  })

  test('a string value "data" is not taken for the key', () => {
    const split = splitDataMember('{"a":"data","b":["data"],"data" : [[1]]}')
    assert.equal(split.data, '[[1]]')
    assert.equal(split.rows, 1)
  })

  test('for any rows, data equals JSON.stringify of the rows and rest parses to the document without them', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }))
    fc.assert(fc.property(fc.array(fc.array(value, { maxLength: 4 }), { maxLength: 20 }), fc.boolean(), (rows, pretty) => {
      const document = { id: 'data', columns: [{ name: '"data"' }], data: rows, stats: { state: 'data' } }
      const text = pretty ? JSON.stringify(document, null, 2) : JSON.stringify(document)
      const split = splitDataMember(text)
      // Compared as text: JSON.parse and object literals treat a "__proto__" key differently.
      assert.equal(JSON.stringify(JSON.parse(split.data!)), JSON.stringify(rows))
      assert.equal(split.rows, rows.length)
      assert.equal(JSON.stringify(JSON.parse(split.rest)), JSON.stringify({ ...document, data: null }))
    }), { numRuns: 500 })
  })
})
