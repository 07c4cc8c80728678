import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType, parseType, T } from './logical-type.ts'

const CASES: Array<[string, ReturnType<typeof parseType>]> = [
  ['boolean', T.boolean],
  ['bigint', T.bigint],
  ['decimal(10,2)', T.decimal(10, 2)],
  ['varchar', T.varchar],
  ['varchar(12)', T.varcharN(12)],
  ['char(3)', T.char(3)],
  ['time(6)', T.time(6)],
  ['time(3) with time zone', T.timeWithTimeZone(3)],
  ['timestamp(9)', T.timestamp(9)],
  ['timestamp(6) with time zone', T.timestampWithTimeZone(6)],
  ['interval day to second', T.intervalDayToSecond],
  ['interval year to month', T.intervalYearToMonth],
  ['array(integer)', T.array(T.integer)],
  ['map(varchar, array(double))', T.map(T.varchar, T.array(T.double))],
  ['row(a integer, b varchar)', T.row([{ name: 'a', type: T.integer }, { name: 'b', type: T.varchar }])],
  ['row(integer, double)', T.row([{ type: T.integer }, { type: T.double }])],
  ['row("Mixed Case" bigint, t timestamp(3) with time zone)', T.row([{ name: 'Mixed Case', type: T.bigint }, { name: 't', type: T.timestampWithTimeZone(3) }])],
  ['array(row(x interval day to second))', T.array(T.row([{ name: 'x', type: T.intervalDayToSecond }]))],
]

test('formats every type in Trino display form and parses it back', () => {
  for (const [text, type] of CASES) {
    assert.equal(formatType(type), text)
    assert.deepEqual(parseType(text), type, text)
  }
})

test('parses Trino defaults and aliases', () => {
  assert.deepEqual(parseType('timestamp'), T.timestamp(3))
  assert.deepEqual(parseType('timestamp with time zone'), T.timestampWithTimeZone(3))
  assert.deepEqual(parseType('DECIMAL(38, 0)'), T.decimal(38, 0))
  assert.deepEqual(parseType('double precision'), T.double)
  assert.deepEqual(parseType('row(d double precision)'), T.row([{ name: 'd', type: T.double }]))
})

test('an unknown type name becomes unknown instead of failing the result', () => {
  assert.deepEqual(parseType('HyperLogLog'), T.unknown)
  assert.deepEqual(parseType('qdigest(bigint)'), T.unknown)
  assert.deepEqual(parseType('array(geometry)'), T.array(T.unknown))
})

test('malformed type text is a TypeError naming the position', () => {
  assert.throws(() => parseType('decimal(10,'), /expected a number/)
  assert.throws(() => parseType('array(integer'), /expected '\)'/)
  assert.throws(() => parseType('integer garbage'), /unexpected/)
})
