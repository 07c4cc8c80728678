/**
 * PostgreSQL type OIDs (+ typmod) → LogicalType, and the text-format value decoders that turn
 * what the server sends into the row representation of core/logical-type.ts without passing
 * through a JS float (int8 → bigint, numeric → exact decimal text).
 *
 * The connection runs with DateStyle=ISO, IntervalStyle=iso_8601, bytea_output=hex,
 * TimeZone=UTC and extra_float_digits=3 (see options.ts), which the decoders rely on.
 * @see https://www.postgresql.org/docs/15/datatype.html
 * @see src/include/catalog/pg_type.dat for the OIDs
 */
import { T } from '../../core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import { errors, EngineErrorKind } from '../../core/errors.ts'
import { parseArrayLiteral } from './array-literal.ts'

export const Oid = {
  bool: 16,
  bytea: 17,
  char: 18, // "char": one byte
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  xml: 142,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const

/** Array OID → element OID, for the element types above. */
const ARRAY_ELEMENT: Readonly<Record<number, number>> = {
  1000: Oid.bool, 1001: Oid.bytea, 1002: Oid.char, 1003: Oid.name, 1016: Oid.int8, 1005: Oid.int2,
  1007: Oid.int4, 1009: Oid.text, 1028: Oid.oid, 199: Oid.json, 143: Oid.xml, 1021: Oid.float4, 1022: Oid.float8,
  1014: Oid.bpchar, 1015: Oid.varchar, 1182: Oid.date, 1183: Oid.time, 1115: Oid.timestamp,
  1185: Oid.timestamptz, 1187: Oid.interval, 1270: Oid.timetz, 1231: Oid.numeric, 2951: Oid.uuid, 3807: Oid.jsonb,
}

/** Element OID → array OID (for binding array parameters). */
export const ARRAY_OF: Readonly<Record<number, number>> = Object.fromEntries(Object.entries(ARRAY_ELEMENT).map(([a, e]) => [e, Number(a)]))

/** Largest decimal precision a LogicalType carries (Trino's). */
export const MAX_DECIMAL_PRECISION = 38
/**
 * Scale given to `numeric` without a typmod (sum(), avg(), literals, unconstrained columns):
 * values are rounded half away from zero to this many fraction digits, and a value with more
 * than 38 - 10 integer digits fails with numericOverflow rather than being cut.
 */
export const UNCONSTRAINED_NUMERIC_SCALE = 10
/** Fraction digits of time/timestamp when the column has no typmod: PostgreSQL's microseconds. */
const DEFAULT_TIME_PRECISION = 6

// Interval typmod range bits (src/include/utils/datetime.h INTERVAL_MASK).
const MONTH = 1 << 1
const YEAR = 1 << 2

/** The LogicalType of a column of type `oid` with modifier `typmod` (-1 = none). */
export function postgresType (oid: number, typmod: number): LogicalType {
  const element = ARRAY_ELEMENT[oid]
  if (element !== undefined) return T.array(postgresType(element, typmod))
  switch (oid) {
    case Oid.bool: return T.boolean
    case Oid.int2: return T.smallint
    case Oid.int4: return T.integer
    case Oid.int8: return T.bigint
    case Oid.oid: return T.bigint
    case Oid.float4: return T.real
    case Oid.float8: return T.double
    case Oid.numeric: return numericType(typmod)
    case Oid.bpchar: return typmod >= 4 ? T.char(typmod - 4) : T.char(1)
    case Oid.varchar: return typmod >= 4 ? T.varcharN(typmod - 4) : T.varchar
    case Oid.char: return T.char(1)
    case Oid.bytea: return T.varbinary
    case Oid.date: return T.date
    case Oid.time: return T.time(timePrecision(typmod))
    case Oid.timetz: return T.timeWithTimeZone(timePrecision(typmod))
    case Oid.timestamp: return T.timestamp(timePrecision(typmod))
    case Oid.timestamptz: return T.timestampWithTimeZone(timePrecision(typmod))
    case Oid.interval: return intervalType(typmod)
    case Oid.uuid: return T.uuid
    case Oid.json:
    case Oid.jsonb: return T.json
    default: return T.varchar // text, name, xml, inet, money, enums, ranges, geometric, …: their text form
  }
}

function timePrecision (typmod: number): number {
  return typmod >= 0 && typmod <= 6 ? typmod : DEFAULT_TIME_PRECISION
}

function numericType (typmod: number): LogicalType {
  if (typmod < 4) return T.decimal(MAX_DECIMAL_PRECISION, UNCONSTRAINED_NUMERIC_SCALE)
  const precision = ((typmod - 4) >> 16) & 0xffff
  // PostgreSQL 15 allows a negative scale (11 bits, sign-extended).
  const rawScale = (typmod - 4) & 0x7ff
  const scale = rawScale > 0x3ff ? rawScale - 0x800 : rawScale
  if (scale < 0) return T.decimal(Math.min(MAX_DECIMAL_PRECISION, precision - scale), 0)
  if (precision > MAX_DECIMAL_PRECISION) return T.decimal(MAX_DECIMAL_PRECISION, Math.min(scale, MAX_DECIMAL_PRECISION))
  return T.decimal(precision, scale)
}

function intervalType (typmod: number): LogicalType {
  if (typmod < 0) return T.intervalDayToSecond
  const range = (typmod >> 16) & 0x7fff
  return (range & ~(YEAR | MONTH)) === 0 && range !== 0 ? T.intervalYearToMonth : T.intervalDayToSecond
}

export type Decoder = (text: string) => unknown

/** A decoder for the text form of values of `type` as the server sends them for `oid`. */
export function decoderFor (oid: number, type: LogicalType): Decoder {
  if (type.kind === 'array') {
    const element = ARRAY_ELEMENT[oid] ?? Oid.text
    const decodeElement = decoderFor(element, type.element)
    // box (1020) is the only built-in array type whose delimiter is ';' rather than ','.
    return (text) => parseArrayLiteral(text, decodeElement, oid === 1020 ? ';' : ',')
  }
  switch (type.kind) {
    case 'boolean': return (text) => text === 't'
    case 'smallint':
    case 'integer': return Number
    case 'bigint': return BigInt
    case 'real':
    case 'double': return Number // also 'NaN', 'Infinity', '-Infinity'
    case 'decimal': return (text) => normalizeDecimal(text, type.precision, type.scale)
    case 'varbinary': return decodeBytea
    case 'date': return decodeDate
    case 'time': return (text) => padFraction(text, type.precision)
    case 'timeWithTimeZone': return (text) => decodeTimeTz(text, type.precision)
    case 'timestamp': return (text) => decodeTimestamp(text, type.precision)
    case 'timestampWithTimeZone': return (text) => decodeTimestampTz(text, type.precision)
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': return parseIsoInterval
    default: return (text) => text
  }
}

/**
 * Exact decimal text with exactly `scale` fraction digits, rounded half away from zero as
 * PostgreSQL rounds. Fails (numericOverflow / invalidValue) instead of returning a different number.
 */
export function normalizeDecimal (text: string, precision: number, scale: number): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text)
  if (match === null) {
    throw errors.engineError(`PostgreSQL returned the numeric value '${text}', which a decimal(${precision},${scale}) column cannot hold: cast the expression to double precision or text`,
      undefined, { engineErrorKind: EngineErrorKind.invalidValue })
  }
  const negative = match[1] === '-'
  let integer = (match[2] ?? '').replace(/^0+(?=\d)/, '')
  let fraction = match[3] ?? ''
  if (fraction.length > scale) {
    const roundUp = fraction.charCodeAt(scale) >= 53 // '5'
    fraction = fraction.slice(0, scale)
    if (roundUp) {
      const digits = (BigInt((integer === '' ? '0' : integer) + fraction) + 1n).toString().padStart(scale + 1, '0')
      integer = digits.slice(0, digits.length - scale)
      fraction = digits.slice(digits.length - scale)
    }
  }
  fraction = fraction.padEnd(scale, '0')
  if (integer === '') integer = '0'
  if (integer.replace(/^0+/, '').length > precision - scale) {
    throw errors.engineError(`PostgreSQL returned the numeric value '${text}', more than decimal(${precision},${scale}) holds: cast the expression to a numeric(p,s) of at most 38 digits, to double precision or to text`,
      undefined, { engineErrorKind: EngineErrorKind.numericOverflow })
  }
  const isZero = /^0*$/.test(integer + fraction)
  return `${negative && !isZero ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`
}

