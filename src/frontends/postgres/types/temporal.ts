/**
 * Dates, times, timestamps and intervals between QueryFlux's string forms (core/logical-type.ts)
 * and PostgreSQL's: text output in DateStyle ISO / IntervalStyle postgres, and binary
 * microsecond counts from the PostgreSQL epoch 2000-01-01. Integer day arithmetic (Howard
 * Hinnant's civil-from-days) and bigint microseconds keep every year PostgreSQL accepts exact,
 * where JS Date would lose the far past and the microseconds.
 * @see https://www.postgresql.org/docs/current/datatype-datetime.html
 */
import { errors } from '../../../core/errors.ts'

const MICROS_PER_SECOND = 1_000_000n
const MICROS_PER_DAY = 86_400_000_000n
/** Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
export const PG_EPOCH_DAYS = 10_957

/** Days since 1970-01-01 of a proleptic Gregorian date (year 0 = 1 BC). */
export function daysFromCivil (year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

export function civilFromDays (days: number): { year: number, month: number, day: number } {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

export function pad (n: number, width: number): string {
  return String(n).padStart(width, '0')
}

const DATE = /^\s*(-?\d{1,7})-(\d{1,2})-(\d{1,2})(?:\s*(BC|AD))?\s*$/i

/** 'YYYY-MM-DD' (optionally with BC, or a negative astronomical year) → days since 1970-01-01. */
export function parseDateDays (text: string): number {
  const match = DATE.exec(text)
  if (match === null) throw errors.badRequest(`invalid input syntax for type date: "${text}"`)
  let year = Number(match[1])
  if (match[4]?.toUpperCase() === 'BC') year = 1 - year
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > 31) throw errors.badRequest(`date/time field value out of range: "${text}"`)
  return daysFromCivil(year, month, day)
}

/** Days since 1970-01-01 → QueryFlux's 'YYYY-MM-DD' (astronomical year, may be negative). */
export function formatDateDays (days: number): string {
  const { year, month, day } = civilFromDays(days)
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4)
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`
}

/** QueryFlux date string → PostgreSQL text ('0044-03-15 BC' for year -43). */
export function dateToPgText (value: string): string {
  if (!value.startsWith('-') && !value.startsWith('0000')) return value
  const { year, month, day } = civilFromDays(parseDateDays(value))
  return `${pad(1 - year, 4)}-${pad(month, 2)}-${pad(day, 2)} BC`
}

const TIME = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*$/

/** 'HH:MM[:SS[.ffffff]]' → microseconds since midnight. */
export function parseTimeMicros (text: string): bigint {
  const match = TIME.exec(text)
  if (match === null) throw errors.badRequest(`invalid input syntax for type time: "${text}"`)
  const h = Number(match[1])
  const m = Number(match[2])
  const s = Number(match[3] ?? 0)
  if (h > 24 || m > 59 || s > 60) throw errors.badRequest(`date/time field value out of range: "${text}"`)
  return BigInt((h * 60 + m) * 60 + s) * MICROS_PER_SECOND + fractionMicros(match[4])
}

/** Fraction-of-second digits → microseconds, rounded as PostgreSQL rounds. */
export function fractionMicros (digits: string | undefined): bigint {
  if (digits === undefined || digits === '') return 0n
  // Round to microseconds as PostgreSQL does.
  const six = (digits + '000000').slice(0, 6)
  const rest = digits.length > 6 ? Number(digits[6]) : 0
  return BigInt(six) + (rest >= 5 ? 1n : 0n)
}

/** Microseconds since midnight → 'HH:MM:SS[.f]' with trailing zeros trimmed, as PostgreSQL prints. */
export function formatTimeMicros (micros: bigint): string {
  const totalSeconds = micros / MICROS_PER_SECOND
  const fraction = micros % MICROS_PER_SECOND
  const s = Number(totalSeconds % 60n)
  const m = Number((totalSeconds / 60n) % 60n)
  const h = Number(totalSeconds / 3600n)
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${formatFraction(fraction)}`
}

