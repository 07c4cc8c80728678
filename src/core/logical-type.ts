/**
 * One type system for every result column, modelled on Trino's type signatures because
 * Trino's is the richest. Engines map their native types to it; frontends map it to their
 * wire types.
 *
 * Value representation in rows (what engines produce and frontends consume), chosen so that
 * no value loses precision on its way through JavaScript:
 *
 * | kind                         | JS value                                                   |
 * |------------------------------|------------------------------------------------------------|
 * | boolean                      | boolean                                                    |
 * | tinyint, smallint, integer   | number                                                     |
 * | bigint                       | bigint                                                     |
 * | real, double                 | number (NaN and ±Infinity allowed)                         |
 * | decimal(p,s)                 | string, plain decimal text with exactly s fraction digits  |
 * | varchar, char                | string                                                     |
 * | varbinary                    | Uint8Array                                                 |
 * | date                         | string `YYYY-MM-DD` (year may exceed 9999 or be negative)  |
 * | time(p)                      | string `HH:MM:SS[.f…]` with p fraction digits              |
 * | time(p) with time zone       | string `HH:MM:SS[.f…]±HH:MM`                               |
 * | timestamp(p)                 | string `YYYY-MM-DD HH:MM:SS[.f…]` with p fraction digits   |
 * | timestamp(p) with time zone  | string `YYYY-MM-DD HH:MM:SS[.f…] ZONE`, ZONE = `UTC`, `±HH:MM` or an IANA id (Trino's text form) |
 * | interval day to second       | IntervalValue                                              |
 * | interval year to month       | IntervalValue (days = 0, micros = 0n)                      |
 * | json                         | string (JSON text)                                         |
 * | uuid                         | string (canonical lower-case 8-4-4-4-12)                   |
 * | array(T)                     | Array of T values                                          |
 * | map(K,V)                     | Map of K values to V values                                |
 * | row(...)                     | Array of field values, in field order                      |
 * | unknown                      | null, or a string                                          |
 *
 * SQL NULL is `null` for every kind.
 */