function decodeBytea (text: string): Uint8Array {
  // bytea_output=hex: '\x' followed by two hex digits per byte. A plain Uint8Array, as
  // logical-type.ts documents (Buffer is a subclass with a different prototype).
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'))
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD BC' (year 1 BC is astronomical year 0). */
export function decodeDate (text: string): string {
  if (text.endsWith(' BC')) {
    const body = text.slice(0, -3)
    const year = Number(body.slice(0, body.indexOf('-', 1)))
    return `${formatYear(1 - year)}${body.slice(body.indexOf('-', 1))}`
  }
  if (text === 'infinity' || text === '-infinity') throw infiniteValue(text)
  return text
}

function formatYear (year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0')
}

function infiniteValue (text: string): Error {
  return errors.engineError(`PostgreSQL returned the value '${text}', which has no date/timestamp form outside PostgreSQL: filter it out or cast the column to text`,
    undefined, { engineErrorKind: EngineErrorKind.invalidValue })
}

/** Pads or trims the fraction of 'HH:MM:SS[.ffffff]' to exactly `precision` digits. */
export function padFraction (time: string, precision: number): string {
  const dot = time.indexOf('.')
  const whole = dot < 0 ? time : time.slice(0, dot)
  const fraction = dot < 0 ? '' : time.slice(dot + 1)
  if (precision === 0) return whole
  return `${whole}.${fraction.padEnd(precision, '0').slice(0, precision)}`
}

/** '13:45:00.5+02' / '13:45:00-03:30' → '13:45:00.500000+02:00'. */
export function decodeTimeTz (text: string, precision: number): string {
  const at = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'))
  return `${padFraction(text.slice(0, at), precision)}${formatOffset(text.slice(at))}`
}

function formatOffset (offset: string): string {
  const [hours = '+00', minutes = '00'] = offset.split(':')
  return `${hours}:${minutes}`
}

export function decodeTimestamp (text: string, precision: number): string {
  if (text === 'infinity' || text === '-infinity') throw infiniteValue(text)
  const bc = text.endsWith(' BC')
  const body = bc ? text.slice(0, -3) : text
  const space = body.indexOf(' ')
  const date = bc ? decodeDate(`${body.slice(0, space)} BC`) : body.slice(0, space)
  return `${date} ${padFraction(body.slice(space + 1), precision)}`
}

/** With TimeZone=UTC the server writes '2024-01-02 03:04:05.6+00'; Trino's text form names the zone. */
export function decodeTimestampTz (text: string, precision: number): string {
  if (text === 'infinity' || text === '-infinity') throw infiniteValue(text)
  const bc = text.endsWith(' BC')
  const body = bc ? text.slice(0, -3) : text
  const at = Math.max(body.lastIndexOf('+'), body.lastIndexOf('-'))
  const local = decodeTimestamp(body.slice(0, at) + (bc ? ' BC' : ''), precision)
  const offset = formatOffset(body.slice(at))
  return `${local} ${offset === '+00:00' ? 'UTC' : offset}`
}

/**
 * IntervalStyle=iso_8601: 'P1Y2M3DT4H5M6.789S', each part optionally negative, 'PT0S' for zero.
 * @see https://www.postgresql.org/docs/15/datatype-datetime.html#DATATYPE-INTERVAL-OUTPUT
 */
export function parseIsoInterval (text: string): IntervalValue {
  const match = /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?)(\d+)(?:\.(\d+))?S)?)?$/.exec(text)
  if (match === null) {
    throw errors.engineError(`PostgreSQL returned an interval in an unexpected form '${text}': the connection's IntervalStyle must be iso_8601`,
      undefined, { engineErrorKind: EngineErrorKind.invalidValue })
  }
  const [, years, months, days, hours, minutes, secondsSign, seconds, fraction] = match
  const secondMicros = BigInt(seconds ?? '0') * 1_000_000n + BigInt((fraction ?? '').padEnd(6, '0').slice(0, 6) || '0')
  const micros = BigInt(hours ?? '0') * 3_600_000_000n + BigInt(minutes ?? '0') * 60_000_000n + (secondsSign === '-' ? -secondMicros : secondMicros)
  return { months: Number(years ?? 0) * 12 + Number(months ?? 0), days: Number(days ?? 0), micros }
}

/** An IntervalValue as PostgreSQL input text ('1 mons 2 days 3 microseconds'). */
export function formatPostgresInterval (value: IntervalValue): string {
  return `${value.months} mons ${value.days} days ${value.micros} microseconds`
}
