/**
 * MySQL-wire column definitions → LogicalType, and decoders from the text protocol's raw
 * bytes to the row representation of core/logical-type.ts. The adapter reads every value as
 * raw bytes (mysql2 `typeCast: false`), so nothing passes through a JS float or a JS Date:
 * BIGINT → bigint, DECIMAL → exact text, DATETIME(6) keeps its microseconds.
 *
 * Connections run with time_zone = '+00:00' (see adapter.ts), which TIMESTAMP values rely on.
 * @see https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html
 */
import { T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import { errors, EngineErrorKind } from '../../core/errors.ts'

/** enum_field_types (include/mysql_com.h / field_types.h). */
export const MysqlType = {
  DECIMAL: 0x00, TINY: 0x01, SHORT: 0x02, LONG: 0x03, FLOAT: 0x04, DOUBLE: 0x05, NULL: 0x06,
  TIMESTAMP: 0x07, LONGLONG: 0x08, INT24: 0x09, DATE: 0x0a, TIME: 0x0b, DATETIME: 0x0c, YEAR: 0x0d,
  NEWDATE: 0x0e, VARCHAR: 0x0f, BIT: 0x10, TIMESTAMP2: 0x11, DATETIME2: 0x12, TIME2: 0x13,
  VECTOR: 0xf2, JSON: 0xf5, NEWDECIMAL: 0xf6, ENUM: 0xf7, SET: 0xf8, TINY_BLOB: 0xf9,
  MEDIUM_BLOB: 0xfa, LONG_BLOB: 0xfb, BLOB: 0xfc, VAR_STRING: 0xfd, STRING: 0xfe, GEOMETRY: 0xff,
} as const

const UNSIGNED_FLAG = 32
/** Character set number 63 is `binary`: BINARY/VARBINARY/BLOB rather than CHAR/VARCHAR/TEXT. */
const BINARY_CHARSET = 63
const MAX_DECIMAL_PRECISION = 38

/** What the adapter needs of a column definition (mysql2's ColumnDefinition has these fields). */
export interface MysqlColumnDefinition {
  readonly name: string
  readonly columnType: number
  readonly flags: number
  readonly decimals: number
  readonly columnLength: number
  readonly characterSet: number
  /** MariaDB 10.5+ extended metadata: 'uuid', 'inet4', 'inet6', … */
  readonly extendedTypeName?: string
  /** MariaDB 10.5+ extended metadata: 'json' for JSON columns (LONGTEXT underneath). */
  readonly extendedFormat?: string
}

export function mysqlType (column: MysqlColumnDefinition): LogicalType {
  const unsigned = (column.flags & UNSIGNED_FLAG) !== 0
  const binary = column.characterSet === BINARY_CHARSET
  if (column.extendedTypeName === 'uuid') return T.uuid
  if (column.extendedFormat === 'json') return T.json
  switch (column.columnType) {
    case MysqlType.TINY: return unsigned ? T.smallint : T.tinyint
    case MysqlType.SHORT: return unsigned ? T.integer : T.smallint
    case MysqlType.INT24: return T.integer
    case MysqlType.LONG: return unsigned ? T.bigint : T.integer
    case MysqlType.LONGLONG: return unsigned ? T.decimal(20, 0) : T.bigint
    case MysqlType.YEAR: return T.smallint
    case MysqlType.FLOAT: return T.real
    case MysqlType.DOUBLE: return T.double
    case MysqlType.DECIMAL:
    case MysqlType.NEWDECIMAL: return decimalType(column, unsigned)
    case MysqlType.DATE:
    case MysqlType.NEWDATE: return T.date
    case MysqlType.TIME:
    case MysqlType.TIME2: return T.time(fsp(column))
    case MysqlType.DATETIME:
    case MysqlType.DATETIME2: return T.timestamp(fsp(column))
    case MysqlType.TIMESTAMP:
    case MysqlType.TIMESTAMP2: return T.timestampWithTimeZone(fsp(column))
    case MysqlType.BIT: return column.columnLength === 1 ? T.boolean : T.bigint
    case MysqlType.JSON: return T.json
    case MysqlType.NULL: return T.unknown
    case MysqlType.GEOMETRY:
    case MysqlType.VECTOR: return T.varbinary
    case MysqlType.ENUM:
    case MysqlType.SET: return T.varchar
    case MysqlType.VARCHAR:
    case MysqlType.VAR_STRING:
    case MysqlType.STRING:
    case MysqlType.TINY_BLOB:
    case MysqlType.MEDIUM_BLOB:
    case MysqlType.LONG_BLOB:
    case MysqlType.BLOB: return binary ? T.varbinary : T.varchar
    default: return binary ? T.varbinary : T.varchar
  }
}

function fsp (column: MysqlColumnDefinition): number {
  return column.decimals >= 0 && column.decimals <= 6 ? column.decimals : 0
}

function decimalType (column: MysqlColumnDefinition, unsigned: boolean): LogicalType {
  // The display length counts the sign (unless UNSIGNED) and the decimal point (if scale > 0).
  const scale = Math.min(column.decimals, 30)
  const precision = column.columnLength - (scale > 0 ? 1 : 0) - (unsigned ? 0 : 1)
  if (precision > MAX_DECIMAL_PRECISION) return T.decimal(MAX_DECIMAL_PRECISION, Math.min(scale, MAX_DECIMAL_PRECISION))
  return T.decimal(Math.max(precision, 1), scale)
}

export type Decoder = (raw: Buffer) => unknown

export function decoderFor (type: LogicalType, column: MysqlColumnDefinition): Decoder {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double': return (raw) => Number(raw.toString('latin1'))
    case 'bigint': return column.columnType === MysqlType.BIT ? decodeBitInteger : (raw) => BigInt(raw.toString('latin1'))
    case 'boolean': return (raw) => raw.length > 0 && raw[raw.length - 1] !== 0
    case 'decimal': return (raw) => normalizeDecimal(raw.toString('latin1'), type.precision, type.scale)
    case 'varbinary': return (raw) => new Uint8Array(raw)
    case 'date': return (raw) => checkZeroDate(raw.toString('latin1'))
    case 'time': return (raw) => decodeTime(raw.toString('latin1'), type.precision)
    case 'timestamp': return (raw) => padFraction(checkZeroDate(raw.toString('latin1')), type.precision)
    case 'timestampWithTimeZone': return (raw) => `${padFraction(checkZeroDate(raw.toString('latin1')), type.precision)} UTC`
    case 'uuid': return (raw) => raw.toString('latin1').toLowerCase()
    case 'unknown': return () => null
    default: return (raw) => raw.toString('utf8')
  }
}

