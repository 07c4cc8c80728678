/**
 * Compares a translated query's answer with the source engine's answer, the way a client of
 * the source dialect would notice a difference:
 *
 * - the same number of columns, and each column's type in the same class as the source's
 *   (integer, decimal, float, string, date, timestamp, …): "result types follow the source
 *   dialect". One allowance: MySQL has no boolean type (its clients get TINYINT 0/1), so for
 *   a MySQL source a boolean column matches an integer one.
 * - the same rows: as a multiset unless the query says its order matters;
 * - values compared after normalising: NULL equals NULL; integers exactly; decimals as numbers
 *   at the source column's scale (one unit in the last place allowed for rounding modes);
 *   floats with relative tolerance 1e-6; char(n) without trailing pad; timestamps without
 *   trailing fraction zeros; intervals as (months, microseconds).
 * - when the query is marked `-- approximate: r` (the source computes an approximation, such as
 *   approx_distinct), every number — integer, decimal or float — matches within relative
 *   tolerance r instead.
 *
 * Column names are not compared: engines name unaliased expressions differently and the corpus
 * aliases what it means.
 */
import { formatType } from '../../src/core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../src/core/logical-type.ts'
import type { Column, Row } from '../../src/core/query-result.ts'
import type { SourceDialect } from './query-file.ts'

export interface CollectedResult {
  readonly columns: readonly Column[]
  readonly rows: readonly Row[]
}

export type Comparison = { readonly ok: true } | { readonly ok: false, readonly reason: string }

export const FLOAT_RELATIVE_TOLERANCE = 1e-6

export type TypeClass = 'boolean' | 'integer' | 'decimal' | 'float' | 'string' | 'binary' | 'date' | 'time' | 'timestamp'
  | 'timestamptz' | 'interval' | 'json' | 'uuid' | 'array' | 'map' | 'row' | 'unknown'

export function typeClass (type: LogicalType): TypeClass {
  switch (type.kind) {
    case 'tinyint': case 'smallint': case 'integer': case 'bigint': return 'integer'
    case 'real': case 'double': return 'float'
    case 'varchar': case 'char': return 'string'
    case 'varbinary': return 'binary'
    case 'time': case 'timeWithTimeZone': return 'time'
    case 'timestampWithTimeZone': return 'timestamptz'
    case 'intervalDayToSecond': case 'intervalYearToMonth': return 'interval'
    default: return type.kind
  }
}

/** The class a type is compared in, with arrays spelled out (`array(integer)`). */
function classLabel (type: LogicalType): string {
  return type.kind === 'array' ? `array(${classLabel(type.element)})` : typeClass(type)
}

function classesMatch (source: LogicalType, target: LogicalType, dialect: SourceDialect): boolean {
  const s = typeClass(source)
  const t = typeClass(target)
  if (s === 'unknown') return true
  if (s === 'array' && t === 'array' && source.kind === 'array' && target.kind === 'array') return classesMatch(source.element, target.element, dialect)
  if (s === t) return true
  return dialect === 'mysql' && ((s === 'integer' && t === 'boolean') || (s === 'boolean' && t === 'integer'))
}

export interface CompareOptions {
  readonly ordered: boolean
  readonly dialect: SourceDialect
  /** Relative tolerance for every number, for a source answer that is an approximation (query-file.ts `approximate`). */
  readonly approximate?: number
}

export function compareResults (expected: CollectedResult, actual: CollectedResult, options: CompareOptions): Comparison {
  if (expected.columns.length !== actual.columns.length) {
    return { ok: false, reason: `columns: expected ${expected.columns.length} (${expected.columns.map((c) => c.name).join(', ')}), got ${actual.columns.length} (${actual.columns.map((c) => c.name).join(', ')})` }
  }
  const problems: string[] = []
  expected.columns.forEach((column, i) => {
    const target = actual.columns[i]!
    if (!classesMatch(column.type, target.type, options.dialect)) {
      problems.push(`type of column ${i + 1} (${column.name}): expected ${classLabel(column.type)} (${formatType(column.type)}), got ${classLabel(target.type)} (${formatType(target.type)})`)
    }
  })
  const rowProblem = compareRows(expected, actual, options.ordered, options.approximate === undefined ? valuesEqual : approximatelyEqual(options.approximate))
  if (rowProblem !== undefined) problems.push(rowProblem)
  return problems.length === 0 ? { ok: true } : { ok: false, reason: problems.join('; ') }
}

