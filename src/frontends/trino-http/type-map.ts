/**
 * LogicalType → what a Trino coordinator sends for a column: the display `type`, the
 * `typeSignature` (io.trino.client.ClientTypeSignature: rawType plus LONG / TYPE / NAMED_TYPE
 * arguments), and each value's JSON text, encoded exactly as Trino encodes it so that the
 * typed decoders of the JDBC driver, the CLI and the Python client accept it:
 *
 * | type                         | JSON                                                      |
 * |------------------------------|-----------------------------------------------------------|
 * | boolean                      | true / false                                              |
 * | tinyint … bigint             | number; bigint written from the JS bigint, every digit    |
 * | real, double                 | number with a fraction (`1.0`, `1.0E10`); "NaN", "Infinity", "-Infinity" |
 * | decimal(p,s)                 | string "123.45"                                           |
 * | varchar, char, json, uuid    | string                                                    |
 * | varbinary                    | string, base64                                            |
 * | date, time, timestamp (+tz)  | string in Trino's text form (`2020-01-01 00:00:00.000 UTC`) |
 * | interval day to second       | string `D HH:MM:SS.mmm`, e.g. "2 03:04:05.678"            |
 * | interval year to month       | string `Y-M`, e.g. "1-2"                                  |
 * | array / row                  | JSON array                                                |
 * | map                          | JSON object, keys as strings                              |
 *
 * @see https://trino.io/docs/current/develop/client-protocol.html
 */
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import { formatType } from '../../core/logical-type.ts'
import type { Column } from '../../core/query-result.ts'
import { formatDouble, formatReal } from './java-number.ts'

export interface ClientTypeSignature {
  readonly rawType: string
  readonly arguments: readonly ClientTypeSignatureParameter[]
}

export type ClientTypeSignatureParameter =
  | { readonly kind: 'LONG', readonly value: number }
  | { readonly kind: 'TYPE', readonly value: ClientTypeSignature }
  | { readonly kind: 'NAMED_TYPE', readonly value: { readonly fieldName?: { readonly name: string }, readonly typeSignature: ClientTypeSignature } }

/** One entry of QueryResults.columns. */
export interface TrinoColumn {
  readonly name: string
  readonly type: string
  readonly typeSignature: ClientTypeSignature
}

/** Trino's VarcharType.UNBOUNDED_LENGTH, sent as the length of an unbounded varchar. */
export const VARCHAR_UNBOUNDED_LENGTH = 2_147_483_647

export function toTrinoColumn (column: Column): TrinoColumn {
  return { name: column.name, type: formatType(column.type), typeSignature: typeSignatureOf(column.type) }
}

export function typeSignatureOf (type: LogicalType): ClientTypeSignature {
  const long = (value: number): ClientTypeSignatureParameter => ({ kind: 'LONG', value })
  switch (type.kind) {
    case 'decimal': return { rawType: 'decimal', arguments: [long(type.precision), long(type.scale)] }
    case 'varchar': return { rawType: 'varchar', arguments: [long(type.length ?? VARCHAR_UNBOUNDED_LENGTH)] }
    case 'char': return { rawType: 'char', arguments: [long(type.length)] }
    case 'time': return { rawType: 'time', arguments: [long(type.precision)] }
    case 'timeWithTimeZone': return { rawType: 'time with time zone', arguments: [long(type.precision)] }
    case 'timestamp': return { rawType: 'timestamp', arguments: [long(type.precision)] }
    case 'timestampWithTimeZone': return { rawType: 'timestamp with time zone', arguments: [long(type.precision)] }
    case 'intervalDayToSecond': return { rawType: 'interval day to second', arguments: [] }
    case 'intervalYearToMonth': return { rawType: 'interval year to month', arguments: [] }
    case 'array': return { rawType: 'array', arguments: [{ kind: 'TYPE', value: typeSignatureOf(type.element) }] }
    case 'map': return { rawType: 'map', arguments: [{ kind: 'TYPE', value: typeSignatureOf(type.key) }, { kind: 'TYPE', value: typeSignatureOf(type.value) }] }
    case 'row': return {
      rawType: 'row',
      arguments: type.fields.map((field) => ({
        kind: 'NAMED_TYPE' as const,
        // Trino has no empty field names: an engine's '' (DuckDB's row()) is an anonymous field.
        value: field.name === undefined || field.name === ''
          ? { typeSignature: typeSignatureOf(field.type) }
          : { fieldName: { name: field.name }, typeSignature: typeSignatureOf(field.type) },
      })),
    }
    default: return { rawType: type.kind, arguments: [] }
  }
}

/** Writes one value (or SQL NULL) of a column as JSON text. */
export type ValueWriter = (value: unknown) => string

/** A writer for `type`, built once per column so rows encode without re-dispatching on types. */
export function createValueWriter (type: LogicalType): ValueWriter {
  const write = createNonNullWriter(type)
  return (value) => value === null || value === undefined ? 'null' : write(value)
}

