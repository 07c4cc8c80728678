import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatType } from '../../core/logical-type.ts'
import { MysqlType, mysqlType, decoderFor, normalizeDecimal } from './type-map.ts'
import type { MysqlColumnDefinition } from './type-map.ts'
import { substitutePlaceholders } from './placeholders.ts'
import { renderMysqlLiteral } from './parameters.ts'
import { mapMysqlError } from './error-map.ts'
import { typeFromColumnType } from './metadata.ts'

const column = (columnType: number, extra: Partial<MysqlColumnDefinition> = {}): MysqlColumnDefinition =>
  ({ name: 'c', columnType, flags: 0, decimals: 0, columnLength: 11, characterSet: 45, ...extra })

test('maps column definitions to logical types', () => {
  assert.equal(formatType(mysqlType(column(MysqlType.NEWDECIMAL, { columnLength: 12, decimals: 2 }))), 'decimal(10,2)')
  assert.equal(formatType(mysqlType(column(MysqlType.NEWDECIMAL, { columnLength: 11, decimals: 2, flags: 32 }))), 'decimal(10,2)')
  assert.equal(formatType(mysqlType(column(MysqlType.LONGLONG, { flags: 32 }))), 'decimal(20,0)')
  assert.equal(formatType(mysqlType(column(MysqlType.VAR_STRING, { characterSet: 63 }))), 'varbinary')
  assert.equal(formatType(mysqlType(column(MysqlType.BLOB, { characterSet: 45 }))), 'varchar')
  assert.equal(formatType(mysqlType(column(MysqlType.DATETIME, { decimals: 6 }))), 'timestamp(6)')
  assert.equal(formatType(mysqlType(column(MysqlType.BLOB, { extendedFormat: 'json' }))), 'json')
  assert.equal(formatType(typeFromColumnType('int(10) unsigned')), 'bigint')
  assert.equal(formatType(typeFromColumnType('decimal(12,3)')), 'decimal(12,3)')
})

test('decodes raw values exactly and refuses zero dates and durations', () => {
  assert.equal(decoderFor(mysqlType(column(MysqlType.LONGLONG)), column(MysqlType.LONGLONG))(Buffer.from('-9223372036854775808')), -9223372036854775808n)
  assert.equal(normalizeDecimal('-0.00', 5, 2), '0.00')
  const date = column(MysqlType.DATE)
  assert.throws(() => decoderFor(mysqlType(date), date)(Buffer.from('0000-00-00')), { code: 'ENGINE_ERROR' })
  const time = column(MysqlType.TIME)
  assert.throws(() => decoderFor(mysqlType(time), time)(Buffer.from('838:59:59')), { code: 'ENGINE_ERROR' })
})

test('substitutes ? outside literals and comments only', () => {
  const sql = "SELECT ?, '?', \"?\", `?` -- ?\n, /* ? */ ?"
  assert.equal(substitutePlaceholders(sql, 2, (i) => `<${i}>`), "SELECT <0>, '?', \"?\", `?` -- ?\n, /* ? */ <1>")
  assert.equal(substitutePlaceholders("SELECT 'it\\'s ?', ?", 1, () => '1'), "SELECT 'it\\'s ?', 1")
  assert.throws(() => substitutePlaceholders('SELECT ?', 2, () => '1'), { code: 'BAD_REQUEST' })
  assert.equal(renderMysqlLiteral({ kind: 'varchar' }, "a'b\\\n\0", 1), "'a\\'b\\\\\\n\\0'")
  assert.throws(() => renderMysqlLiteral({ kind: 'bigint' }, '1 OR 1=1', 1), { code: 'BAD_REQUEST' })
})

test('maps errnos to error kinds', () => {
  const serverError = (errno: number): unknown => Object.assign(new Error('x'), { errno, sqlState: 'HY000' })
  assert.equal(mapMysqlError(serverError(1049), 'my').details.engineErrorKind, 'undefinedSchema')
  assert.equal(mapMysqlError(serverError(1317), 'my').code, 'CANCELLED')
  assert.equal(mapMysqlError(serverError(1045), 'my').code, 'ENGINE_UNAVAILABLE')
  assert.equal(mapMysqlError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'my').code, 'ENGINE_UNAVAILABLE')
})