type Equality = (a: Norm, b: Norm) => boolean

function compareRows (expected: CollectedResult, actual: CollectedResult, ordered: boolean, equal: Equality): string | undefined {
  const types = expected.columns.map((c, i) => ({ source: c.type, target: actual.columns[i]!.type }))
  const want = expected.rows.map((row) => row.map((v, i) => normalise(v, types[i]!.source, types[i]!.source)))
  const got = actual.rows.map((row) => row.map((v, i) => normalise(v, types[i]!.target, types[i]!.source)))
  if (want.length !== got.length) {
    return `rows: expected ${want.length}, got ${got.length}${firstDifference(sortRows(want), sortRows(got))}`
  }
  if (ordered) {
    const diff = firstDifferentRow(want, got, equal)
    if (diff === undefined) return undefined
    const unordered = firstDifferentRow(sortRows(want), sortRows(got), equal) === undefined
    return unordered ? `rows in a different order${describeRow(diff, want, got)}` : `values differ${describeRow(diff, want, got)}`
  }
  const sortedWant = sortRows(want)
  const sortedGot = sortRows(got)
  const diff = firstDifferentRow(sortedWant, sortedGot, equal)
  if (diff === undefined) return undefined
  // Sorting keys round floats; a value on a rounding boundary can sort apart. Match greedily.
  if (want.length <= 5000 && greedyMatch(want, got, equal)) return undefined
  return `values differ${describeRow(diff, sortedWant, sortedGot)}`
}

/** A normalised value: null, bigint (integers, booleans, decimals as scaled units), number, string, or arrays of them. */
type Norm = null | bigint | number | string | boolean | Norm[] | { readonly scaled: bigint, readonly scale: number }

/**
 * Brings a value into the source column's terms: decimals (and any number in a decimal source
 * column) become integers of 10^-scale at the source's scale.
 */
function normalise (value: unknown, type: LogicalType, sourceType: LogicalType): Norm {
  if (value === null || value === undefined) return null
  if (sourceType.kind === 'decimal' && (typeof value !== 'object' || value === null)) return { scaled: toScaled(value, sourceType.scale), scale: sourceType.scale }
  switch (typeClass(type)) {
    case 'integer': return typeof value === 'boolean' ? BigInt(value ? 1 : 0) : BigInt(value as number | bigint | string)
    case 'boolean': return typeClass(sourceType) === 'integer' ? BigInt(value === true ? 1 : 0) : Boolean(value)
    case 'decimal': {
      const text = String(value)
      return typeClass(sourceType) === 'integer' && /^-?\d+(\.0*)?$/.test(text) ? BigInt(text.replace(/\.0*$/, '')) : Number(text)
    }
    case 'float': return typeof value === 'number' ? value : Number(value)
    case 'string': return type.kind === 'char' || sourceType.kind === 'char' ? String(value).replace(/ +$/, '') : String(value)
    case 'timestamp': case 'time': case 'timestamptz': return normaliseTemporal(String(value))
    case 'interval': return intervalKey(value as IntervalValue)
    case 'binary': return Buffer.from(value as Uint8Array).toString('hex')
    case 'array': {
      const element = type.kind === 'array' ? type.element : type
      const sourceElement = sourceType.kind === 'array' ? sourceType.element : element
      return (value as unknown[]).map((v) => normalise(v, element, sourceElement))
    }
    case 'map': return [...(value as Map<unknown, unknown>).entries()].map(([k, v]) => `${String(k)}=${String(v)}`).sort().join(',')
    default: return typeof value === 'object' ? JSON.stringify(value, (_, v: unknown) => typeof v === 'bigint' ? v.toString() : v) : String(value)
  }
}

/** A number given as number, bigint or decimal text, rounded half away from zero to `scale` digits. */
function toScaled (value: unknown, scale: number): bigint {
  if (typeof value === 'bigint') return value * 10n ** BigInt(scale)
  if (typeof value === 'boolean') return BigInt(value ? 1 : 0) * 10n ** BigInt(scale)
  let text = typeof value === 'number' ? numberToPlain(value) : String(value)
  const negative = text.startsWith('-')
  if (negative) text = text.slice(1)
  const [whole = '0', fraction = ''] = text.split('.')
  const kept = (fraction + '0'.repeat(scale)).slice(0, scale)
  let units = BigInt((whole === '' ? '0' : whole) + kept)
  if ((fraction[scale] ?? '0') >= '5') units += 1n
  return negative ? -units : units
}