/** BIT(n) arrives as n bits packed big-endian into ceil(n/8) bytes. */
function decodeBitInteger (raw: Buffer): bigint {
  let value = 0n
  for (const byte of raw) value = (value << 8n) | BigInt(byte)
  return value
}

function checkZeroDate (text: string): string {
  if (text.startsWith('0000-00-00')) {
    throw errors.engineError(`the MySQL-wire server returned the zero date '${text}', which is no date: filter it out, or use NULLIF(col, '0000-00-00') / set sql_mode NO_ZERO_DATE`,
      undefined, { engineErrorKind: EngineErrorKind.invalidValue })
  }
  return text
}

/** TIME ranges over ±838:59:59 in MySQL; only 00:00:00–23:59:59.999999 is a time of day. */
function decodeTime (text: string, precision: number): string {
  if (!/^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) || Number(text.slice(0, 2)) > 23) {
    throw errors.engineError(`the MySQL-wire server returned TIME '${text}', which is a duration, not a time of day: cast it to CHAR or to seconds with TIME_TO_SEC()`,
      undefined, { engineErrorKind: EngineErrorKind.invalidValue })
  }
  return padFraction(text, precision)
}

/** Pads or trims the fraction after the last ':'-separated seconds to exactly `precision` digits. */
export function padFraction (text: string, precision: number): string {
  const dot = text.indexOf('.')
  const whole = dot < 0 ? text : text.slice(0, dot)
  const fraction = dot < 0 ? '' : text.slice(dot + 1)
  return precision === 0 ? whole : `${whole}.${fraction.padEnd(precision, '0').slice(0, precision)}`
}

/** Exact decimal text with exactly `scale` fraction digits; fails rather than changing the number. */
export function normalizeDecimal (text: string, precision: number, scale: number): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text)
  if (match === null) throw errors.internal(`the MySQL-wire server sent '${text}' for a DECIMAL column`)
  const negative = match[1] === '-'
  const integer = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0'
  const fraction = match[3] ?? ''
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) {
    throw errors.engineError(`the MySQL-wire server returned the decimal ${text}, more digits than decimal(${precision},${scale}) holds: cast it to DOUBLE or CHAR`,
      undefined, { engineErrorKind: EngineErrorKind.numericOverflow })
  }
  if (integer.length > precision - scale && integer !== '0') {
    throw errors.engineError(`the MySQL-wire server returned the decimal ${text}, more digits than decimal(${precision},${scale}) holds: cast it to DOUBLE or CHAR`,
      undefined, { engineErrorKind: EngineErrorKind.numericOverflow })
  }
  const frac = fraction.slice(0, scale).padEnd(scale, '0')
  const isZero = /^0*$/.test(integer + frac)
  return `${negative && !isZero ? '-' : ''}${integer}${scale > 0 ? `.${frac}` : ''}`
}