export type LogicalType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'tinyint' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'decimal', readonly precision: number, readonly scale: number }
  /** `length` absent means unbounded `varchar`. */
  | { readonly kind: 'varchar', readonly length?: number }
  | { readonly kind: 'char', readonly length: number }
  | { readonly kind: 'varbinary' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time', readonly precision: number }
  | { readonly kind: 'timeWithTimeZone', readonly precision: number }
  | { readonly kind: 'timestamp', readonly precision: number }
  | { readonly kind: 'timestampWithTimeZone', readonly precision: number }
  | { readonly kind: 'intervalDayToSecond' }
  | { readonly kind: 'intervalYearToMonth' }
  | { readonly kind: 'json' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'array', readonly element: LogicalType }
  | { readonly kind: 'map', readonly key: LogicalType, readonly value: LogicalType }
  | { readonly kind: 'row', readonly fields: readonly RowField[] }
  | { readonly kind: 'unknown' }

export type LogicalTypeKind = LogicalType['kind']

export interface RowField {
  /** Absent for anonymous fields (Trino `row(integer, varchar)`). */
  readonly name?: string
  readonly type: LogicalType
}

/** An interval as engines hold it: months, days and microseconds kept apart, none lost. */
export interface IntervalValue {
  readonly months: number
  readonly days: number
  readonly micros: bigint
}

/** Constructors for the parameterless types and helpers for the rest, so call sites read well. */
export const T = {
  boolean: { kind: 'boolean' },
  tinyint: { kind: 'tinyint' },
  smallint: { kind: 'smallint' },
  integer: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  real: { kind: 'real' },
  double: { kind: 'double' },
  varchar: { kind: 'varchar' },
  varbinary: { kind: 'varbinary' },
  date: { kind: 'date' },
  json: { kind: 'json' },
  uuid: { kind: 'uuid' },
  intervalDayToSecond: { kind: 'intervalDayToSecond' },
  intervalYearToMonth: { kind: 'intervalYearToMonth' },
  unknown: { kind: 'unknown' },
  decimal: (precision: number, scale: number): LogicalType => ({ kind: 'decimal', precision, scale }),
  varcharN: (length: number): LogicalType => ({ kind: 'varchar', length }),
  char: (length: number): LogicalType => ({ kind: 'char', length }),
  time: (precision: number): LogicalType => ({ kind: 'time', precision }),
  timeWithTimeZone: (precision: number): LogicalType => ({ kind: 'timeWithTimeZone', precision }),
  timestamp: (precision: number): LogicalType => ({ kind: 'timestamp', precision }),
  timestampWithTimeZone: (precision: number): LogicalType => ({ kind: 'timestampWithTimeZone', precision }),
  array: (element: LogicalType): LogicalType => ({ kind: 'array', element }),
  map: (key: LogicalType, value: LogicalType): LogicalType => ({ kind: 'map', key, value }),
  row: (fields: readonly RowField[]): LogicalType => ({ kind: 'row', fields }),
} as const satisfies Record<string, LogicalType | ((...args: never[]) => LogicalType)>

/** Trino's display form of a type: `decimal(10,2)`, `array(row(a integer, b varchar))`. */
export function formatType (type: LogicalType): string {
  switch (type.kind) {
    case 'decimal': return `decimal(${type.precision},${type.scale})`
    case 'varchar': return type.length === undefined ? 'varchar' : `varchar(${type.length})`
    case 'char': return `char(${type.length})`
    case 'time': return `time(${type.precision})`
    case 'timeWithTimeZone': return `time(${type.precision}) with time zone`
    case 'timestamp': return `timestamp(${type.precision})`
    case 'timestampWithTimeZone': return `timestamp(${type.precision}) with time zone`
    case 'intervalDayToSecond': return 'interval day to second'
    case 'intervalYearToMonth': return 'interval year to month'
    case 'array': return `array(${formatType(type.element)})`
    case 'map': return `map(${formatType(type.key)}, ${formatType(type.value)})`
    case 'row': return `row(${type.fields.map(formatField).join(', ')})`
    default: return type.kind
  }
}

function formatField (field: RowField): string {
  const type = formatType(field.type)
  return field.name === undefined ? type : `${quoteFieldName(field.name)} ${type}`
}

function quoteFieldName (name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`
}

/**
 * Parses Trino's display form back into a LogicalType. Unknown names become `unknown` rather
 * than failing: a new engine type must never break a result, only lose its precise type.
 */
export function parseType (text: string): LogicalType {
  const parser = new TypeTextParser(text)
  const type = parser.parseType()
  parser.expectEnd()
  return type
}

const SIMPLE: Readonly<Record<string, LogicalType>> = {
  boolean: T.boolean,
  tinyint: T.tinyint,
  smallint: T.smallint,
  integer: T.integer,
  int: T.integer,
  bigint: T.bigint,
  real: T.real,
  double: T.double,
  'double precision': T.double,
  varchar: T.varchar,
  varbinary: T.varbinary,
  date: T.date,
  json: T.json,
  uuid: T.uuid,
  unknown: T.unknown,
  'interval day to second': T.intervalDayToSecond,
  'interval year to month': T.intervalYearToMonth,
}

class TypeTextParser {
  readonly #text: string
  #pos = 0

  constructor (text: string) {
    this.#text = text
  }

  parseType (): LogicalType {
    const name = this.#readWords().toLowerCase()
    if (this.#peek() !== '(') return this.#withTimeZone(SIMPLE[name] ?? this.#defaultPrecision(name))
    this.#pos++
    switch (name) {
      case 'decimal': {
        const precision = this.#readInt()
        const scale = this.#tryChar(',') ? this.#readInt() : 0
        this.#expect(')')
        return T.decimal(precision, scale)
      }
      case 'varchar': { const n = this.#readInt(); this.#expect(')'); return T.varcharN(n) }
      case 'char': { const n = this.#readInt(); this.#expect(')'); return T.char(n) }
      case 'time':
      case 'timestamp': {
        const precision = this.#readInt()
        this.#expect(')')
        const zoned = this.#readWithTimeZone()
        if (name === 'time') return zoned ? T.timeWithTimeZone(precision) : T.time(precision)
        return zoned ? T.timestampWithTimeZone(precision) : T.timestamp(precision)
      }
      case 'array': { const element = this.parseType(); this.#expect(')'); return T.array(element) }
      case 'map': {
        const key = this.parseType()
        this.#expect(',')
        const value = this.parseType()
        this.#expect(')')
        return T.map(key, value)
      }
      case 'row': return this.#parseRow()
      default: {
        this.#skipBalanced()
        return T.unknown
      }
    }
  }

  expectEnd (): void {
    this.#skipSpace()
    if (this.#pos !== this.#text.length) throw new TypeError(`unexpected '${this.#text.slice(this.#pos)}' in type '${this.#text}'`)
  }

  #defaultPrecision (name: string): LogicalType {
    // Trino's defaults when the precision is omitted.
    if (name === 'time') return T.time(3)
    if (name === 'timestamp') return T.timestamp(3)
    if (name === 'decimal') return T.decimal(38, 0)
    return T.unknown
  }

  #withTimeZone (type: LogicalType): LogicalType {
    if (!this.#readWithTimeZone()) return type
    if (type.kind === 'time') return T.timeWithTimeZone(type.precision)
    if (type.kind === 'timestamp') return T.timestampWithTimeZone(type.precision)
    return type
  }

  #readWithTimeZone (): boolean {
    const rest = this.#text.slice(this.#pos)
    const match = /^\s*with time zone/i.exec(rest)
    if (match === null) return false
    this.#pos += match[0].length
    return true
  }

  #parseRow (): LogicalType {
    const fields: RowField[] = []
    do {
      this.#skipSpace()
      const start = this.#pos
      let name: string | undefined
      if (this.#peek() === '"') {
        name = this.#readQuoted()
      } else {
        // A field is `name type` or just `type`; decide by whether a second word follows.
        const word = this.#readIdentifier()
        this.#skipSpace()
        const next = this.#peek()
        if (next !== undefined && /[A-Za-z_]/.test(next) && !/^with time zone/i.test(this.#text.slice(this.#pos)) && !(word.toLowerCase() === 'interval' || word.toLowerCase() === 'double')) name = word
        else this.#pos = start
      }
      fields.push(name === undefined ? { type: this.parseType() } : { name, type: this.parseType() })
    } while (this.#tryChar(','))
    this.#expect(')')
    return T.row(fields)
  }

  #readWords (): string {
    this.#skipSpace()
    const match = /^(interval (day to second|year to month)|double precision|[A-Za-z_][A-Za-z0-9_]*)/i.exec(this.#text.slice(this.#pos))
    if (match === null) throw new TypeError(`expected a type name at position ${this.#pos} in '${this.#text}'`)
    this.#pos += match[0].length
    return match[0]
  }

  #readIdentifier (): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.#text.slice(this.#pos))
    if (match === null) throw new TypeError(`expected a field name at position ${this.#pos} in '${this.#text}'`)
    this.#pos += match[0].length
    return match[0]
  }

  #readQuoted (): string {
    let out = ''
    this.#pos++
    while (this.#pos < this.#text.length) {
      const ch = this.#text[this.#pos++]
      if (ch === '"') {
        if (this.#text[this.#pos] === '"') { out += '"'; this.#pos++; continue }
        return out
      }
      out += ch
    }
    throw new TypeError(`unterminated quoted field name in '${this.#text}'`)
  }

  #readInt (): number {
    this.#skipSpace()
    const match = /^\d+/.exec(this.#text.slice(this.#pos))
    if (match === null) throw new TypeError(`expected a number at position ${this.#pos} in '${this.#text}'`)
    this.#pos += match[0].length
    return Number(match[0])
  }

  #skipBalanced (): void {
    let depth = 1
    while (this.#pos < this.#text.length && depth > 0) {
      const ch = this.#text[this.#pos++]
      if (ch === '(') depth++
      else if (ch === ')') depth--
    }
  }

  #peek (): string | undefined {
    this.#skipSpace()
    return this.#text[this.#pos]
  }

  #tryChar (ch: string): boolean {
    if (this.#peek() !== ch) return false
    this.#pos++
    return true
  }

  #expect (ch: string): void {
    if (!this.#tryChar(ch)) throw new TypeError(`expected '${ch}' at position ${this.#pos} in '${this.#text}'`)
  }

  #skipSpace (): void {
    while (this.#text[this.#pos] === ' ') this.#pos++
  }
}
