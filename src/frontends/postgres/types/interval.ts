/**
 * Intervals between QueryFlux's IntervalValue (months, days, microseconds kept apart) and
 * PostgreSQL's text forms: output in IntervalStyle 'postgres', input in the postgres style,
 * the '@ … ago' form and ISO 8601.
 * @see https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-INTERVAL-INPUT
 */
import { errors } from '../../../core/errors.ts'
import type { IntervalValue } from '../../../core/logical-type.ts'
import { formatFraction, fractionMicros, pad } from './temporal.ts'

const MICROS_PER_SECOND = 1_000_000n

/**
 * An IntervalValue as PostgreSQL prints it with IntervalStyle 'postgres':
 * '1 year 2 mons 3 days 04:05:06.789', '-1 days +02:03:00', '00:00:00'.
 * Follows EncodeInterval / AddPostgresIntPart in src/backend/utils/adt/datetime.c.
 */
export function formatInterval (value: IntervalValue): string {
  const years = Math.trunc(value.months / 12)
  const mons = value.months % 12
  const parts: string[] = []
  let isBefore = false
  const add = (n: number, unit: string): void => {
    if (n === 0) return
    parts.push(`${isBefore && n > 0 ? '+' : ''}${n} ${unit}${n === 1 ? '' : 's'}`)
    isBefore = n < 0
  }
  add(years, 'year')
  add(mons, 'mon')
  add(value.days, 'day')
  const micros = BigInt(value.micros)
  if (parts.length === 0 || micros !== 0n) {
    const minus = micros < 0n
    const abs = minus ? -micros : micros
    const totalSeconds = abs / MICROS_PER_SECOND
    const h = totalSeconds / 3600n
    const m = Number((totalSeconds / 60n) % 60n)
    const s = Number(totalSeconds % 60n)
    parts.push(`${minus ? '-' : isBefore ? '+' : ''}${String(h).padStart(2, '0')}:${pad(m, 2)}:${pad(s, 2)}${formatFraction(abs % MICROS_PER_SECOND)}`)
  }
  return parts.join(' ')
}

const UNIT_MICROS: Record<string, { months?: number, days?: number, micros?: number }> = {
  microsecond: { micros: 1 }, millisecond: { micros: 1000 }, second: { micros: 1e6 }, minute: { micros: 60e6 },
  hour: { micros: 3600e6 }, day: { days: 1 }, week: { days: 7 }, month: { months: 1 }, year: { months: 12 },
  decade: { months: 120 }, century: { months: 1200 }, millennium: { months: 12_000 },
}

const UNIT_ALIASES: Record<string, string> = {
  us: 'microsecond', usec: 'microsecond', usecs: 'microsecond', microseconds: 'microsecond', microsecon: 'microsecond',
  ms: 'millisecond', msec: 'millisecond', msecs: 'millisecond', milliseconds: 'millisecond',
  s: 'second', sec: 'second', secs: 'second', seconds: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hours: 'hour',
  d: 'day', days: 'day', w: 'week', weeks: 'week',
  mon: 'month', mons: 'month', months: 'month',
  y: 'year', yr: 'year', yrs: 'year', years: 'year',
  decades: 'decade', centuries: 'century', millennia: 'millennium', millenniums: 'millennium',
}

/** PostgreSQL interval input: '1 year 2 mons 3 days 04:05:06', '@ 1 day ago', ISO 8601 'P1Y2M3DT4H5M6S'. */
export function parseInterval (text: string): IntervalValue {
  const trimmed = text.trim()
  if (/^-?P/i.test(trimmed)) return parseIsoInterval(trimmed)
  let months = 0
  let days = 0
  let micros = 0n
  let rest = trimmed.replace(/^@\s*/, '')
  let ago = false
  if (/\sago$/i.test(rest) || /^ago$/i.test(rest)) { ago = true; rest = rest.replace(/\s*ago$/i, '') }
  const tokens = rest.split(/\s+/).filter((t) => t !== '')
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const time = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/.exec(token)
    if (time !== null) {
      const sign = time[1] === '-' ? -1n : 1n
      const seconds = BigInt(Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4] ?? 0))
      micros += sign * (seconds * MICROS_PER_SECOND + fractionMicros(time[5]))
      continue
    }
    const number = /^([+-]?\d*\.?\d+(?:e[+-]?\d+)?)([a-z]*)$/i.exec(token)
    if (number === null) throw errors.badRequest(`invalid input syntax for type interval: "${text}"`)
    let unitText = number[2]!.toLowerCase()
    if (unitText === '') {
      const next = tokens[i + 1]
      if (next === undefined || !/^[a-z]+$/i.test(next)) {
        // A bare number is seconds, as in PostgreSQL.
        unitText = 'second'
      } else {
        unitText = next.toLowerCase()
        i++
      }
    }
    const unit = UNIT_MICROS[unitText] ?? UNIT_MICROS[UNIT_ALIASES[unitText] ?? '']
    if (unit === undefined) throw errors.badRequest(`invalid input syntax for type interval: "${text}" (unknown unit '${unitText}')`)
    const amount = Number(number[1])
    ;({ months, days, micros } = addUnit({ months, days, micros }, amount, unit))
  }
  if (tokens.length === 0) throw errors.badRequest(`invalid input syntax for type interval: "${text}"`)
  return ago ? { months: -months, days: -days, micros: -micros } : { months, days, micros }
}

function addUnit (acc: { months: number, days: number, micros: bigint }, amount: number, unit: { months?: number, days?: number, micros?: number }): { months: number, days: number, micros: bigint } {
  let { months, days, micros } = acc
  if (unit.months !== undefined) {
    const total = amount * unit.months
    const whole = Math.trunc(total)
    months += whole
    // Fractions of a month become days (30 per month) and the rest microseconds, as PostgreSQL does.
    const fracDays = (total - whole) * 30
    days += Math.trunc(fracDays)
    micros += BigInt(Math.round((fracDays - Math.trunc(fracDays)) * 86_400e6))
  } else if (unit.days !== undefined) {
    const total = amount * unit.days
    days += Math.trunc(total)
    micros += BigInt(Math.round((total - Math.trunc(total)) * 86_400e6))
  } else {
    micros += BigInt(Math.round(amount * unit.micros!))
  }
  return { months, days, micros }
}

function parseIsoInterval (text: string): IntervalValue {
  const match = /^(-)?P(?:(-?[\d.]+)Y)?(?:(-?[\d.]+)M)?(?:(-?[\d.]+)W)?(?:(-?[\d.]+)D)?(?:T(?:(-?[\d.]+)H)?(?:(-?[\d.]+)M)?(?:(-?[\d.]+)S)?)?$/i.exec(text)
  if (match === null || text.length <= 1) throw errors.badRequest(`invalid input syntax for type interval: "${text}"`)
  let acc = { months: 0, days: 0, micros: 0n }
  const units: Array<[string | undefined, { months?: number, days?: number, micros?: number }]> = [
    [match[2], { months: 12 }], [match[3], { months: 1 }], [match[4], { days: 7 }], [match[5], { days: 1 }],
    [match[6], { micros: 3600e6 }], [match[7], { micros: 60e6 }], [match[8], { micros: 1e6 }],
  ]
  for (const [amount, unit] of units) if (amount !== undefined) acc = addUnit(acc, Number(amount), unit)
  return match[1] === '-' ? { months: -acc.months, days: -acc.days, micros: -acc.micros } : acc
}
