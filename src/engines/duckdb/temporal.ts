/**
 * DuckDB's temporal values (day and tick counts) ↔ the text forms of core/logical-type.ts.
 * Pure arithmetic on the proleptic Gregorian calendar with astronomical years (1 BC is year 0,
 * written `0000`; 2 BC is `-0001`), so every DuckDB value, including years past 9999, renders
 * without going through a JS Date.
 *
 * DuckDB's `infinity` / `-infinity` dates and timestamps render as those words, which is
 * PostgreSQL's text form (the PostgreSQL frontend encodes them natively).
 */
import { errors } from '../../core/errors.ts'

/** DATE 'infinity' / '-infinity' as DuckDB stores them (±(2^31 - 1) days). */
const DATE_INFINITY = 2 ** 31 - 1
/** TIMESTAMP 'infinity' / '-infinity' in any unit (±(2^63 - 1) ticks). */
const TIMESTAMP_INFINITY = 2n ** 63n - 1n
const SECONDS_PER_DAY = 86_400
const MICROS_PER_DAY = 86_400_000_000
/** Below this many µs a timestamp fits a double exactly, and the fast path applies. */
const SAFE_MICROS = BigInt(Number.MAX_SAFE_INTEGER)

function pad2 (n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

export function formatYear (year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0')
}

/** Days since 1970-01-01 → 'YYYY-MM-DD' (Howard Hinnant's civil_from_days). */
export function formatDate (days: number): string {
  if (days === DATE_INFINITY) return 'infinity'
  if (days === -DATE_INFINITY) return '-infinity'
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`
}

/** 'YYYY-MM-DD' (year may be signed and longer than 4 digits) → days since 1970-01-01. */
export function parseDate (text: string): number {
  if (text === 'infinity') return DATE_INFINITY
  if (text === '-infinity') return -DATE_INFINITY
  const match = /^(-?\d{4,})-(\d\d)-(\d\d)$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a date: write YYYY-MM-DD`)
  return daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]))
}

function daysFromCivil (year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** A fraction of `digits` digits from a tick count below one second. */
function fraction (ticks: number | bigint, tickDigits: number, precision: number): string {
  if (precision === 0) return ''
  const text = String(ticks).padStart(tickDigits, '0')
  return `.${text.slice(0, precision).padEnd(precision, '0')}`
}

/** Microseconds since midnight → 'HH:MM:SS[.ffffff]'. DuckDB allows 24:00:00, kept as is. */
export function formatTime (micros: number, precision = 6): string {
  const seconds = Math.floor(micros / 1_000_000)
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}${fraction(micros % 1_000_000, 6, precision)}`
}

export function formatTimeNanos (nanos: bigint): string {
  const seconds = Number(nanos / 1_000_000_000n)
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}${fraction(nanos % 1_000_000_000n, 9, 9)}`
}

/** Offset seconds → '±HH:MM', or '±HH:MM:SS' for the rare offsets with seconds. */
export function formatOffset (offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+'
  const abs = Math.abs(offsetSeconds)
  const base = `${sign}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor(abs / 60) % 60)}`
  return abs % 60 === 0 ? base : `${base}:${pad2(abs % 60)}`
}

export function formatTimeTz (micros: bigint, offsetSeconds: number): string {
  return `${formatTime(Number(micros))}${formatOffset(offsetSeconds)}`
}

/** Ticks per second of DuckDB's timestamp kinds: TIMESTAMP_S, _MS, (µs) and _NS. */
export type TimestampUnit = 1 | 1_000 | 1_000_000 | 1_000_000_000

const UNIT_DIGITS: Readonly<Record<TimestampUnit, number>> = { 1: 0, 1000: 3, 1_000_000: 6, 1_000_000_000: 9 }

/** Ticks since the epoch → 'YYYY-MM-DD HH:MM:SS[.f…]' with the unit's own precision. */
export function formatTimestamp (ticks: bigint, unit: TimestampUnit): string {
  if (ticks === TIMESTAMP_INFINITY) return 'infinity'
  if (ticks === -TIMESTAMP_INFINITY) return '-infinity'
  if (unit === 1_000_000 && ticks < SAFE_MICROS && ticks > -SAFE_MICROS) return formatMicros(Number(ticks))
  const perDay = BigInt(SECONDS_PER_DAY * unit)
  let days = ticks / perDay
  let rest = ticks % perDay
  if (rest < 0n) { rest += perDay; days -= 1n }
  const perSecond = BigInt(unit)
  const seconds = Number(rest / perSecond)
  const digits = UNIT_DIGITS[unit]
  return `${formatDate(Number(days))} ${clock(seconds)}${fraction(rest % perSecond, digits, digits)}`
}

function formatMicros (micros: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY)
  const rest = micros - days * MICROS_PER_DAY
  const seconds = Math.floor(rest / 1_000_000)
  return `${formatDate(days)} ${clock(seconds)}${fraction(rest % 1_000_000, 6, 6)}`
}

function clock (seconds: number): string {
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`
}

/** 'HH:MM:SS[.f…]' → microseconds since midnight (digits past 6 are cut). */
export function parseTime (text: string): bigint {
  const match = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,12}))?$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a time: write HH:MM:SS[.ffffff]`)
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])
  return BigInt(seconds) * 1_000_000n + BigInt((match[4] ?? '').padEnd(6, '0').slice(0, 6))
}

