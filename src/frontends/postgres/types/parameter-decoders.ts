/**
 * Bind parameter bytes (text or binary, by type OID) → QueryParameter: a LogicalType and a
 * value in core/logical-type.ts representation, so the engine adapter can bind it natively or
 * render a correctly typed, escaped literal. Input that does not parse as its type is
 * BAD_REQUEST with PostgreSQL's own wording ("invalid input syntax for type integer: …").
 */
import { errors, ErrorCode, isQueryFluxError } from '../../../core/errors.ts'
import { T } from '../../../core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../../core/logical-type.ts'
import type { QueryParameter } from '../../../core/query-request.ts'
import { Oid, pgTypeByOid } from './pg-types.ts'
import { readNumericBinary } from './numeric.ts'
import { decodeBinaryArray, mapNested, parseArrayLiteral } from './array-format.ts'
import { plainDecimal } from './text-format.ts'
import {
  PG_EPOCH_DAYS, formatDateDays, parseDateDays, parseTimeMicros, parseTimestampMicros,
  parseTimestamptzMicros, parseTimetz, formatOffset, civilFromDays,
} from './temporal.ts'
import { parseInterval } from './interval.ts'

export interface DecodeContext {
  /** Session TimeZone: a timestamptz given without a zone is in it. */
  readonly timeZone: string
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const PG_EPOCH_MICROS = BigInt(PG_EPOCH_DAYS) * 86_400_000_000n
const MICROS_PER_DAY = 86_400_000_000n

function text (bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw errors.badRequest('invalid byte sequence for encoding "UTF8" in a parameter value')
  }
}

/** Decodes one parameter; `oid` 0 (unspecified) in text format becomes an untyped string literal. */
export function decodeParameter (oid: number, binary: boolean, bytes: Uint8Array | null, ctx: DecodeContext): QueryParameter {
  const type = logicalTypeForOid(oid)
  if (bytes === null) return { type, value: null }
  if (binary && (oid === 0 || oid === Oid.unknown)) {
    throw errors.badRequest('a binary-format parameter needs a declared type: give its type OID in Parse or use text format')
  }
  let value: unknown
  try {
    value = binary ? decodeBinary(oid, bytes) : decodeText(oid, text(bytes), ctx)
  } catch (error) {
    // A malformed value is the statement's fault, not the connection's: the session goes on.
    if (isQueryFluxError(error) && error.code === ErrorCode.PROTOCOL_VIOLATION) throw errors.badRequest(`invalid binary parameter value: ${error.message}`)
    throw error
  }
  return { type: oid === Oid.numeric ? decimalTypeOf(value as string) : type, value }
}

/** The LogicalType a PostgreSQL type OID stands for, as a parameter. */
export function logicalTypeForOid (oid: number): LogicalType {
  switch (oid) {
    case 0: case Oid.unknown: return T.unknown
    case Oid.bool: return T.boolean
    case Oid.int2: return T.smallint
    case Oid.int4: return T.integer
    case Oid.int8: case Oid.oid: case Oid.regclass: case Oid.regtype: case Oid.regproc: case Oid.regnamespace: return T.bigint
    case Oid.float4: return T.real
    case Oid.float8: return T.double
    case Oid.numeric: return T.decimal(38, 10)
    case Oid.text: case Oid.varchar: case Oid.bpchar: case Oid.name: case Oid.char: case Oid.xml: return T.varchar
    case Oid.bytea: return T.varbinary
    case Oid.date: return T.date
    case Oid.time: return T.time(6)
    case Oid.timetz: return T.timeWithTimeZone(6)
    case Oid.timestamp: return T.timestamp(6)
    case Oid.timestamptz: return T.timestampWithTimeZone(6)
    case Oid.interval: return T.intervalDayToSecond
    case Oid.uuid: return T.uuid
    case Oid.json: case Oid.jsonb: return T.json
  }
  const info = pgTypeByOid(oid)
  if (info !== undefined && info.category === 'A' && info.elementOid !== 0) return T.array(logicalTypeForOid(info.elementOid))
  throw errors.badRequest(`parameter type OID ${oid} is not supported by QueryFlux: send it as text with type OID 0 or 25`)
}

