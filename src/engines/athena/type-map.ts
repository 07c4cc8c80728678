/**
 * Athena result columns → LogicalType, and Athena's text values → the row representation of
 * core/logical-type.ts. GetQueryResults sends every value as text (`VarCharValue`; a missing
 * one is SQL NULL) and describes columns by ResultSetMetadata.ColumnInfo: a type name
 * (`integer`, `varchar`, `decimal`, …) with Precision and Scale beside it, never type arguments.
 *
 * Athena reports `array`, `map` and `row` without their element types and writes their values
 * in an ambiguous text form (`[a, b]`, `{k=v}`), so those columns are varchar holding that text.
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_ColumnInfo.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/data-types.html
 */
import { T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'

/** The parts of ColumnInfo the mapping reads. */
export interface AthenaColumnInfo {
  readonly Name?: string
  readonly Label?: string
  readonly Type?: string
  readonly Precision?: number
  readonly Scale?: number
}

export type TextDecoder = (text: string) => unknown

const UNBOUNDED = 2147483647

export function logicalTypeOfColumnInfo (column: AthenaColumnInfo): LogicalType {
  const name = (column.Type ?? 'varchar').trim().toLowerCase()
  const precision = column.Precision
  const fractionDigits = (fallback: number): number =>
    precision !== undefined && precision >= 0 && precision <= 12 ? precision : fallback
  switch (name) {
    case 'boolean': return T.boolean
    case 'tinyint': return T.tinyint
    case 'smallint': return T.smallint
    case 'int':
    case 'integer': return T.integer
    case 'bigint': return T.bigint
    case 'float':
    case 'real': return T.real
    case 'double': return T.double
    case 'decimal': return T.decimal(precision !== undefined && precision > 0 ? precision : 38, column.Scale ?? 0)
    case 'char': return precision !== undefined && precision > 0 && precision < UNBOUNDED ? T.char(precision) : T.varchar
    case 'varchar': return precision !== undefined && precision > 0 && precision < UNBOUNDED ? T.varcharN(precision) : T.varchar
    case 'string': return T.varchar
    case 'binary':
    case 'varbinary': return T.varbinary
    case 'date': return T.date
    // Athena's engine versions 2 and 3 keep milliseconds; ColumnInfo's Precision is the digits when given.
    case 'timestamp': return T.timestamp(fractionDigits(3))
    case 'timestamp with time zone': return T.timestampWithTimeZone(fractionDigits(3))
    case 'time': return T.time(fractionDigits(3))
    case 'time with time zone': return T.timeWithTimeZone(fractionDigits(3))
    case 'interval day to second': return T.intervalDayToSecond
    case 'interval year to month': return T.intervalYearToMonth
    case 'json': return T.json
    case 'uuid': return T.uuid
    case 'array':
    case 'map':
    case 'row':
    case 'struct': return T.varchar
    default: return T.unknown
  }
}

export function textDecoder (type: LogicalType): TextDecoder {
  switch (type.kind) {
    case 'boolean': return (text) => text.toLowerCase() === 'true'
    case 'tinyint':
    case 'smallint':
    case 'integer': return Number
    case 'bigint': return BigInt
    case 'real':
    case 'double': return parseFloatText
    case 'decimal': return (text) => normalizeDecimal(text, type.scale)
    case 'varbinary': return parseBinary
    case 'timestamp':
    case 'time': return (text) => withFraction(text, type.precision)
    case 'intervalDayToSecond': return (text) => parseDayToSecond(text)
    case 'intervalYearToMonth': return (text) => parseYearToMonth(text)
    default: return (text) => text
  }
}

function parseFloatText (text: string): number {
  switch (text) {
    case 'NaN': return Number.NaN
    case 'Infinity': return Number.POSITIVE_INFINITY
    case '-Infinity': return Number.NEGATIVE_INFINITY
    default: return Number(text)
  }
}

/** `1.5` with scale 3 → `1.500`; Athena usually sends the full scale already. */
export function normalizeDecimal (text: string, scale: number): string {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (match === null) return text
  const whole = match[2] === '' ? '0' : match[2]!
  const fraction = (match[3] ?? '').padEnd(scale, '0')
  const sign = match[1] === '-' ? '-' : ''
  return scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction.slice(0, Math.max(scale, fraction.replace(/0+$/, '').length))}`
}

/** Athena prints varbinary as space-separated hex pairs (`68 65 6c`). */
export function parseBinary (text: string): Uint8Array {
  const hex = text.replaceAll(/\s+/g, '')
  const bytes = Buffer.from(hex, 'hex')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** `2020-01-02 03:04:05.1` with precision 3 → `2020-01-02 03:04:05.100`. */
function withFraction (text: string, precision: number): string {
  const match = /^(.*?\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text)
  if (match === null) return text
  if (precision === 0) return match[1]!
  return `${match[1]!}.${(match[2] ?? '').padEnd(precision, '0').slice(0, precision)}`
}

function parseDayToSecond (text: string): unknown {
  const match = /^(-)?(\d+) (\d+):(\d+):(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim())
  if (match === null) return text
  const sign = match[1] === '-' ? -1n : 1n
  const micros = ((BigInt(match[3]!) * 60n + BigInt(match[4]!)) * 60n + BigInt(match[5]!)) * 1_000_000n + BigInt((match[6] ?? '').padEnd(6, '0').slice(0, 6))
  return { months: 0, days: Number(match[2]) * Number(sign) + 0, micros: sign * micros }
}

function parseYearToMonth (text: string): unknown {
  const match = /^(-)?(\d+)-(\d+)$/.exec(text.trim())
  if (match === null) return text
  const months = Number(match[2]) * 12 + Number(match[3])
  return { months: match[1] === '-' ? -months : months, days: 0, micros: 0n }
}
