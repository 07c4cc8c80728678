/**
 * numeric in PostgreSQL's binary form: base-10000 digits.
 * `int16 ndigits, int16 weight, uint16 sign, int16 dscale, int16 digits[ndigits]`,
 * value = Σ digits[i] × 10000^(weight − i); dscale is the number of decimal fraction digits shown.
 * @see src/backend/utils/adt/numeric.c numeric_send / numeric_recv
 */
import { errors } from '../../../core/errors.ts'
import type { Writer } from '../codec/writer.ts'
import { MessageReader } from '../codec/reader.ts'
import { plainDecimal } from './text-format.ts'

const NUMERIC_POS = 0x0000
const NUMERIC_NEG = 0x4000
const NUMERIC_NAN = 0xc000
const NUMERIC_PINF = 0xd000
const NUMERIC_NINF = 0xf000

export function writeNumericBinary (w: Writer, text: string): void {
  const t = text.trim()
  if (/^nan$/i.test(t)) { writeHeader(w, 0, 0, NUMERIC_NAN, 0); return }
  if (/^\+?inf(inity)?$/i.test(t)) { writeHeader(w, 0, 0, NUMERIC_PINF, 0); return }
  if (/^-inf(inity)?$/i.test(t)) { writeHeader(w, 0, 0, NUMERIC_NINF, 0); return }
  const plain = plainDecimal(t)
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(plain)
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw errors.badRequest(`invalid input syntax for type numeric: "${text}"`)
  const negative = match[1] === '-'
  const intPart = (match[2] ?? '').replace(/^0+/, '')
  const fracPart = match[3] ?? ''
  const dscale = fracPart.length
  const intPadded = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0')
  const fracPadded = fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0')
  const all = intPadded + fracPadded
  const digits: number[] = []
  for (let i = 0; i < all.length; i += 4) digits.push(Number(all.slice(i, i + 4)))
  let weight = intPadded.length / 4 - 1
  let start = 0
  while (start < digits.length && digits[start] === 0) { start++; weight-- }
  let end = digits.length
  while (end > start && digits[end - 1] === 0) end--
  const kept = digits.slice(start, end)
  if (kept.length === 0) { writeHeader(w, 0, 0, NUMERIC_POS, dscale); return }
  writeHeader(w, kept.length, weight, negative ? NUMERIC_NEG : NUMERIC_POS, dscale)
  for (const d of kept) w.int16(d)
}

function writeHeader (w: Writer, ndigits: number, weight: number, sign: number, dscale: number): void {
  w.int16(ndigits).int16(weight).int16(sign > 0x7fff ? sign - 0x10000 : sign).int16(dscale)
}

/** Binary numeric → plain decimal text with exactly dscale fraction digits ('NaN', 'Infinity', '-Infinity' for specials). */
export function readNumericBinary (bytes: Uint8Array): string {
  const reader = new MessageReader(bytes, 'numeric parameter')
  const ndigits = reader.int16()
  const weight = reader.int16()
  const sign = reader.int16() & 0xffff
  const dscale = reader.int16()
  if (ndigits < 0 || dscale < 0) throw errors.badRequest('invalid binary numeric: negative digit count or scale')
  const digits: number[] = []
  for (let i = 0; i < ndigits; i++) {
    const d = reader.int16()
    if (d < 0 || d > 9999) throw errors.badRequest(`invalid binary numeric digit ${d}`)
    digits.push(d)
  }
  reader.end()
  if (sign === NUMERIC_NAN) return 'NaN'
  if (sign === NUMERIC_PINF) return 'Infinity'
  if (sign === NUMERIC_NINF) return '-Infinity'
  if (sign !== NUMERIC_POS && sign !== NUMERIC_NEG) throw errors.badRequest(`invalid binary numeric sign 0x${sign.toString(16)}`)
  let intText = ''
  for (let i = 0; i <= weight; i++) intText += String(digits[i] ?? 0).padStart(4, '0')
  intText = intText.replace(/^0+/, '') || '0'
  // The k-th group after the point has index weight + k (groups before the first stored one are zeros).
  let fracText = ''
  for (let k = 1; fracText.length < dscale; k++) {
    const i = weight + k
    fracText += String(i >= 0 && i < digits.length ? digits[i] : 0).padStart(4, '0')
  }
  fracText = fracText.slice(0, dscale)
  const isZero = /^0*$/.test(intText + fracText)
  return `${sign === NUMERIC_NEG && !isZero ? '-' : ''}${intText}${dscale > 0 ? `.${fracText}` : ''}`
}
