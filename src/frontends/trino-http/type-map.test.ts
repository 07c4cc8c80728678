import { test } from 'node:test'
import assert from 'node:assert/strict'
import { T } from '../../core/logical-type.ts'
import { createValueWriter, formatDayToSecond, formatYearToMonth, toTrinoColumn, typeSignatureOf } from './type-map.ts'
import { PageEncoder } from './page-encoder.ts'

test('type signatures have Trino ClientTypeSignature JSON shape', () => {
  assert.deepEqual(typeSignatureOf(T.varchar), { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 2147483647 }] })
  assert.deepEqual(typeSignatureOf(T.decimal(10, 2)), { rawType: 'decimal', arguments: [{ kind: 'LONG', value: 10 }, { kind: 'LONG', value: 2 }] })
  assert.deepEqual(typeSignatureOf(T.timestampWithTimeZone(3)), { rawType: 'timestamp with time zone', arguments: [{ kind: 'LONG', value: 3 }] })
  assert.deepEqual(typeSignatureOf(T.map(T.varchar, T.array(T.bigint))), {
    rawType: 'map',
    arguments: [
      { kind: 'TYPE', value: { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 2147483647 }] } },
      { kind: 'TYPE', value: { rawType: 'array', arguments: [{ kind: 'TYPE', value: { rawType: 'bigint', arguments: [] } }] } },
    ],
  })
  assert.deepEqual(typeSignatureOf(T.row([{ name: 'a', type: T.integer }, { type: T.double }])), {
    rawType: 'row',
    arguments: [
      { kind: 'NAMED_TYPE', value: { fieldName: { name: 'a' }, typeSignature: { rawType: 'integer', arguments: [] } } },
      { kind: 'NAMED_TYPE', value: { typeSignature: { rawType: 'double', arguments: [] } } },
    ],
  })
  assert.deepEqual(toTrinoColumn({ name: 'x', type: T.intervalDayToSecond }), { name: 'x', type: 'interval day to second', typeSignature: { rawType: 'interval day to second', arguments: [] } })
})

test('values are the JSON Trino sends', () => {
  const w = (type: Parameters<typeof createValueWriter>[0], value: unknown): string => createValueWriter(type)(value)
  assert.equal(w(T.bigint, 9007199254740993n), '9007199254740993')
  assert.equal(w(T.bigint, -9223372036854775808n), '-9223372036854775808')
  assert.equal(w(T.integer, 42), '42')
  assert.equal(w(T.double, 1), '1.0')
  assert.equal(w(T.double, Number.NaN), '"NaN"')
  assert.equal(w(T.real, Math.fround(1.1)), '1.1')
  assert.equal(w(T.decimal(10, 2), '123.40'), '"123.40"')
  assert.equal(w(T.varchar, 'a"b\n'), '"a\\"b\\n"')
  assert.equal(w(T.varbinary, new Uint8Array([0, 1, 255])), '"AAH/"')
  assert.equal(w(T.boolean, true), 'true')
  assert.equal(w(T.timestampWithTimeZone(3), '2020-01-01 00:00:00.000 UTC'), '"2020-01-01 00:00:00.000 UTC"')
  assert.equal(w(T.intervalDayToSecond, { months: 0, days: 2, micros: 11_045_678_999n }), '"2 03:04:05.678"')
  assert.equal(w(T.intervalYearToMonth, { months: 14, days: 0, micros: 0n }), '"1-2"')
  assert.equal(w(T.array(T.bigint), [1n, null]), '[1,null]')
  assert.equal(w(T.map(T.integer, T.varchar), new Map([[1, 'a'], [2, null]])), '{"1":"a","2":null}')
  assert.equal(w(T.map(T.double, T.boolean), new Map([[1, true]])), '{"1.0":true}')
  assert.equal(w(T.row([{ name: 'a', type: T.bigint }, { name: 'b', type: T.varchar }]), [5n, 'x']), '[5,"x"]')
  assert.equal(w(T.uuid, null), 'null')
})

test('intervals follow Trino: negative signs, millisecond truncation', () => {
  assert.equal(formatDayToSecond({ months: 0, days: -1, micros: -3_600_000_000n }), '-1 01:00:00.000')
  assert.equal(formatDayToSecond({ months: 0, days: 0, micros: 1_999n }), '0 00:00:00.001')
  assert.equal(formatYearToMonth({ months: -13, days: 0, micros: 0n }), '-1-1')
})

test('the page encoder counts bytes and hands out one JSON array per page', () => {
  const encoder = new PageEncoder([{ name: 'n', type: T.bigint }, { name: 's', type: T.varchar }])
  assert.equal(encoder.take(), undefined)
  encoder.add([1n, 'é'])
  encoder.add([2n, null])
  assert.equal(encoder.rowCount, 2)
  assert.equal(encoder.bytes, '[1,"é"]'.length + 1 + 1 + '[2,null]'.length + 1)
  assert.equal(encoder.take(), '[[1,"é"],[2,null]]')
  assert.equal(encoder.bytes, 0)
  assert.deepEqual(JSON.parse(encoder.columnsJson).map((c: { type: string }) => c.type), ['bigint', 'varchar'])
})