function createNonNullWriter (type: LogicalType): ValueWriter {
  switch (type.kind) {
    case 'boolean': return (v) => v === true || v === 'true' ? 'true' : 'false'
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': return writeInteger
    case 'real': return (v) => formatReal(Number(v))
    case 'double': return (v) => formatDouble(Number(v))
    case 'varbinary': return (v) => JSON.stringify(toBase64(v))
    case 'intervalDayToSecond': return (v) => JSON.stringify(isInterval(v) ? formatDayToSecond(v) : String(v))
    case 'intervalYearToMonth': return (v) => JSON.stringify(isInterval(v) ? formatYearToMonth(v) : String(v))
    case 'array': {
      const element = createValueWriter(type.element)
      return (v) => Array.isArray(v) ? `[${v.map(element).join(',')}]` : JSON.stringify(String(v))
    }
    case 'map': {
      const key = createKeyWriter(type.key)
      const value = createValueWriter(type.value)
      return (v) => {
        const entries: Iterable<[unknown, unknown]> = v instanceof Map ? v : Object.entries(v as object)
        const parts: string[] = []
        for (const [k, inner] of entries) parts.push(`${JSON.stringify(key(k))}:${value(inner)}`)
        return `{${parts.join(',')}}`
      }
    }
    case 'row': {
      const fields = type.fields.map((field) => createValueWriter(field.type))
      const names = type.fields.map((field, i) => field.name ?? `field${i}`)
      return (v) => {
        const values = Array.isArray(v) ? v : names.map((name) => (v as Record<string, unknown>)[name])
        return `[${fields.map((write, i) => write(values[i])).join(',')}]`
      }
    }
    case 'unknown': return (v) => typeof v === 'string' ? JSON.stringify(v) : 'null'
    // decimal, varchar, char, date, time(tz), timestamp(tz), json, uuid: already Trino's text.
    default: return (v) => JSON.stringify(typeof v === 'string' ? v : String(v))
  }
}

function writeInteger (value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number' && Number.isInteger(value)) return String(value)
  const text = String(value)
  // A digit string (some drivers hand out int64 as text) goes out as the number it is.
  return /^-?\d+$/.test(text) ? text : 'null'
}

/** Map keys: Trino turns every key into its string form (`1`, `1.5`, `true`, `2020-01-01`). */
function createKeyWriter (type: LogicalType): (value: unknown) => string {
  switch (type.kind) {
    case 'real':
    case 'double': {
      const format = type.kind === 'real' ? formatReal : formatDouble
      return (v) => { const text = format(Number(v)); return text.startsWith('"') ? text.slice(1, -1) : text }
    }
    case 'varbinary': return toBase64
    case 'array':
    case 'map':
    case 'row': return createValueWriter(type)
    case 'boolean': return (v) => v === true || v === 'true' ? 'true' : 'false'
    case 'intervalDayToSecond': return (v) => isInterval(v) ? formatDayToSecond(v) : String(v)
    case 'intervalYearToMonth': return (v) => isInterval(v) ? formatYearToMonth(v) : String(v)
    default: return (v) => String(v)
  }
}

function toBase64 (value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
  return Buffer.from(String(value), 'utf8').toString('base64')
}

function isInterval (value: unknown): value is IntervalValue {
  return typeof value === 'object' && value !== null && 'months' in value && 'days' in value && 'micros' in value
}

const MILLIS_PER_DAY = 86_400_000n

/**
 * Trino's IntervalDayTime.formatMillis: `[-]D HH:MM:SS.mmm`. Trino keeps milliseconds, so
 * microseconds are truncated; months (which a day-to-second interval should not carry) count
 * as 30 days, as DuckDB and PostgreSQL do when they justify intervals.
 */
export function formatDayToSecond (value: IntervalValue): string {
  let millis = (BigInt(value.months) * 30n + BigInt(value.days)) * MILLIS_PER_DAY + value.micros / 1000n
  const sign = millis < 0n ? '-' : ''
  if (millis < 0n) millis = -millis
  const days = millis / MILLIS_PER_DAY
  const rest = millis % MILLIS_PER_DAY
  const two = (n: bigint): string => n.toString().padStart(2, '0')
  return `${sign}${days} ${two(rest / 3_600_000n)}:${two((rest / 60_000n) % 60n)}:${two((rest / 1000n) % 60n)}.${(rest % 1000n).toString().padStart(3, '0')}`
}

/** Trino's IntervalYearMonth.formatMonths: `[-]Y-M`. */
export function formatYearToMonth (value: IntervalValue): string {
  const months = value.months
  const sign = months < 0 ? '-' : ''
  const magnitude = Math.abs(months)
  return `${sign}${Math.floor(magnitude / 12)}-${magnitude % 12}`
}
