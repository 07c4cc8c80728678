/**
 * Trino result columns → LogicalType, and Trino's JSON values → the row representation of
 * core/logical-type.ts. Types are read from the structured `typeSignature` (the display text
 * varies: `INTERVAL DAY TO SECOND`, `HyperLogLog`), with `type` as the fallback.
 *
 * Value encodings, as Trino's server writes them (io.trino.server.protocol.JsonEncodingUtils,
 * with the PARAMETRIC_DATETIME client capability so times keep their precision):
 * integers as JSON numbers (bigint beyond 2^53 too, hence page-json.ts), real/double as numbers
 * or the strings "NaN"/"Infinity"/"-Infinity", decimal as a string, varbinary as base64, dates,
 * times and timestamps as text in Trino's display form, intervals as `D HH:MM:SS.mmm` and `Y-M`
 * (with a leading `-` when negative), arrays and rows as JSON arrays, maps as JSON objects whose
 * keys are the key values' text.
 * @see https://trino.io/docs/current/develop/client-protocol.html
 */
import { T, parseType } from '../../core/logical-type.ts'
import type { IntervalValue, LogicalType, RowField } from '../../core/logical-type.ts'

/** `typeSignature` of a Trino column (client protocol `ClientTypeSignature`). */
export interface TrinoTypeSignature {
  readonly rawType: string
  readonly arguments?: readonly TrinoTypeArgument[]
}

export type TrinoTypeArgument =
  | { readonly kind: 'TYPE', readonly value: TrinoTypeSignature }
  | { readonly kind: 'NAMED_TYPE', readonly value: { readonly fieldName?: { readonly name: string }, readonly typeSignature: TrinoTypeSignature } }
  | { readonly kind: 'LONG', readonly value: number }
  | { readonly kind: 'VARIABLE', readonly value: unknown }

/** One entry of a Trino response's `columns`. */
export interface TrinoColumn {
  readonly name: string
  readonly type: string
  readonly typeSignature?: TrinoTypeSignature
}

/** Turns one JSON value of a column into our representation (null stays null). */
export type ValueDecoder = (value: unknown) => unknown

export function logicalTypeOfColumn (column: TrinoColumn): LogicalType {
  if (column.typeSignature !== undefined) return logicalTypeOfSignature(column.typeSignature)
  try {
    return parseType(column.type)
  } catch {
    return T.unknown
  }
}

export function logicalTypeOfSignature (signature: TrinoTypeSignature): LogicalType {
  const args = signature.arguments ?? []
  const long = (i: number): number | undefined => {
    const arg = args[i]
    return arg?.kind === 'LONG' ? arg.value : undefined
  }
  const typeArg = (i: number): LogicalType => {
    const arg = args[i]
    if (arg?.kind === 'TYPE') return logicalTypeOfSignature(arg.value)
    if (arg?.kind === 'NAMED_TYPE') return logicalTypeOfSignature(arg.value.typeSignature)
    return T.unknown
  }
  switch (signature.rawType.toLowerCase()) {
    case 'boolean': return T.boolean
    case 'tinyint': return T.tinyint
    case 'smallint': return T.smallint
    case 'integer': return T.integer
    case 'bigint': return T.bigint
    case 'real': return T.real
    case 'double': return T.double
    case 'decimal': return T.decimal(long(0) ?? 38, long(1) ?? 0)
    case 'varchar': {
      const length = long(0)
      // Trino reports unbounded varchar as varchar(2147483647).
      return length === undefined || length >= 2147483647 ? T.varchar : T.varcharN(length)
    }
    case 'char': return T.char(long(0) ?? 1)
    case 'varbinary': return T.varbinary
    case 'date': return T.date
    case 'time': return T.time(long(0) ?? 3)
    case 'time with time zone': return T.timeWithTimeZone(long(0) ?? 3)
    case 'timestamp': return T.timestamp(long(0) ?? 3)
    case 'timestamp with time zone': return T.timestampWithTimeZone(long(0) ?? 3)
    case 'interval day to second': return T.intervalDayToSecond
    case 'interval year to month': return T.intervalYearToMonth
    case 'json': return T.json
    case 'uuid': return T.uuid
    case 'array': return T.array(typeArg(0))
    case 'map': return T.map(typeArg(0), typeArg(1))
    case 'row': return T.row(args.map((arg): RowField => arg.kind === 'NAMED_TYPE'
      ? (arg.value.fieldName === undefined
          ? { type: logicalTypeOfSignature(arg.value.typeSignature) }
          : { name: arg.value.fieldName.name, type: logicalTypeOfSignature(arg.value.typeSignature) })
      : { type: arg.kind === 'TYPE' ? logicalTypeOfSignature(arg.value) : T.unknown }))
    // ipaddress, HyperLogLog, geometry, … have no LogicalType: they keep their text.
    default: return T.unknown
  }
}

