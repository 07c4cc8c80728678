/**
 * Scalar values → PostgreSQL text output, as a PostgreSQL 15 server prints them with
 * DateStyle 'ISO, MDY', IntervalStyle 'postgres', bytea_output 'hex' and extra_float_digits 1.
 * @see https://www.postgresql.org/docs/current/datatype.html
 */
import type { IntervalValue } from '../../../core/logical-type.ts'

/** float8 the way float8out prints it: shortest round-trip digits, exponent form below 1e-4 and from 1e15. */
export function float8Text (value: number): string {
  return floatText(value, 15, value)
}

/** float4 (a JS number holding a float32): shortest digits that read back to the same float32, exponent form from 1e6. */
export function float4Text (value: number): string {
  if (!Number.isFinite(value) || value === 0) return floatText(value, 6, value)
  let shortest = value
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(value.toPrecision(p))
    if (Math.fround(candidate) === Math.fround(value)) { shortest = candidate; break }
  }
  return floatText(shortest, 6, value)
}

function floatText (value: number, exponentFrom: number, original: number): string {
  if (Number.isNaN(original)) return 'NaN'
  if (original === Infinity) return 'Infinity'
  if (original === -Infinity) return '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0' : '0'
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= exponentFrom) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  return String(value)
}

export function byteaText (value: Uint8Array): string {
  return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')
}

const ARRAY_NEEDS_QUOTES = /[{}",\\\s]/

/** One array element as array_out writes it: quoted when empty, 'NULL', or holding special characters. */
export function quoteArrayElement (text: string): string {
  if (text === '' || ARRAY_NEEDS_QUOTES.test(text) || text.length === 4 && text.toUpperCase() === 'NULL') {
    return `"${text.replace(/[\\"]/g, '\\$&')}"`
  }
  return text
}

const RECORD_NEEDS_QUOTES = /[(),"\\\s]/

/** One composite field as record_out writes it. */
export function quoteRecordField (text: string): string {
  if (text === '' || RECORD_NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""').replace(/\\/g, '\\\\')}"`
  return text
}

/** A decimal string in plain notation; accepts exponent notation and normalises it. */
export function plainDecimal (text: string): string {
  const trimmed = text.trim()
  if (!/e/i.test(trimmed)) return trimmed
  const match = /^([+-])?(\d*)(?:\.(\d*))?e([+-]?\d+)$/i.exec(trimmed)
  if (match === null) return trimmed
  const sign = match[1] === '-' ? '-' : ''
  let digits = (match[2] ?? '') + (match[3] ?? '')
  let point = (match[2] ?? '').length + Number(match[4])
  if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0 }
  if (point > digits.length) digits = digits.padEnd(point, '0')
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'
  const frac = digits.slice(point)
  return `${sign}${intPart}${frac === '' ? '' : `.${frac}`}`
}

export function isIntervalValue (value: unknown): value is IntervalValue {
  return typeof value === 'object' && value !== null && 'months' in value && 'days' in value && 'micros' in value
}

/** JSON string literal. */
export function jsonString (text: string): string {
  return JSON.stringify(text)
}
