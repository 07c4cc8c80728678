/**
 * Trino's typed literals (`DATE '…'`, `TIMESTAMP '…'`, `DECIMAL '…'`, …) and number literals,
 * typed as Trino types them and converted to the value representation of core/logical-type.ts.
 * @see https://trino.io/docs/current/language/types.html
 */
import { errors } from '../../core/errors.ts'
import { T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'

const INT32_MIN = -(2n ** 31n)
const INT32_MAX = 2n ** 31n - 1n
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** `TYPE 'text'`, as Trino reads it. */
export function typedLiteral (typeName: string, text: string): QueryParameter {
  switch (typeName) {
    case 'VARCHAR': return { type: T.varchar, value: text }
    case 'CHAR': return { type: T.char(Math.max(1, text.length)), value: text }
    case 'JSON': return { type: T.json, value: text }
    case 'BOOLEAN': {
      const lower = text.trim().toLowerCase()
      if (lower !== 'true' && lower !== 'false') throw errors.badRequest(`Cannot cast '${text}' to BOOLEAN`)
      return { type: T.boolean, value: lower === 'true' }
    }
    case 'TINYINT': return integerOfType(text, T.tinyint, 8)
    case 'SMALLINT': return integerOfType(text, T.smallint, 16)
    case 'INTEGER':
    case 'INT': return integerOfType(text, T.integer, 32)
    case 'BIGINT': {
      const value = parseInteger(text)
      if (value < INT64_MIN || value > INT64_MAX) throw errors.badRequest(`value '${text}' is out of range for BIGINT`)
      return { type: T.bigint, value }
    }
    case 'DOUBLE':
    case 'REAL': return { type: typeName === 'REAL' ? T.real : T.double, value: parseDouble(text) }
    case 'DECIMAL':
    case 'NUMERIC': return decimalLiteral(text.trim())
    case 'DATE': return { type: T.date, value: parseDate(text) }
    case 'TIME': return timeLiteral(text.trim())
    case 'TIMESTAMP': return timestampLiteral(text.trim())
    case 'UUID': {
      const value = text.trim().toLowerCase()
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) throw errors.badRequest(`Invalid UUID literal '${text}'`)
      return { type: T.uuid, value }
    }
    case 'VARBINARY': return { type: T.varbinary, value: new TextEncoder().encode(text) }
    default: throw errors.badRequest(`${typeName} literals are not supported as parameters; use a string, number, DATE, TIME, TIMESTAMP, DECIMAL, DOUBLE or UUID literal`)
  }
}

export function numberLiteral (text: string): QueryParameter {
  if (/[eE]/.test(text)) return { type: T.double, value: Number(text) }
  if (text.includes('.')) return decimalLiteral(text)
  const value = BigInt(text)
  if (value >= INT32_MIN && value <= INT32_MAX) return { type: T.integer, value: Number(value) }
  if (value >= INT64_MIN && value <= INT64_MAX) return { type: T.bigint, value }
  return decimalLiteral(text)
}

function integerOfType (text: string, type: LogicalType, bits: number): QueryParameter {
  const value = parseInteger(text)
  const limit = 2n ** BigInt(bits - 1)
  if (value < -limit || value >= limit) throw errors.badRequest(`value '${text}' is out of range for ${type.kind.toUpperCase()}`)
  return { type, value: Number(value) }
}

function parseInteger (text: string): bigint {
  const trimmed = text.trim()
  if (!/^[+-]?\d+$/.test(trimmed)) throw errors.badRequest(`Cannot cast '${text}' to an integer`)
  return BigInt(trimmed)
}

function parseDouble (text: string): number {
  const trimmed = text.trim()
  if (/^[+-]?(NaN|Infinity)$/i.test(trimmed)) {
    if (/nan/i.test(trimmed)) return Number.NaN
    return trimmed.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) throw errors.badRequest(`Cannot cast '${text}' to DOUBLE`)
  return Number(trimmed)
}

/** `1.50` is decimal(3,2) with value "1.50"; the value keeps exactly `scale` fraction digits. */
export function decimalLiteral (text: string): QueryParameter {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text)
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw errors.badRequest(`Cannot cast '${text}' to DECIMAL`)
  const sign = match[1] === '-' ? '-' : ''
  const integer = match[2]!.replace(/^0+(?=\d)/, '') || '0'
  const fraction = match[3] ?? ''
  const digits = (integer === '0' ? '' : integer).length + fraction.length
  const precision = Math.max(1, digits)
  if (precision > 38) throw errors.badRequest(`decimal literal '${text}' has more than 38 digits`)
  const isZero = /^0*$/.test(integer + fraction)
  return { type: T.decimal(precision, fraction.length), value: `${isZero ? '' : sign}${integer}${fraction === '' ? '' : `.${fraction}`}` }
}

function parseDate (text: string): string {
  const value = text.trim()
  if (!/^[+-]?\d{4,}-\d{2}-\d{2}$/.test(value)) throw errors.badRequest(`'${text}' is not a valid DATE literal (YYYY-MM-DD)`)
  return value
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?/

function timeLiteral (text: string): QueryParameter {
  const match = TIME.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a valid TIME literal (HH:MM:SS[.fff])`)
  const fraction = match[4] ?? ''
  const time = `${match[1]!.padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}${fraction === '' ? '' : `.${fraction}`}`
  const zone = text.slice(match[0].length).trim()
  if (zone === '') return { type: T.time(fraction.length), value: time }
  return { type: T.timeWithTimeZone(fraction.length), value: `${time}${offsetOf(zone, text)}` }
}

function timestampLiteral (text: string): QueryParameter {
  const match = /^([+-]?\d{4,}-\d{2}-\d{2})(?:[ T](.*))?$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a valid TIMESTAMP literal (YYYY-MM-DD HH:MM:SS[.fff] [zone])`)
  const rest = (match[2] ?? '').trim()
  const time = rest === '' ? null : TIME.exec(rest)
  if (rest !== '' && time === null) throw errors.badRequest(`'${text}' is not a valid TIMESTAMP literal (YYYY-MM-DD HH:MM:SS[.fff] [zone])`)
  const fraction = time?.[4] ?? ''
  const clock = time === null ? '00:00:00' : `${time[1]!.padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}${fraction === '' ? '' : `.${fraction}`}`
  const value = `${match[1]} ${clock}`
  const zone = time === null ? '' : rest.slice(time[0].length).trim()
  if (zone === '') return { type: T.timestamp(fraction.length), value }
  return { type: T.timestampWithTimeZone(fraction.length), value: `${value} ${zoneOf(zone)}` }
}

/** Zone text as the core representation writes it: `UTC`, `±HH:MM` or an IANA id. */
function zoneOf (zone: string): string {
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone)
  if (offset !== null) return `${offset[1]}${offset[2]!.padStart(2, '0')}:${offset[3] ?? '00'}`
  if (/^(Z|UTC|GMT|UT)$/i.test(zone)) return 'UTC'
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) throw errors.badRequest(`'${zone}' is not a time zone`)
  return zone
}

function offsetOf (zone: string, text: string): string {
  const normalized = zoneOf(zone)
  if (normalized === 'UTC') return '+00:00'
  if (!/^[+-]\d{2}:\d{2}$/.test(normalized)) throw errors.badRequest(`TIME WITH TIME ZONE literal '${text}' needs an offset such as +01:00`)
  return normalized
}

export function hexToBytes (hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw errors.badRequest(`X'${hex}' is not a valid binary literal (an even number of hex digits)`)
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