function decodeText (oid: number, value: string, ctx: DecodeContext): unknown {
  switch (oid) {
    case 0: case Oid.unknown: case Oid.text: case Oid.varchar: case Oid.bpchar: case Oid.name: case Oid.char: case Oid.xml:
      return value
    case Oid.bool: return parseBool(value)
    case Oid.int2: return parseInteger(value, 'smallint', -32768, 32767)
    case Oid.int4: return parseInteger(value, 'integer', -2147483648, 2147483647)
    case Oid.int8: case Oid.oid: case Oid.regclass: case Oid.regtype: case Oid.regproc: case Oid.regnamespace: return parseBigint(value)
    case Oid.float4: return Math.fround(parseFloatText(value, 'real'))
    case Oid.float8: return parseFloatText(value, 'double precision')
    case Oid.numeric: return parseNumeric(value)
    case Oid.bytea: return parseByteaText(value)
    case Oid.date: return formatDateDays(parseDateDays(value))
    case Oid.time: return fixedTime(parseTimeMicros(value))
    case Oid.timetz: {
      const { micros, offsetSeconds } = parseTimetz(value)
      return `${fixedTime(micros)}${offsetText(offsetSeconds)}`
    }
    case Oid.timestamp: return fixedTimestamp(parseTimestampMicros(value), '')
    case Oid.timestamptz: return fixedTimestamp(parseTimestamptzMicros(value, ctx.timeZone), ' UTC')
    case Oid.interval: return parseInterval(value)
    case Oid.uuid: return parseUuid(value)
    case Oid.json: case Oid.jsonb: return parseJson(value)
  }
  const info = pgTypeByOid(oid)
  if (info?.category === 'A' && info.elementOid !== 0) {
    return mapNested(parseArrayLiteral(value), (element) => decodeText(info.elementOid, element, ctx))
  }
  throw errors.badRequest(`parameter type OID ${oid} is not supported by QueryFlux`)
}

function decodeBinary (oid: number, bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const need = (n: number, what: string): void => {
    if (bytes.byteLength !== n) throw errors.badRequest(`invalid binary ${what} parameter: expected ${n} bytes, got ${bytes.byteLength}`)
  }
  switch (oid) {
    case Oid.text: case Oid.varchar: case Oid.bpchar: case Oid.name: case Oid.char: case Oid.xml: return text(bytes)
    case Oid.bool: need(1, 'boolean'); return bytes[0] !== 0
    case Oid.int2: need(2, 'smallint'); return view.getInt16(0)
    case Oid.int4: need(4, 'integer'); return view.getInt32(0)
    case Oid.oid: case Oid.regclass: case Oid.regtype: case Oid.regproc: case Oid.regnamespace: need(4, 'oid'); return BigInt(view.getUint32(0))
    case Oid.int8: need(8, 'bigint'); return view.getBigInt64(0)
    case Oid.float4: need(4, 'real'); return view.getFloat32(0)
    case Oid.float8: need(8, 'double precision'); return view.getFloat64(0)
    case Oid.numeric: return parseNumeric(readNumericBinary(bytes))
    case Oid.bytea: return new Uint8Array(bytes)
    case Oid.date: {
      need(4, 'date')
      const days = view.getInt32(0)
      if (days === 0x7fffffff) return 'infinity'
      if (days === -0x80000000) return '-infinity'
      return formatDateDays(days + PG_EPOCH_DAYS)
    }
    case Oid.time: need(8, 'time'); return fixedTime(view.getBigInt64(0))
    case Oid.timetz: need(12, 'time with time zone'); return `${fixedTime(view.getBigInt64(0))}${offsetText(-view.getInt32(8))}`
    case Oid.timestamp: case Oid.timestamptz: {
      need(8, 'timestamp')
      const micros = view.getBigInt64(0)
      if (micros === 0x7fffffffffffffffn) return 'infinity'
      if (micros === -0x8000000000000000n) return '-infinity'
      return fixedTimestamp(micros + PG_EPOCH_MICROS, oid === Oid.timestamptz ? ' UTC' : '')
    }
    case Oid.interval: {
      need(16, 'interval')
      const value: IntervalValue = { micros: view.getBigInt64(0), days: view.getInt32(8), months: view.getInt32(12) }
      return value
    }
    case Oid.uuid: {
      need(16, 'uuid')
      const hex = Buffer.from(bytes).toString('hex')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    }
    case Oid.json: return parseJson(text(bytes))
    case Oid.jsonb: {
      if (bytes[0] !== 1) throw errors.badRequest(`unsupported jsonb binary version ${bytes[0]}`)
      return parseJson(text(bytes.subarray(1)))
    }
  }
  const info = pgTypeByOid(oid)
  if (info?.category === 'A' && info.elementOid !== 0) return decodeBinaryArray(bytes, (el) => decodeBinary(info.elementOid, el))
  throw errors.badRequest(`parameter type OID ${oid} is not supported by QueryFlux in binary format`)
}

function parseBool (value: string): boolean {
  const v = value.trim().toLowerCase()
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(v)) return true
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(v)) return false
  throw errors.badRequest(`invalid input syntax for type boolean: "${value}"`)
}

