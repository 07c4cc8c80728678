import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType } from '../../core/logical-type.ts'
import { logicalTypeOfColumn, parseDayToSecond, parseYearToMonth, valueDecoder } from './type-map.ts'
import type { TrinoTypeSignature } from './type-map.ts'

const sig = (rawType: string, ...longs: number[]): TrinoTypeSignature => ({ rawType, arguments: longs.map((value) => ({ kind: 'LONG', value })) })
const typeOf = (typeSignature: TrinoTypeSignature): string => formatType(logicalTypeOfColumn({ name: 'c', type: '', typeSignature }))

describe('Trino type map', () => {
  test('maps type signatures as Trino 476 sends them', () => {
    assert.equal(typeOf(sig('varchar', 2147483647)), 'varchar')
    assert.equal(typeOf(sig('varchar', 5)), 'varchar(5)')
    assert.equal(typeOf(sig('decimal', 38, 10)), 'decimal(38,10)')
    assert.equal(typeOf(sig('timestamp with time zone', 9)), 'timestamp(9) with time zone')
    assert.equal(typeOf(sig('time', 0)), 'time(0)')
    assert.equal(typeOf(sig('interval day to second')), 'interval day to second')
    assert.equal(typeOf(sig('HyperLogLog')), 'unknown')
    assert.equal(typeOf(sig('ipaddress')), 'unknown')
    assert.equal(typeOf({ rawType: 'map', arguments: [{ kind: 'TYPE', value: sig('bigint') }, { kind: 'TYPE', value: { rawType: 'array', arguments: [{ kind: 'TYPE', value: sig('double') }] } }] }),
      'map(bigint, array(double))')
    assert.equal(typeOf({ rawType: 'row', arguments: [
      { kind: 'NAMED_TYPE', value: { fieldName: { name: 'x' }, typeSignature: sig('integer') } },
      { kind: 'NAMED_TYPE', value: { typeSignature: sig('decimal', 2, 1) } },
    ] }), 'row(x integer, decimal(2,1))')
  })

  test('falls back to the display text without a signature', () => {
    assert.equal(formatType(logicalTypeOfColumn({ name: 'c', type: 'array(varchar(3))' })), 'array(varchar(3))')
    assert.equal(formatType(logicalTypeOfColumn({ name: 'c', type: 'geometry!' })), 'unknown')
  })

  test('decodes values into the core representation', () => {
    const decode = (typeSignature: TrinoTypeSignature, value: unknown): unknown => valueDecoder(logicalTypeOfColumn({ name: 'c', type: '', typeSignature }))(value)
    assert.equal(decode(sig('bigint'), 5), 5n)
    assert.equal(decode(sig('bigint'), 9223372036854775807n), 9223372036854775807n)
    assert.ok(Number.isNaN(decode(sig('double'), 'NaN')))
    assert.equal(decode(sig('real'), '-Infinity'), Number.NEGATIVE_INFINITY)
    assert.deepEqual(decode(sig('varbinary'), 'AP8='), new Uint8Array([0, 255]))
    assert.equal(decode(sig('bigint'), null), null)
    assert.deepEqual(decode({ rawType: 'map', arguments: [{ kind: 'TYPE', value: sig('bigint') }, { kind: 'TYPE', value: sig('double') }] }, { '9223372036854775807': 'NaN', '-1': 2 }),
      new Map<bigint, number>([[-1n, 2], [9223372036854775807n, Number.NaN]]))
    assert.deepEqual(decode({ rawType: 'array', arguments: [{ kind: 'TYPE', value: sig('bigint') }] }, [1, null]), [1n, null])
    assert.deepEqual(decode({ rawType: 'row', arguments: [{ kind: 'NAMED_TYPE', value: { typeSignature: sig('bigint') } }, { kind: 'NAMED_TYPE', value: { typeSignature: sig('varchar') } }] }, [1, 'a']), [1n, 'a'])
    assert.equal(decode(sig('HyperLogLog'), 'AgwBAIADRAA='), 'AgwBAIADRAA=')
  })

  test('parses interval text with the sign applying to the whole value', () => {
    assert.deepEqual(parseDayToSecond('1 02:03:04.500'), { months: 0, days: 1, micros: 7_384_500_000n })
    assert.deepEqual(parseDayToSecond('-1 02:03:04.500'), { months: 0, days: -1, micros: -7_384_500_000n })
    assert.deepEqual(parseDayToSecond('-0 00:00:01.000'), { months: 0, days: 0, micros: -1_000_000n })
    assert.deepEqual(parseYearToMonth('-3-4'), { months: -40, days: 0, micros: 0n })
    assert.deepEqual(parseYearToMonth('1-2'), { months: 14, days: 0, micros: 0n })
    assert.throws(() => parseDayToSecond('1 day'), TypeError)
  })
})