function numberToPlain (value: number): string {
  if (!Number.isFinite(value)) return '0'
  return value.toFixed(12)
}

function normaliseTemporal (text: string): string {
  return text.replace(/^(\d{4}-\d\d-\d\d)T/, '$1 ').replace(/(\.\d*?)0+(?=$|[ +\-Z])/, '$1').replace(/\.(?=$|[ +\-Z])/, '').replace(/(?: UTC|Z|\+00:00)$/, ' UTC')
}

function intervalKey (value: IntervalValue): string {
  return `${value.months}m ${BigInt(value.days) * 86_400_000_000n + value.micros}us`
}

function valuesEqual (a: Norm, b: Norm): boolean {
  if (a === null || b === null) return a === b
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((v, i) => valuesEqual(v, b[i]!))
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const d = a.scaled - b.scaled
    return d >= -1n && d <= 1n
  }
  if (typeof a === 'number' || typeof b === 'number') return numbersClose(Number(asNumber(a)), Number(asNumber(b)))
  return a === b
}

function isNumeric (v: Norm): boolean {
  return typeof v === 'bigint' || typeof v === 'number' || (typeof v === 'object' && v !== null && !Array.isArray(v))
}

/** Equality where two numbers match within `tolerance` of the larger one; everything else as valuesEqual. */
function approximatelyEqual (tolerance: number): Equality {
  return (a, b) => {
    if (!isNumeric(a) || !isNumeric(b)) return valuesEqual(a, b)
    const x = asNumber(a)
    const y = asNumber(b)
    return x === y || Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y))
  }
}

function asNumber (v: Norm): number {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return Number(v.scaled) / 10 ** v.scale
  return Number(v)
}

function numbersClose (a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b)
  if (a === b) return true
  const scale = Math.max(Math.abs(a), Math.abs(b))
  return Math.abs(a - b) <= FLOAT_RELATIVE_TOLERANCE * scale || Math.abs(a - b) < 1e-12
}

function sortKey (value: Norm): string {
  if (value === null) return '\u0000null'
  if (Array.isArray(value)) return `[${value.map(sortKey).join(',')}]`
  if (typeof value === 'object') return `d${value.scaled.toString()}`
  if (typeof value === 'number') return `n${Number.isFinite(value) ? value.toPrecision(6) : String(value)}`
  return `${typeof value}:${String(value)}`
}

function sortRows (rows: Norm[][]): Norm[][] {
  return rows.map((r) => ({ r, k: r.map(sortKey).join('\u0001') })).sort((x, y) => x.k < y.k ? -1 : x.k > y.k ? 1 : 0).map((x) => x.r)
}

function firstDifferentRow (a: Norm[][], b: Norm[][], equal: Equality = valuesEqual): number | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x === undefined || y === undefined || x.length !== y.length || !x.every((v, j) => equal(v, y[j]!))) return i
  }
  return undefined
}

function greedyMatch (want: Norm[][], got: Norm[][], equal: Equality): boolean {
  const used: boolean[] = Array.from({ length: got.length }, () => false)
  for (const row of want) {
    const j = got.findIndex((candidate, k) => !used[k] && candidate.every((v, c) => equal(row[c]!, v)))
    if (j < 0) return false
    used[j] = true
  }
  return true
}

function firstDifference (want: Norm[][], got: Norm[][]): string {
  const i = firstDifferentRow(want, got)
  return i === undefined ? '' : describeRow(i, want, got)
}

function describeRow (i: number, want: Norm[][], got: Norm[][]): string {
  return ` (sorted row ${i + 1}: expected ${show(want[i])}, got ${show(got[i])})`
}

export function show (row: Norm[] | undefined): string {
  if (row === undefined) return 'no row'
  const text = JSON.stringify(row, (_, v: unknown) => {
    if (typeof v === 'bigint') return v.toString()
    if (typeof v === 'object' && v !== null && 'scaled' in v) {
      const d = v as { scaled: bigint, scale: number }
      return asNumber(d).toFixed(d.scale)
    }
    return v
  })
  return text.length > 160 ? `${text.slice(0, 157)}...` : text
}
