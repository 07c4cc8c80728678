import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType } from '../../core/logical-type.ts'
import { decoderFor, normalizeDecimal, parseIsoInterval, postgresType } from './type-map.ts'
import { parseArrayLiteral } from './array-literal.ts'
import { engineErrorKindOf, lineColumn, mapPostgresError } from './error-map.ts'

const numericTypmod = (p: number, s: number): number => ((p << 16) | s) + 4

test('maps OIDs and typmods to logical types', () => {
  assert.equal(formatType(postgresType(1700, numericTypmod(12, 3))), 'decimal(12,3)')
  assert.equal(formatType(postgresType(1700, -1)), 'decimal(38,10)')
  assert.equal(formatType(postgresType(1700, numericTypmod(50, 5))), 'decimal(38,5)')
  assert.equal(formatType(postgresType(1043, 24)), 'varchar(20)')
  assert.equal(formatType(postgresType(1042, 7)), 'char(3)')
  assert.equal(formatType(postgresType(1184, 3)), 'timestamp(3) with time zone')
  assert.equal(formatType(postgresType(1083, -1)), 'time(6)')
  assert.equal(formatType(postgresType(1231, numericTypmod(5, 2))), 'array(decimal(5,2))')
  assert.equal(formatType(postgresType(1186, (((1 << 2) | (1 << 1)) << 16) | 0xffff)), 'interval year to month')
  assert.equal(formatType(postgresType(869, -1)), 'varchar')
})

test('normalises numerics exactly, rounding half away from zero and refusing overflow', () => {
  assert.equal(normalizeDecimal('1.5', 10, 2), '1.50')
  assert.equal(normalizeDecimal('-0.005', 10, 2), '-0.01')
  assert.equal(normalizeDecimal('0.3333333333333333333333', 38, 10), '0.3333333333')
  assert.equal(normalizeDecimal('99.995', 5, 2), '100.00')
  assert.equal(normalizeDecimal('-0.0000001', 10, 2), '0.00')
  assert.throws(() => normalizeDecimal('1' + '0'.repeat(30), 38, 10), { code: 'ENGINE_ERROR' })
  assert.throws(() => normalizeDecimal('NaN', 38, 10), (e: { details: { engineErrorKind: string } }) => e.details.engineErrorKind === 'invalidValue')
})

test('decodes dates, times and intervals in the session formats', () => {
  assert.equal(decoderFor(1082, postgresType(1082, -1))('0001-01-01 BC'), '0000-01-01')
  assert.equal(decoderFor(1114, postgresType(1114, 3))('2020-01-01 10:00:00.5'), '2020-01-01 10:00:00.500')
  assert.equal(decoderFor(1184, postgresType(1184, 0))('2020-01-01 10:00:00+05:30'), '2020-01-01 10:00:00 +05:30')
  assert.deepEqual(parseIsoInterval('P-1Y-2M3DT-4H5M-6.5S'), { months: -14, days: 3, micros: -4n * 3_600_000_000n + 300_000_000n - 6_500_000n })
  assert.deepEqual(parseIsoInterval('PT0S'), { months: 0, days: 0, micros: 0n })
})

test('parses array literals with quotes, NULLs, nesting and bounds', () => {
  assert.deepEqual(parseArrayLiteral('{1,NULL,3}', Number), [1, null, 3])
  assert.deepEqual(parseArrayLiteral('{"a,b","c\\"d","NULL",NULL}', String), ['a,b', 'c"d', 'NULL', null])
  assert.deepEqual(parseArrayLiteral('{{1,2},{3,4}}', Number), [[1, 2], [3, 4]])
  assert.deepEqual(parseArrayLiteral('[0:1]={5,6}', Number), [5, 6])
  assert.deepEqual(parseArrayLiteral('{}', Number), [])
})

test('maps SQLSTATEs to error kinds and socket errors to ENGINE_UNAVAILABLE', () => {
  assert.equal(engineErrorKindOf('23505'), 'constraintViolation')
  assert.equal(engineErrorKindOf('42P07'), 'duplicateObject')
  assert.equal(engineErrorKindOf('XX000'), 'other')
  assert.equal(mapPostgresError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'pg').code, 'ENGINE_UNAVAILABLE')
  assert.equal(mapPostgresError(Object.assign(new Error('password authentication failed'), { code: '28P01' }), 'pg').code, 'ENGINE_UNAVAILABLE')
  assert.equal(mapPostgresError(Object.assign(new Error('canceling statement'), { code: '57014' }), 'pg').code, 'CANCELLED')
  assert.deepEqual(lineColumn('SELECT\n  x', 10), { line: 2, column: 3 })
})
