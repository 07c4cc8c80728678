/**
 * ClickHouse type names (as the TabSeparatedWithNamesAndTypes header spells them) →
 * LogicalType, and decoders from a TSV field to the row representation of
 * core/logical-type.ts. Scalars arrive TSV-escaped; Array/Tuple/Map values arrive in
 * ClickHouse's quoted literal form (`['a','b\'c',NULL]`, `(1,'x')`, `{'k':1}`) and are parsed
 * here. 64-bit integers never pass through a JS float.
 * @see https://clickhouse.com/docs/en/sql-reference/data-types
 */
import { T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import { errors } from '../../core/errors.ts'
import { unescapeField } from './tsv-reader.ts'

/** A parsed ClickHouse type: name, nested types, and literal arguments (numbers, quoted strings). */
export interface ClickHouseType {
  readonly name: string
  readonly types: readonly ClickHouseType[]
  /** Element names of a named Tuple, aligned with `types`. */
  readonly names: ReadonlyArray<string | undefined>
  readonly args: ReadonlyArray<number | string>
}

export function parseClickHouseType (text: string): ClickHouseType {
  const parser = new TypeParser(text)
  const type = parser.parse()
  return type
}

class TypeParser {
  readonly #text: string
  #pos = 0
  constructor (text: string) { this.#text = text }

  parse (): ClickHouseType {
    const name = this.#identifier()
    const types: ClickHouseType[] = []
    const names: Array<string | undefined> = []
    const args: Array<number | string> = []
    this.#space()
    if (this.#text[this.#pos] !== '(') return { name, types, names, args }
    this.#pos++
    for (;;) {
      this.#space()
      const ch = this.#text[this.#pos]
      if (ch === ')') { this.#pos++; break }
      if (ch === undefined) break
      if (ch === "'") {
        args.push(this.#quoted())
        this.#skipToSeparator() // Enum entries: 'a' = 1
      } else if (/[-\d]/.test(ch)) {
        args.push(Number(this.#match(/^-?\d+/)))
      } else if (/[A-Za-z_]/.test(ch)) {
        const start = this.#pos
        const word = this.#identifier()
        this.#space()
        // A named Tuple element is `name Type`; an unnamed one just `Type`.
        if (name === 'Tuple' && /[A-Za-z_]/.test(this.#text[this.#pos] ?? '')) {
          names.push(word)
          types.push(this.parse())
        } else if (name === 'AggregateFunction' || name === 'SimpleAggregateFunction') {
          this.#pos = start
          this.#skipToSeparator()
        } else {
          this.#pos = start
          names.push(undefined)
          types.push(this.parse())
        }
      } else {
        this.#skipToSeparator()
      }
      this.#space()
      if (this.#text[this.#pos] === ',') this.#pos++
    }
    return { name, types, names, args }
  }

  #identifier (): string {
    this.#space()
    return this.#match(/^[A-Za-z_][A-Za-z0-9_]*/)
  }

  #match (re: RegExp): string {
    const m = re.exec(this.#text.slice(this.#pos))
    if (m === null) throw errors.internal(`cannot read ClickHouse type '${this.#text}' at position ${this.#pos}`)
    this.#pos += m[0].length
    return m[0]
  }

  #quoted (): string {
    let out = ''
    this.#pos++
    while (this.#pos < this.#text.length) {
      const ch = this.#text[this.#pos++]!
      if (ch === '\\') { out += this.#text[this.#pos++] ?? ''; continue }
      if (ch === "'") return out
      out += ch
    }
    return out
  }

  /** Skips to the next top-level ',' or ')' (respecting quotes and nested parentheses). */
  #skipToSeparator (): void {
    let depth = 0
    while (this.#pos < this.#text.length) {
      const ch = this.#text[this.#pos]!
      if (ch === "'") { this.#quoted(); continue }
      if (ch === '(') depth++
      else if (ch === ')') { if (depth === 0) return; depth-- } else if (ch === ',' && depth === 0) return
      this.#pos++
    }
  }

  #space (): void {
    while (this.#text[this.#pos] === ' ') this.#pos++
  }
}

const DECIMAL_PRECISION: Readonly<Record<string, number>> = { Decimal32: 9, Decimal64: 18, Decimal128: 38, Decimal256: 76 }

/** The LogicalType of a ClickHouse column type. Nullable and LowCardinality are transparent. */
export function logicalTypeOf (type: ClickHouseType): LogicalType {
  switch (type.name) {
    case 'Nullable':
    case 'LowCardinality': return logicalTypeOf(type.types[0]!)
    case 'Bool': return T.boolean
    case 'Int8': return T.tinyint
    case 'Int16':
    case 'UInt8': return T.smallint
    case 'Int32':
    case 'UInt16': return T.integer
    case 'Int64':
    case 'UInt32': return T.bigint
    case 'UInt64': return T.decimal(20, 0)
    case 'Float32': return T.real
    case 'Float64': return T.double
    case 'Decimal': return decimal(Number(type.args[0]), Number(type.args[1] ?? 0))
    case 'Decimal32':
    case 'Decimal64':
    case 'Decimal128':
    case 'Decimal256': return decimal(DECIMAL_PRECISION[type.name]!, Number(type.args[0] ?? 0))
    case 'Date':
    case 'Date32': return T.date
    case 'DateTime': return typeof type.args[0] === 'string' ? T.timestampWithTimeZone(0) : T.timestamp(0)
    case 'DateTime64': {
      const precision = Math.min(Number(type.args[0] ?? 3), 12)
      return typeof type.args[1] === 'string' ? T.timestampWithTimeZone(precision) : T.timestamp(precision)
    }
    case 'UUID': return T.uuid
    case 'JSON':
    case 'Object': return T.json
    case 'Nothing': return T.unknown
    case 'Array': return T.array(logicalTypeOf(type.types[0]!))
    case 'Map': return T.map(logicalTypeOf(type.types[0]!), logicalTypeOf(type.types[1]!))
    case 'Tuple': return T.row(type.types.map((t, i) => {
      const name = type.names[i]
      return name === undefined ? { type: logicalTypeOf(t) } : { name, type: logicalTypeOf(t) }
    }))
    // String, FixedString(n), Enum8/16, IPv4/6, Int128/256, UInt128/256, aggregate states, …
    default: return T.varchar
  }
}

/** Precision over 38 (Decimal256) has no LogicalType: such columns are read as text. */
function decimal (precision: number, scale: number): LogicalType {
  return precision > 38 ? T.varchar : T.decimal(precision, scale)
}

export type FieldDecoder = (raw: string) => unknown

/** A decoder of one raw (still TSV-escaped) field of a column of `type`. */
export function fieldDecoder (type: ClickHouseType): FieldDecoder {
  const inner = unwrap(type)
  if (inner.name === 'Array' || inner.name === 'Tuple' || inner.name === 'Map') {
    return (raw) => raw === '\\N' ? null : parseLiteral(raw, inner)
  }
  const scalar = scalarDecoder(inner)
  return (raw) => {
    const text = unescapeField(raw)
    return text === null ? null : scalar(text)
  }
}

function unwrap (type: ClickHouseType): ClickHouseType {
  return type.name === 'Nullable' || type.name === 'LowCardinality' ? unwrap(type.types[0]!) : type
}

/** Decodes an unescaped scalar value of `type` (already unwrapped). */
export function scalarDecoder (type: ClickHouseType): (text: string) => unknown {
  const logical = logicalTypeOf(type)
  switch (logical.kind) {
    case 'boolean': return (text) => text === 'true' || text === '1'
    case 'tinyint':
    case 'smallint':
    case 'integer': return Number
    case 'bigint': return BigInt
    case 'real':
    case 'double': return decodeFloat
    case 'decimal': return (text) => normalizeDecimal(text, logical.scale)
    case 'date': return (text) => text === ZERO_DATE ? '1970-01-01' : text
    case 'timestamp': return (text) => padFraction(checkZeroDateTime(text), logical.precision)
    case 'timestampWithTimeZone': {
      const zone = String(type.name === 'DateTime64' ? type.args[1] : type.args[0])
      return (text) => `${padFraction(text.startsWith(ZERO_DATE) ? epochIn(zone) : text, logical.precision)} ${zone}`
    }
    case 'uuid': return (text) => text.toLowerCase()
    case 'unknown': return () => null
    default: return (text) => text
  }
}

/**
 * ClickHouse 18.x prints day 0 (1970-01-01) as '0000-00-00' and the DateTime at the epoch as
 * '0000-00-00 00:00:00'. A Date has no zone, so day 0 is exact; a DateTime with a zone is the
 * epoch in that zone; a DateTime without one is the epoch in the server's zone, which the
 * adapter does not know, so it fails rather than guess.
 */
const ZERO_DATE = '0000-00-00'

function checkZeroDateTime (text: string): string {
  if (!text.startsWith(ZERO_DATE)) return text
  throw errors.engineError(`ClickHouse returned the DateTime '${text}' (the epoch, as ClickHouse 18.x prints it), whose wall-clock time depends on the server's time zone: use toDateTime(col, 'UTC') or a DateTime('zone') column`,
    undefined, { engineErrorKind: 'invalidValue' })
}

function epochIn (zone: string): string {
  // 'sv-SE' formats as 'YYYY-MM-DD HH:MM:SS'.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(0))
}

function decodeFloat (text: string): number {
  switch (text) {
    case 'nan':
    case '-nan': return Number.NaN
    case 'inf':
    case '+inf': return Number.POSITIVE_INFINITY
    case '-inf': return Number.NEGATIVE_INFINITY
    default: return Number(text)
  }
}

/** ClickHouse prints decimals with exactly `scale` digits; normalise anyway (exact, no rounding). */
export function normalizeDecimal (text: string, scale: number): string {
  const negative = text.startsWith('-')
  const body = negative || text.startsWith('+') ? text.slice(1) : text
  const [integer = '0', fraction = ''] = body.split('.')
  const frac = fraction.padEnd(scale, '0').slice(0, scale)
  const int = integer.replace(/^0+(?=\d)/, '') || '0'
  const isZero = /^0*$/.test(int + frac)
  return `${negative && !isZero ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`
}

function padFraction (text: string, precision: number): string {
  const dot = text.indexOf('.')
  const whole = dot < 0 ? text : text.slice(0, dot)
  const fraction = dot < 0 ? '' : text.slice(dot + 1)
  return precision === 0 ? whole : `${whole}.${fraction.padEnd(precision, '0').slice(0, precision)}`
}

/** Parses a composite value in ClickHouse's quoted literal form. */
export function parseLiteral (text: string, type: ClickHouseType): unknown {
  const reader = { text, pos: 0 }
  const value = readValue(reader, type)
  if (reader.pos !== text.length) throw malformed(text)
  return value
}

interface Reader { readonly text: string, pos: number }

function readValue (r: Reader, type: ClickHouseType): unknown {
  const inner = unwrap(type)
  if (r.text.startsWith('NULL', r.pos) && !/[A-Za-z0-9_]/.test(r.text[r.pos + 4] ?? '')) { r.pos += 4; return null }
  switch (inner.name) {
    case 'Array': return readList(r, '[', ']', () => readValue(r, inner.types[0]!))
    case 'Tuple': {
      let i = 0
      return readList(r, '(', ')', () => readValue(r, inner.types[i++] ?? inner.types[0]!))
    }
    case 'Map': {
      const map = new Map<unknown, unknown>()
      readList(r, '{', '}', () => {
        const key = readValue(r, inner.types[0]!)
        if (r.text[r.pos++] !== ':') throw malformed(r.text)
        map.set(key, readValue(r, inner.types[1]!))
        return undefined
      })
      return map
    }
    default: {
      const decode = scalarDecoder(inner)
      if (r.text[r.pos] === "'") return decode(readQuoted(r))
      const start = r.pos
      while (r.pos < r.text.length && !',]):}'.includes(r.text[r.pos]!)) r.pos++
      return decode(r.text.slice(start, r.pos))
    }
  }
}

function readList (r: Reader, open: string, close: string, item: () => unknown): unknown[] {
  if (r.text[r.pos++] !== open) throw malformed(r.text)
  const out: unknown[] = []
  if (r.text[r.pos] === close) { r.pos++; return out }
  for (;;) {
    out.push(item())
    const ch = r.text[r.pos++]
    if (ch === close) return out
    if (ch !== ',') throw malformed(r.text)
  }
}

const QUOTED_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', 0: '\0', a: '\x07', v: '\v' }

function readQuoted (r: Reader): string {
  let out = ''
  r.pos++
  while (r.pos < r.text.length) {
    const ch = r.text[r.pos++]!
    if (ch === '\\') { const next = r.text[r.pos++] ?? ''; out += QUOTED_ESCAPES[next] ?? next; continue }
    if (ch === "'") return out
    out += ch
  }
  throw malformed(r.text)
}

function malformed (text: string): Error {
  return errors.internal(`ClickHouse sent a composite value that could not be read: ${text.slice(0, 80)}`)
}