/** 'YYYY-MM-DD HH:MM:SS[.f…]' → ticks of `unit` since the epoch (digits past the unit are cut). */
export function parseTimestamp (text: string, unit: TimestampUnit = 1_000_000): bigint {
  if (text === 'infinity') return TIMESTAMP_INFINITY
  if (text === '-infinity') return -TIMESTAMP_INFINITY
  const match = /^(-?\d{4,}-\d\d-\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,12}))?$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a timestamp: write YYYY-MM-DD HH:MM:SS[.ffffff]`)
  const seconds = BigInt(parseDate(match[1]!)) * BigInt(SECONDS_PER_DAY) + BigInt(Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]))
  const digits = UNIT_DIGITS[unit]
  const sub = digits === 0 ? 0n : BigInt((match[5] ?? '').padEnd(digits, '0').slice(0, digits))
  return seconds * BigInt(unit) + sub
}

/**
 * A zone in which TIMESTAMP WITH TIME ZONE values are rendered (Trino's text form
 * `2024-01-02 03:04:05.123456 UTC`): UTC, a fixed offset, or an IANA zone id.
 */
export interface RenderZone {
  /** What follows the local time: `UTC`, `+05:30` or `Europe/Berlin`. */
  readonly label: string
  /** The value for DuckDB's TimeZone setting, so engine-side functions agree; undefined when DuckDB knows no equivalent. */
  readonly duckDbName: string | undefined
  offsetSeconds (epochMillis: number): number
}

const UTC_NAMES = new Set(['utc', 'z', 'etc/utc', 'gmt', 'etc/gmt', 'uct', 'etc/uct', 'universal', 'etc/universal', 'zulu', 'etc/zulu'])

export const UTC_ZONE: RenderZone = { label: 'UTC', duckDbName: 'UTC', offsetSeconds: () => 0 }

const zones = new Map<string, RenderZone>()

/** The session's zone (IANA id or ±HH:MM offset); UTC when absent. Unknown names are a BAD_REQUEST. */
export function resolveZone (name: string | undefined): RenderZone {
  if (name === undefined || name === '' || UTC_NAMES.has(name.toLowerCase())) return UTC_ZONE
  let zone = zones.get(name)
  if (zone === undefined) {
    zone = createZone(name)
    if (zones.size > 1000) zones.clear()
    zones.set(name, zone)
  }
  return zone
}

function createZone (name: string): RenderZone {
  const offset = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d\d))?$/i.exec(name)
  if (offset !== null) {
    const hours = Number(offset[2])
    const minutes = Number(offset[3] ?? '0')
    const seconds = (offset[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60)
    if (hours > 18 || minutes > 59) throw unknownZone(name)
    if (seconds === 0) return UTC_ZONE
    // POSIX-style Etc/GMT names have the sign inverted; DuckDB (ICU) knows whole hours up to 14.
    const duckDbName = minutes === 0 && hours <= 14 ? `Etc/GMT${seconds > 0 ? '-' : '+'}${hours}` : undefined
    return { label: formatOffset(seconds), duckDbName, offsetSeconds: () => seconds }
  }
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
  } catch {
    throw unknownZone(name)
  }
  return { label: name, duckDbName: name, offsetSeconds: ianaOffsets(format) }
}

function unknownZone (name: string): Error {
  return errors.badRequest(`unknown time zone '${name}': use an IANA zone id such as Europe/Berlin or an offset such as +02:00`)
}

/** JS Dates only reach ±8.64e15 ms; instants beyond use the offset at the edge. */
const MAX_DATE_MS = 8.64e15
const BUCKET_MS = 15 * 60 * 1000

/**
 * Offsets of an IANA zone by instant, cached per 15-minute bucket when the offset is the same
 * at both ends of the bucket (a transition inside a bucket is then computed per value).
 */
function ianaOffsets (format: Intl.DateTimeFormat): (epochMillis: number) => number {
  const cache = new Map<number, number>()
  const exact = (ms: number): number => {
    const clamped = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, ms))
    const part = format.formatToParts(clamped).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
    const match = /^GMT([+-])(\d\d):(\d\d)(?::(\d\d))?$/.exec(part)
    if (match === null) return 0
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? '0'))
  }
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS)
    const cached = cache.get(bucket)
    if (cached !== undefined) return cached
    const start = exact(bucket * BUCKET_MS)
    if (start !== exact((bucket + 1) * BUCKET_MS - 1)) return exact(ms)
    if (cache.size > 10_000) cache.clear()
    cache.set(bucket, start)
    return start
  }
}

/** UTC µs since the epoch → Trino's text form in `zone`. */
export function formatTimestampTz (micros: bigint, zone: RenderZone): string {
  if (micros === TIMESTAMP_INFINITY) return 'infinity'
  if (micros === -TIMESTAMP_INFINITY) return '-infinity'
  const offset = zone === UTC_ZONE ? 0 : zone.offsetSeconds(Number(micros / 1000n))
  return `${formatTimestamp(micros + BigInt(offset) * 1_000_000n, 1_000_000)} ${zone.label}`
}

/** Trino's text form ('2024-01-02 03:04:05.123 Europe/Berlin', '… +02:00', '… UTC') → UTC µs. */
export function parseTimestampTz (text: string): bigint {
  if (text === 'infinity') return TIMESTAMP_INFINITY
  if (text === '-infinity') return -TIMESTAMP_INFINITY
  const match = /^(\S+[ T]\d\d:\d\d:\d\d(?:\.\d+)?)(?:\s*(\S+))?$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a timestamp with time zone: write YYYY-MM-DD HH:MM:SS[.ffffff] ZONE`)
  const local = parseTimestamp(match[1]!)
  const zone = resolveZone(match[2])
  // Local → UTC: take the offset at the local time read as UTC, then correct once for a transition.
  const guess = zone.offsetSeconds(Number(local / 1000n))
  const offset = zone.offsetSeconds(Number(local / 1000n) - guess * 1000)
  return local - BigInt(offset) * 1_000_000n
}