/** Microseconds of a second → '.5', '.000001', or '' (trailing zeros trimmed). */
export function formatFraction (fraction: bigint): string {
  if (fraction === 0n) return ''
  return '.' + String(fraction).padStart(6, '0').replace(/0+$/, '')
}

/** Removes trailing zeros of the fraction of a time or timestamp string ('12:00:00.500' → '12:00:00.5'). */
export function trimFraction (text: string): string {
  const dot = text.lastIndexOf('.')
  if (dot < 0 || !/^\d+$/.test(text.slice(dot + 1))) return text
  const trimmed = text.replace(/0+$/, '')
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
}

/** A zone offset: '+02', '+02:00', '-0530', 'Z', 'UTC' → seconds east of UTC; undefined if not an offset. */
export function parseOffsetSeconds (zone: string): number | undefined {
  const z = zone.trim()
  if (z === 'Z' || /^(UTC|GMT|Etc\/UTC|Etc\/GMT|UCT|Zulu|Universal)$/i.test(z)) return 0
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i.exec(z)
  if (match === null) return undefined
  const sign = match[1] === '-' ? -1 : 1
  return sign * (Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0))
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>()

function zoneFormatter (zone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(zone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      })
    } catch {
      throw errors.badRequest(`time zone "${zone}" not recognized: use an IANA name such as 'Europe/Berlin', 'UTC', or an offset such as '+02:00'`)
    }
    if (zoneFormatters.size > 256) zoneFormatters.clear()
    zoneFormatters.set(zone, formatter)
  }
  return formatter
}

/** Whether `zone` is an IANA name or offset QueryFlux can render timestamps in. */
export function isValidTimeZone (zone: string): boolean {
  if (parseOffsetSeconds(zone) !== undefined) return true
  try { zoneFormatter(zone); return true } catch { return false }
}

/** Seconds east of UTC that `zone` had at the instant `epochSeconds` (Unix). */
export function zoneOffsetSeconds (zone: string, epochSeconds: number): number {
  const fixed = parseOffsetSeconds(zone)
  if (fixed !== undefined) return fixed
  // Outside JS Date's range, use the nearest representable instant's offset.
  const ms = Math.max(-8.64e15, Math.min(8.64e15, Math.floor(epochSeconds) * 1000))
  const parts = zoneFormatter(zone).formatToParts(new Date(ms))
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  let year = get('year')
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year
  const local = daysFromCivil(year, get('month'), get('day')) * 86_400 + get('hour') * 3600 + get('minute') * 60 + get('second')
  return local - Math.floor(ms / 1000)
}

const TIMESTAMP = /^\s*(-?\d{1,7})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(.*?)\s*$/i

interface ParsedTimestamp {
  /** Local date-time as microseconds since 1970-01-01 00:00 (no zone applied). */
  readonly localMicros: bigint
  /** The zone text after the time ('', 'UTC', '+02:00', 'Europe/Berlin'). */
  readonly zone: string
}

function parseTimestampParts (text: string): ParsedTimestamp {
  const match = TIMESTAMP.exec(text)
  if (match === null) throw errors.badRequest(`invalid input syntax for type timestamp: "${text}"`)
  let zone = match[8] ?? ''
  let year = Number(match[1])
  const bc = /(^|\s)BC$/i.exec(zone)
  if (bc !== null) { year = 1 - year; zone = zone.slice(0, bc.index).trim() }
  zone = zone.replace(/(^|\s)AD$/i, '').trim()
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > 31) throw errors.badRequest(`date/time field value out of range: "${text}"`)
  const days = daysFromCivil(year, month, day)
  const seconds = (Number(match[4] ?? 0) * 60 + Number(match[5] ?? 0)) * 60 + Number(match[6] ?? 0)
  const localMicros = BigInt(days) * MICROS_PER_DAY + BigInt(seconds) * MICROS_PER_SECOND + fractionMicros(match[7])
  return { localMicros, zone }
}

/** A timestamp without time zone → microseconds since 1970-01-01 (a zone in the text is ignored, as PostgreSQL does). */
export function parseTimestampMicros (text: string): bigint {
  return parseTimestampParts(text).localMicros
}