function parseInteger (value: string, name: string, min: number, max: number): number {
  const v = value.trim()
  if (!/^[+-]?\d+$/.test(v)) throw errors.badRequest(`invalid input syntax for type ${name}: "${value}"`)
  const n = Number(v)
  if (n < min || n > max) throw errors.badRequest(`value "${value}" is out of range for type ${name}`)
  return n
}

function parseBigint (value: string): bigint {
  const v = value.trim()
  if (!/^[+-]?\d+$/.test(v)) throw errors.badRequest(`invalid input syntax for type bigint: "${value}"`)
  const n = BigInt(v)
  if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) throw errors.badRequest(`value "${value}" is out of range for type bigint`)
  return n
}

function parseFloatText (value: string, name: string): number {
  const v = value.trim().toLowerCase()
  if (v === 'nan') return NaN
  if (v === 'infinity' || v === '+infinity' || v === 'inf' || v === '+inf') return Infinity
  if (v === '-infinity' || v === '-inf') return -Infinity
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(v)) throw errors.badRequest(`invalid input syntax for type ${name}: "${value}"`)
  return Number(v)
}

/** numeric text → plain decimal string; NaN and infinities stay as their names. */
function parseNumeric (value: string): string {
  const v = value.trim()
  if (/^(nan|[+-]?inf(inity)?)$/i.test(v)) throw errors.badRequest(`numeric value "${value}" cannot be sent to engines: use a double precision parameter for NaN and infinity`)
  const plain = plainDecimal(v)
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(plain)) throw errors.badRequest(`invalid input syntax for type numeric: "${value}"`)
  let out = plain.replace(/^\+/, '')
  if (out.startsWith('.')) out = `0${out}`
  if (out.startsWith('-.')) out = `-0${out.slice(1)}`
  return out.endsWith('.') ? out.slice(0, -1) : out
}

/** The decimal(p,s) a numeric parameter value needs. */
export function decimalTypeOf (value: string): LogicalType {
  const [intPart = '', frac = ''] = value.replace(/^-/, '').split('.')
  const digits = intPart.replace(/^0+/, '').length + frac.length
  return T.decimal(Math.max(digits, 1), frac.length)
}

function parseByteaText (value: string): Uint8Array {
  if (value.startsWith('\\x')) {
    const hex = value.slice(2).replace(/\s/g, '')
    if (!/^([0-9a-f]{2})*$/i.test(hex)) throw errors.badRequest('invalid hexadecimal data in a bytea parameter')
    return new Uint8Array(Buffer.from(hex, 'hex'))
  }
  // Escape format: backslash followed by three octal digits or another backslash.
  const out: number[] = []
  const raw = Buffer.from(value, 'utf8')
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!
    if (b !== 0x5c) { out.push(b); continue }
    if (raw[i + 1] === 0x5c) { out.push(0x5c); i++; continue }
    const octal = raw.subarray(i + 1, i + 4).toString('latin1')
    if (!/^[0-3][0-7]{2}$/.test(octal)) throw errors.badRequest('invalid input syntax for type bytea')
    out.push(parseInt(octal, 8))
    i += 3
  }
  return Uint8Array.from(out)
}

function parseUuid (value: string): string {
  const hex = value.trim().replace(/^\{|\}$/g, '').replace(/-/g, '').toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(hex)) throw errors.badRequest(`invalid input syntax for type uuid: "${value}"`)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function parseJson (value: string): string {
  try {
    JSON.parse(value)
  } catch {
    throw errors.badRequest('invalid input syntax for type json in a parameter value')
  }
  return value
}

function fixedTime (micros: bigint): string {
  const seconds = micros / 1_000_000n
  const fraction = String(micros % 1_000_000n).padStart(6, '0')
  const h = String(seconds / 3600n).padStart(2, '0')
  const m = String((seconds / 60n) % 60n).padStart(2, '0')
  const s = String(seconds % 60n).padStart(2, '0')
  return `${h}:${m}:${s}.${fraction}`
}

function fixedTimestamp (micros: bigint, suffix: string): string {
  let days = micros / MICROS_PER_DAY
  let rest = micros % MICROS_PER_DAY
  if (rest < 0n) { rest += MICROS_PER_DAY; days -= 1n }
  const { year, month, day } = civilFromDays(Number(days))
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0')
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${fixedTime(rest)}${suffix}`
}

/** Seconds east of UTC → '±HH:MM' (QueryFlux's representation). */
function offsetText (seconds: number): string {
  const pg = formatOffset(seconds)
  return pg.length === 3 ? `${pg}:00` : pg
}
