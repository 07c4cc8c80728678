import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import { pgColumnType, writeField } from './type-map.ts'
import { Writer } from './codec/writer.ts'
import { Oid, PG_TYPES, pgTypeByOid } from './types/pg-types.ts'
import { decodeParameter } from './types/parameter-decoders.ts'

const utc = { timeZone: 'UTC' }

function text (type: LogicalType, value: unknown, timeZone = 'UTC'): string {
  return pgColumnType(type).toText(value, { timeZone })
}

function binary (type: LogicalType, value: unknown): Buffer {
  const w = new Writer()
  writeField(w, pgColumnType(type), value, true, utc)
  const out = w.take()
  return out.subarray(4)
}

/** Expected strings were printed by a PostgreSQL 15 server for the same values. */
describe('text output matches PostgreSQL 15', () => {
  const cases: Array<[string, LogicalType, unknown, string, string?]> = [
    ['bool', T.boolean, true, 't'],
    ['int2', T.smallint, -5, '-5'],
    ['int8', T.bigint, 9007199254740993n, '9007199254740993'],
    ['float4 exponent', T.real, 1234567, '1.234567e+06'],
    ['float4 shortest', T.real, Math.fround(0.1), '0.1'],
    ['float4 max', T.real, Math.fround(3.4028235e38), '3.4028235e+38'],
    ['float8 1e15', T.double, 1e15, '1e+15'],
    ['float8 15 digits', T.double, 123456789012345, '123456789012345'],
    ['float8 small', T.double, 1e-5, '1e-05'],
    ['float8 0.0001', T.double, 0.0001, '0.0001'],
    ['float8 -0', T.double, -0, '-0'],
    ['float8 NaN', T.double, NaN, 'NaN'],
    ['float8 big', T.double, 1.5e300, '1.5e+300'],
    ['numeric', T.decimal(10, 3), '12.500', '12.500'],
    ['bytea', T.varbinary, Uint8Array.from([1, 0xff]), '\\x01ff'],
    ['date BC', T.date, '-0043-03-15', '0044-03-15 BC'],
    ['date', T.date, '2024-02-29', '2024-02-29'],
    ['time trims zeros', T.time(3), '12:00:00.500', '12:00:00.5'],
    ['timetz', T.timeWithTimeZone(0), '12:00:00+05:30', '12:00:00+05:30'],
    ['timestamp', T.timestamp(6), '2024-01-02 03:04:05.000000', '2024-01-02 03:04:05'],
    ['timestamp BC', T.timestamp(0), '-0043-03-15 10:00:00', '0044-03-15 10:00:00 BC'],
    ['timestamptz UTC', T.timestampWithTimeZone(3), '2024-03-10 12:00:00.500 UTC', '2024-03-10 12:00:00.5+00'],
    ['timestamptz Berlin summer', T.timestampWithTimeZone(0), '2024-07-01 12:00:00 UTC', '2024-07-01 14:00:00+02', 'Europe/Berlin'],
    ['timestamptz Kolkata', T.timestampWithTimeZone(6), '2024-07-01 12:00:00.123456 UTC', '2024-07-01 17:30:00.123456+05:30', 'Asia/Kolkata'],
    ['timestamptz from offset', T.timestampWithTimeZone(0), '2024-07-01 14:00:00 +02:00', '2024-07-01 12:00:00+00'],
    ['timestamptz from IANA', T.timestampWithTimeZone(0), '2024-07-01 14:00:00 Europe/Berlin', '2024-07-01 12:00:00+00'],
    ['interval full', T.intervalDayToSecond, { months: 14, days: 3, micros: 14_706_789_000n }, '1 year 2 mons 3 days 04:05:06.789'],
    ['interval mixed signs', T.intervalDayToSecond, { months: 0, days: -1, micros: 7_380_000_000n }, '-1 days +02:03:00'],
    ['interval zero', T.intervalDayToSecond, { months: 0, days: 0, micros: 0n }, '00:00:00'],
    ['interval negative months', T.intervalYearToMonth, { months: -14, days: 0, micros: 0n }, '-1 years -2 mons'],
    ['interval negative time', T.intervalDayToSecond, { months: 0, days: 0, micros: -1_500_000n }, '-00:00:01.5'],
    ['text array quoting', T.array(T.varchar), ['a b', '', 'NULL', 'x"y', 'c\\d', null], '{"a b","","NULL","x\\"y","c\\\\d",NULL}'],
    ['2-d array', T.array(T.array(T.integer)), [[1, 2], [3, 4]], '{{1,2},{3,4}}'],
    ['record', T.row([{ name: 'a', type: T.integer }, { name: 'b', type: T.varchar }, { name: 'c', type: T.varchar }, { name: 'd', type: T.varchar }]), [1, 'a b', null, ''], '(1,"a b",,"")'],
    ['uuid', T.uuid, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['map as json', T.map(T.varchar, T.bigint), new Map([['a', 1n], ['b', null]]), '{"a":1,"b":null}'],
  ]
  for (const [name, type, value, expected, zone] of cases) {
    test(name, () => assert.equal(text(type, value, zone), expected))
  }
})

describe('binary output', () => {
  test('int4, int8, float8, bool', () => {
    assert.deepEqual([...binary(T.integer, -2)], [0xff, 0xff, 0xff, 0xfe])
    assert.equal(binary(T.bigint, 1n << 40n).readBigInt64BE(), 1n << 40n)
    assert.equal(binary(T.double, 1.5).readDoubleBE(), 1.5)
    assert.deepEqual([...binary(T.boolean, true)], [1])
  })

  test('numeric 12.500: one group before the point, one after, dscale 3', () => {
    const b = binary(T.decimal(10, 3), '12.500')
    assert.deepEqual([b.readInt16BE(0), b.readInt16BE(2), b.readUInt16BE(4), b.readInt16BE(6), b.readInt16BE(8), b.readInt16BE(10)], [2, 0, 0, 3, 12, 5000])
  })

  test('date and timestamp count from 2000-01-01', () => {
    assert.equal(binary(T.date, '2000-01-02').readInt32BE(), 1)
    assert.equal(binary(T.timestamp(6), '2000-01-01 00:00:01.000001').readBigInt64BE(), 1_000_001n)
    assert.equal(binary(T.timestampWithTimeZone(6), '2000-01-01 01:00:00 +01:00').readBigInt64BE(), 0n)
  })

  test('interval is micros, days, months', () => {
    const b = binary(T.intervalDayToSecond, { months: 2, days: 3, micros: 4n })
    assert.deepEqual([b.readBigInt64BE(0), b.readInt32BE(8), b.readInt32BE(12)], [4n, 3, 2])
  })

  test('int4 array header: ndim, has-null, element OID, dims, elements', () => {
    const b = binary(T.array(T.integer), [1, null])
    assert.deepEqual([b.readInt32BE(0), b.readInt32BE(4), b.readInt32BE(8), b.readInt32BE(12), b.readInt32BE(16)], [1, 1, Oid.int4, 2, 1])
    assert.deepEqual([b.readInt32BE(20), b.readInt32BE(24), b.readInt32BE(28)], [4, 1, -1])
  })
})

describe('OIDs', () => {
  test('every OID the type map produces is in pg_type', () => {
    const types: LogicalType[] = [T.boolean, T.tinyint, T.smallint, T.integer, T.bigint, T.real, T.double, T.decimal(5, 2), T.varchar, T.varcharN(3), T.char(2),
      T.varbinary, T.date, T.time(3), T.timeWithTimeZone(3), T.timestamp(3), T.timestampWithTimeZone(3), T.intervalDayToSecond, T.intervalYearToMonth, T.json, T.uuid,
      T.map(T.varchar, T.integer), T.row([{ type: T.integer }]), T.unknown]
    for (const type of types) {
      for (const t of [type, T.array(type)]) {
        const oid = pgColumnType(t).oid
        assert.ok(pgTypeByOid(oid) !== undefined, `${JSON.stringify(t)} → ${oid}`)
      }
    }
    assert.equal(new Set(PG_TYPES.map((t) => t.oid)).size, PG_TYPES.length)
  })

  test('typmods follow PostgreSQL: numeric (p<<16|s)+4, varchar n+4', () => {
    assert.equal(pgColumnType(T.decimal(10, 2)).typmod, (10 << 16 | 2) + 4)
    assert.equal(pgColumnType(T.varcharN(20)).typmod, 24)
    assert.equal(pgColumnType(T.varchar).oid, Oid.text)
  })
})

describe('parameters', () => {
  const decode = (oid: number, value: string | Uint8Array | null, binaryFormat = false) =>
    decodeParameter(oid, binaryFormat, typeof value === 'string' ? Buffer.from(value) : value, utc)

  test('text parameters become typed values', () => {
    assert.deepEqual(decode(Oid.int4, '42'), { type: T.integer, value: 42 })
    assert.deepEqual(decode(Oid.int8, '-9007199254740993'), { type: T.bigint, value: -9007199254740993n })
    assert.deepEqual(decode(Oid.bool, 'true'), { type: T.boolean, value: true })
    assert.deepEqual(decode(Oid.numeric, '1.50'), { type: T.decimal(3, 2), value: '1.50' })
    assert.deepEqual(decode(Oid.numeric, '-.5e1'), { type: T.decimal(1, 0), value: '-5' })
    assert.deepEqual(decode(0, 'it\'s'), { type: T.unknown, value: 'it\'s' })
    assert.deepEqual(decode(Oid.date, '2024-02-29'), { type: T.date, value: '2024-02-29' })
    assert.deepEqual(decode(Oid.timestamptz, '2024-07-01T14:00:00.5+02:00'), { type: T.timestampWithTimeZone(6), value: '2024-07-01 12:00:00.500000 UTC' })
    assert.deepEqual(decode(Oid.timestamp, '2024-07-01 14:00:00+02'), { type: T.timestamp(6), value: '2024-07-01 14:00:00.000000' })
    assert.deepEqual(decode(Oid.interval, '1 year 2 mons 3 days 04:05:06.5'), { type: T.intervalDayToSecond, value: { months: 14, days: 3, micros: 14_706_500_000n } })
    assert.deepEqual(decode(Oid.interval, 'P1DT2H'), { type: T.intervalDayToSecond, value: { months: 0, days: 1, micros: 7_200_000_000n } })
    assert.deepEqual(decode(Oid.bytea, '\\x01ff'), { type: T.varbinary, value: Uint8Array.from([1, 255]) })
    assert.deepEqual(decode(Oid.int4Array, '{1,NULL,3}'), { type: T.array(T.integer), value: [1, null, 3] })
    assert.deepEqual(decode(Oid.textArray, '{"a,b",c,"d\\"e"}'), { type: T.array(T.varchar), value: ['a,b', 'c', 'd"e'] })
    assert.deepEqual(decode(Oid.uuid, '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'), { type: T.uuid, value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' })
  })

  test('invalid text is BAD_REQUEST with PostgreSQL wording', () => {
    assert.throws(() => decode(Oid.int4, '4x2'), /invalid input syntax for type integer: "4x2"/)
    assert.throws(() => decode(Oid.int2, '70000'), /out of range for type smallint/)
    assert.throws(() => decode(Oid.json, '{'), (e: Error & { code?: string }) => e.code === 'BAD_REQUEST')
  })

  test('property: binary encode then decode round-trips', () => {
    const roundTrip = (type: LogicalType, oid: number, value: unknown): unknown => decodeParameter(oid, true, binary(type, value), utc).value
    fc.assert(fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (n) => roundTrip(T.integer, Oid.int4, n) === n))
    fc.assert(fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (n) => roundTrip(T.bigint, Oid.int8, n) === n))
    fc.assert(fc.property(fc.double({ noNaN: true }), (n) => Object.is(roundTrip(T.double, Oid.float8, n), n)))
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }), (n, scale) => {
      const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0')
      const value = `${n < 0n ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(-scale)}` : ''}`
      const expected = /^-0*(\.0*)?$/.test(value) ? value.slice(1) : value
      assert.equal(roundTrip(T.decimal(38, scale), Oid.numeric, value), expected)
    }))
    fc.assert(fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
      const date = decodeParameter(Oid.date, true, Buffer.from(new Int32Array([0]).buffer), utc).value as string
      assert.equal(date, '2000-01-01')
      const w = new Writer()
      w.int32(days)
      const value = decodeParameter(Oid.date, true, w.take(), utc).value as string
      assert.equal(binary(T.date, value).readInt32BE(), days)
    }))
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (micros) => {
      const w = new Writer()
      w.int64(micros)
      const value = decodeParameter(Oid.timestamptz, true, w.take(), utc).value as string
      assert.equal(binary(T.timestampWithTimeZone(6), value).readBigInt64BE(), micros)
    }))
  })

  test('property: text interval output parses back to the same interval', () => {
    fc.assert(fc.property(fc.integer({ min: -10000, max: 10000 }), fc.integer({ min: -100000, max: 100000 }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (months, days, micros) => {
      const printed = text(T.intervalDayToSecond, { months, days, micros })
      assert.deepEqual(decode(Oid.interval, printed).value, { months, days, micros }, printed)
    }))
  })
})
