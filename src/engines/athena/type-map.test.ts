import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType } from '../../core/logical-type.ts'
import { logicalTypeOfColumnInfo, normalizeDecimal, parseBinary, textDecoder } from './type-map.ts'

const typeOf = (Type: string, Precision?: number, Scale?: number): string =>
  formatType(logicalTypeOfColumnInfo({ Type, ...(Precision === undefined ? {} : { Precision }), ...(Scale === undefined ? {} : { Scale }) }))

describe('Athena type map', () => {
  test('maps ColumnInfo type names with Precision and Scale', () => {
    assert.equal(typeOf('decimal', 38, 9), 'decimal(38,9)')
    assert.equal(typeOf('varchar', 2147483647), 'varchar')
    assert.equal(typeOf('varchar', 10), 'varchar(10)')
    assert.equal(typeOf('char', 4), 'char(4)')
    assert.equal(typeOf('float'), 'real')
    assert.equal(typeOf('string'), 'varchar')
    assert.equal(typeOf('timestamp', 3), 'timestamp(3)')
    assert.equal(typeOf('timestamp with time zone'), 'timestamp(3) with time zone')
    assert.equal(typeOf('array'), 'varchar')
    assert.equal(typeOf('struct'), 'varchar')
    assert.equal(typeOf('ipaddress'), 'unknown')
    assert.equal(typeOf('interval day to second'), 'interval day to second')
  })

  test('decodes text values into the core representation', () => {
    const decode = (Type: string, value: string, Precision?: number, Scale?: number): unknown =>
      textDecoder(logicalTypeOfColumnInfo({ Type, ...(Precision === undefined ? {} : { Precision }), ...(Scale === undefined ? {} : { Scale }) }))(value)
    assert.equal(decode('boolean', 'false'), false)
    assert.equal(decode('bigint', '-9223372036854775808'), -9223372036854775808n)
    assert.equal(decode('double', 'Infinity'), Number.POSITIVE_INFINITY)
    assert.equal(decode('decimal', '.5', 10, 3), '0.500')
    assert.equal(decode('decimal', '-12', 10, 2), '-12.00')
    assert.equal(decode('timestamp', '2020-01-02 03:04:05', 3), '2020-01-02 03:04:05.000')
    assert.deepEqual(decode('interval day to second', '-1 00:00:01.500'), { months: 0, days: -1, micros: -1_500_000n })
    assert.deepEqual(decode('interval year to month', '2-3'), { months: 27, days: 0, micros: 0n })
    assert.equal(decode('varchar', ''), '')
  })

  test('keeps decimals exact and reads varbinary hex with or without spaces', () => {
    assert.equal(normalizeDecimal('123456789012345678901234567890.12', 2), '123456789012345678901234567890.12')
    assert.equal(normalizeDecimal('7', 0), '7')
    assert.deepEqual(parseBinary('68 65 6c'), new Uint8Array([0x68, 0x65, 0x6c]))
    assert.deepEqual(parseBinary('00ff'), new Uint8Array([0, 255]))
  })
})