/** A timestamp with time zone → UTC microseconds since 1970-01-01; text without a zone is read in `defaultZone`. */
export function parseTimestamptzMicros (text: string, defaultZone: string): bigint {
  const { localMicros, zone } = parseTimestampParts(text)
  return localToUtc(localMicros, zone === '' ? defaultZone : zone)
}

function localToUtc (localMicros: bigint, zone: string): bigint {
  const fixed = parseOffsetSeconds(zone)
  if (fixed !== undefined) return localMicros - BigInt(fixed) * MICROS_PER_SECOND
  const localSeconds = Number(localMicros / MICROS_PER_SECOND)
  // Two passes settle the offset across a DST change (the first guess uses the local time as if UTC).
  let offset = zoneOffsetSeconds(zone, localSeconds)
  offset = zoneOffsetSeconds(zone, localSeconds - offset)
  return localMicros - BigInt(offset) * MICROS_PER_SECOND
}

/** Microseconds since 1970-01-01 → 'YYYY-MM-DD HH:MM:SS[.f]' (astronomical year). */
export function formatLocalMicros (micros: bigint): string {
  let days = micros / MICROS_PER_DAY
  let rest = micros % MICROS_PER_DAY
  if (rest < 0n) { rest += MICROS_PER_DAY; days -= 1n }
  return `${formatDateDays(Number(days))} ${formatTimeMicros(rest)}`
}

/** Microseconds since 1970-01-01 → PostgreSQL's text ('0044-03-15 10:00:00 BC' for astronomical year -43). */
function formatPgLocal (micros: bigint, offsetSuffix: string): string {
  let days = micros / MICROS_PER_DAY
  let rest = micros % MICROS_PER_DAY
  if (rest < 0n) { rest += MICROS_PER_DAY; days -= 1n }
  const { year, month, day } = civilFromDays(Number(days))
  const bc = year <= 0
  return `${pad(bc ? 1 - year : year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${formatTimeMicros(rest)}${offsetSuffix}${bc ? ' BC' : ''}`
}

/** QueryFlux timestamp string → PostgreSQL text. */
export function timestampToPgText (value: string): string {
  return formatPgLocal(parseTimestampMicros(value), '')
}

/** UTC microseconds → PostgreSQL timestamptz text in `zone` ('2024-01-02 03:04:05.5+01'). */
export function formatTimestamptz (utcMicros: bigint, zone: string): string {
  const offset = zoneOffsetSeconds(zone, Number(utcMicros / MICROS_PER_SECOND))
  return formatPgLocal(utcMicros + BigInt(offset) * MICROS_PER_SECOND, formatOffset(offset))
}

/** Seconds east of UTC → '+HH', '+HH:MM' or '+HH:MM:SS', as PostgreSQL prints offsets. */
export function formatOffset (seconds: number): string {
  const sign = seconds < 0 ? '-' : '+'
  const abs = Math.abs(seconds)
  const h = Math.floor(abs / 3600)
  const m = Math.floor((abs % 3600) / 60)
  const s = abs % 60
  return `${sign}${pad(h, 2)}${m !== 0 || s !== 0 ? `:${pad(m, 2)}` : ''}${s !== 0 ? `:${pad(s, 2)}` : ''}`
}

/** 'HH:MM:SS[.f]±HH[:MM]' → micros since midnight and seconds east of UTC. */
export function parseTimetz (text: string): { micros: bigint, offsetSeconds: number } {
  const match = /^\s*(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(.*)$/.exec(text)
  if (match === null) throw errors.badRequest(`invalid input syntax for type time with time zone: "${text}"`)
  const offsetSeconds = match[2] === '' ? 0 : parseOffsetSeconds(match[2]!)
  if (offsetSeconds === undefined) throw errors.badRequest(`invalid input syntax for type time with time zone: "${text}"`)
  return { micros: parseTimeMicros(match[1]!), offsetSeconds }
}

export function formatTimetz (micros: bigint, offsetSeconds: number): string {
  return `${formatTimeMicros(micros)}${formatOffset(offsetSeconds)}`
}
