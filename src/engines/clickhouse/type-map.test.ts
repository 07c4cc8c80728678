import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType } from '../../core/logical-type.ts'
import { fieldDecoder, logicalTypeOf, parseClickHouseType } from './type-map.ts'
import { parseException, engineErrorKindOf } from './error-map.ts'

const typeOf = (text: string): string => formatType(logicalTypeOf(parseClickHouseType(text)))

test('maps ClickHouse types to logical types', () => {
  assert.equal(typeOf('Nullable(Int64)'), 'bigint')
  assert.equal(typeOf('LowCardinality(Nullable(String))'), 'varchar')
  assert.equal(typeOf('UInt64'), 'decimal(20,0)')
  assert.equal(typeOf('Decimal(18, 4)'), 'decimal(18,4)')
  assert.equal(typeOf('Decimal64(3)'), 'decimal(18,3)')
  assert.equal(typeOf('Decimal256(3)'), 'varchar')
  assert.equal(typeOf("DateTime('Europe/Berlin')"), 'timestamp(0) with time zone')
  assert.equal(typeOf("DateTime64(6, 'UTC')"), 'timestamp(6) with time zone')
  assert.equal(typeOf('DateTime64(3)'), 'timestamp(3)')
  assert.equal(typeOf("Enum8('a,b' = 1, 'c)' = 2)"), 'varchar')
  assert.equal(typeOf('Array(Tuple(UInt8, String))'), 'array(row(smallint, varchar))')
  assert.equal(typeOf('Tuple(a Int32, b Array(String))'), 'row(a integer, b array(varchar))')
  assert.equal(typeOf('Map(String, UInt64)'), 'map(varchar, decimal(20,0))')
  assert.equal(typeOf('AggregateFunction(uniq, UInt64)'), 'varchar')
  assert.equal(typeOf('Nothing'), 'unknown')
})

test('decodes composite values in ClickHouse literal form', () => {
  assert.deepEqual(fieldDecoder(parseClickHouseType('Array(Nullable(String))'))("['a\\'b',NULL,'c,]']"), ["a'b", null, 'c,]'])
  assert.deepEqual(fieldDecoder(parseClickHouseType('Array(Array(Int64))'))('[[1,-9223372036854775808],[]]'), [[1n, -9223372036854775808n], []])
  assert.deepEqual(fieldDecoder(parseClickHouseType('Tuple(UInt8, Date)'))("(1,'2020-01-01')"), [1, '2020-01-01'])
  assert.deepEqual(fieldDecoder(parseClickHouseType('Map(String, Float64)'))("{'x':1.5,'y':inf}"), new Map([['x', 1.5], ['y', Infinity]]))
  assert.equal(fieldDecoder(parseClickHouseType('Nullable(Decimal(9, 2))'))('\\N'), null)
  assert.equal(fieldDecoder(parseClickHouseType('Decimal(9, 2)'))('-0.00'), '0.00')
  assert.equal(fieldDecoder(parseClickHouseType('Date'))('0000-00-00'), '1970-01-01')
  assert.equal(fieldDecoder(parseClickHouseType("DateTime('Asia/Tokyo')"))('0000-00-00 00:00:00'), '1970-01-01 09:00:00 Asia/Tokyo')
  assert.throws(() => fieldDecoder(parseClickHouseType('DateTime'))('0000-00-00 00:00:00'), { code: 'ENGINE_ERROR' })
})

test('reads exception texts of 18.x and newer servers', () => {
  assert.deepEqual(parseException("Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., e.what() = DB::Exception\n"),
    { code: 60, message: "Table default.x doesn't exist." })
  assert.deepEqual(parseException('Code: 62. DB::Exception: Syntax error: failed at position 1. (SYNTAX_ERROR) (version 23.8.1.1)\n'),
    { code: 62, message: 'Syntax error: failed at position 1. (SYNTAX_ERROR)' })
  assert.equal(parseException('1\t2'), undefined)
  assert.equal(engineErrorKindOf(153), 'divisionByZero')
  assert.equal(engineErrorKindOf(99999), 'other')
})