/** Whether values of this type can be JSON integers beyond 2^53 (so pages need exact parsing). */
export function hasBigintValues (type: LogicalType): boolean {
  switch (type.kind) {
    case 'bigint':
    case 'unknown': return true
    case 'array': return hasBigintValues(type.element)
    case 'map': return hasBigintValues(type.key) || hasBigintValues(type.value)
    case 'row': return type.fields.some((field) => hasBigintValues(field.type))
    default: return false
  }
}

const identity: ValueDecoder = (value) => value

export function valueDecoder (type: LogicalType): ValueDecoder {
  switch (type.kind) {
    case 'bigint': return nullable(toBigint)
    case 'real':
    case 'double': return nullable(toFloat)
    case 'decimal':
    case 'varchar':
    case 'char':
    case 'date':
    case 'time':
    case 'timeWithTimeZone':
    case 'timestamp':
    case 'timestampWithTimeZone':
    case 'json':
    case 'uuid': return nullable(String)
    case 'varbinary': return nullable((value) => {
      const bytes = Buffer.from(String(value), 'base64')
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    })
    case 'intervalDayToSecond': return nullable((value) => parseDayToSecond(String(value)))
    case 'intervalYearToMonth': return nullable((value) => parseYearToMonth(String(value)))
    case 'array': {
      const element = valueDecoder(type.element)
      return nullable((value) => (value as unknown[]).map(element))
    }
    case 'map': {
      const key = mapKeyDecoder(type.key)
      const entry = valueDecoder(type.value)
      return nullable((value) => new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [key(k), entry(v)])))
    }
    case 'row': {
      const fields = type.fields.map((field) => valueDecoder(field.type))
      return nullable((value) => {
        // Current servers send rows as arrays; very old ones sent objects keyed by field name.
        const values = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)
        return fields.map((decode, i) => decode(values[i] ?? null))
      })
    }
    case 'unknown': return nullable((value) => typeof value === 'string' ? value : JSON.stringify(value, bigintReplacer))
    default: return identity
  }
}

/** Map keys arrive as JSON object keys, so always as text: decode them from their text form. */
function mapKeyDecoder (type: LogicalType): (key: string) => unknown {
  switch (type.kind) {
    case 'boolean': return (key) => key === 'true'
    case 'tinyint':
    case 'smallint':
    case 'integer': return Number
    case 'bigint': return BigInt
    case 'real':
    case 'double': return toFloat
    case 'array':
    case 'map':
    case 'row': {
      const decode = valueDecoder(type)
      return (key) => decode(JSON.parse(key))
    }
    default: return valueDecoder(type) as (key: string) => unknown
  }
}

function nullable (decode: ValueDecoder): ValueDecoder {
  return (value) => value === null || value === undefined ? null : decode(value)
}

function toBigint (value: unknown): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return BigInt(value)
  return BigInt(String(value))
}

function toFloat (value: unknown): number {
  if (typeof value === 'number') return value
  switch (value) {
    case 'NaN': return Number.NaN
    case 'Infinity': return Number.POSITIVE_INFINITY
    case '-Infinity': return Number.NEGATIVE_INFINITY
    default: return Number(value)
  }
}

const DAY_TO_SECOND = /^(-)?(\d+) (\d+):(\d+):(\d+)(?:\.(\d{1,9}))?$/

/** `-1 02:03:04.500` → { days: -1, micros: -7384500000n }; the sign applies to the whole value. */
export function parseDayToSecond (text: string): IntervalValue {
  const match = DAY_TO_SECOND.exec(text.trim())
  if (match === null) throw new TypeError(`not a Trino day-to-second interval: '${text}'`)
  const sign = match[1] === '-' ? -1 : 1
  const days = Number(match[2])
  const fraction = (match[6] ?? '').padEnd(6, '0').slice(0, 6)
  const micros = ((BigInt(match[3]!) * 60n + BigInt(match[4]!)) * 60n + BigInt(match[5]!)) * 1_000_000n + BigInt(fraction)
  return { months: 0, days: sign * days + 0, micros: sign < 0 ? -micros : micros }
}

/** `-3-4` → { months: -40 }. */
export function parseYearToMonth (text: string): IntervalValue {
  const match = /^(-)?(\d+)-(\d+)$/.exec(text.trim())
  if (match === null) throw new TypeError(`not a Trino year-to-month interval: '${text}'`)
  const months = Number(match[2]) * 12 + Number(match[3])
  return { months: match[1] === '-' ? -months : months, days: 0, micros: 0n }
}

function bigintReplacer (_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}
