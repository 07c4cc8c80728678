/**
 * LogicalType → PostgreSQL wire type: OID, typmod, typlen, and the text and binary encoders
 * that turn QueryFlux row values (core/logical-type.ts representation) into DataRow fields.
 * One codec is built per distinct column type and cached, so the per-row path is a closure call.
 * Parameter decoding (the other direction) is in types/parameter-decoders.ts.
 */
import { formatType } from '../../core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import { errors } from '../../core/errors.ts'
import type { Writer } from './codec/writer.ts'
import { Oid, pgTypeByOid } from './types/pg-types.ts'
import { writeNumericBinary } from './types/numeric.ts'
import {
  byteaText, float4Text, float8Text, isIntervalValue, jsonString, plainDecimal, quoteArrayElement, quoteRecordField,
} from './types/text-format.ts'
import {
  PG_EPOCH_DAYS, dateToPgText, formatTimestamptz, formatTimetz, parseDateDays, parseTimeMicros,
  parseTimestampMicros, parseTimestamptzMicros, parseTimetz, timestampToPgText, trimFraction,
} from './types/temporal.ts'
import { formatInterval } from './types/interval.ts'

/** Session settings that change how values print. */
export interface EncodeContext {
  /** The session's TimeZone: timestamptz values print in it. */
  readonly timeZone: string
}

export interface PgColumnType {
  readonly oid: number
  readonly typmod: number
  readonly typlen: number
  /** The value's text form (DataRow text fields, COPY, array and record elements). Never called with null. */
  readonly toText: (value: unknown, ctx: EncodeContext) => string
  /** Appends the value's binary form, without the length prefix. Never called with null. */
  readonly writeBinary: (w: Writer, value: unknown, ctx: EncodeContext) => void
}

const PG_EPOCH_MICROS = BigInt(PG_EPOCH_DAYS) * 86_400_000_000n
const INT64_MAX = 0x7fffffffffffffffn
const INT64_MIN = -0x8000000000000000n

const cache = new Map<string, PgColumnType>()

export function pgColumnType (type: LogicalType): PgColumnType {
  const key = formatType(type)
  let codec = cache.get(key)
  if (codec === undefined) {
    codec = build(type)
    if (cache.size > 1000) cache.clear()
    cache.set(key, codec)
  }
  return codec
}

/** Appends one DataRow field (length + bytes, or -1 for NULL). */
export function writeField (w: Writer, codec: PgColumnType, value: unknown, binary: boolean, ctx: EncodeContext): void {
  if (value === null || value === undefined) { w.int32(-1); return }
  if (!binary) { w.lengthPrefixedString(codec.toText(value, ctx)); return }
  const slot = w.beginLength()
  codec.writeBinary(w, value, ctx)
  w.endLength(slot)
}

function str (value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', ' UTC')
  return String(value)
}

function scalar (oid: number, typmod: number, toText: PgColumnType['toText'], writeBinary: PgColumnType['writeBinary']): PgColumnType {
  return { oid, typmod, typlen: pgTypeByOid(oid)?.typlen ?? -1, toText, writeBinary }
}

const textCodec = (oid: number, typmod = -1): PgColumnType =>
  scalar(oid, typmod, (v) => str(v), (w, v) => { w.string(str(v)) })

function build (type: LogicalType): PgColumnType {
  switch (type.kind) {
    case 'boolean': return scalar(Oid.bool, -1, (v) => (v === true ? 't' : 'f'), (w, v) => { w.int8(v === true ? 1 : 0) })
    case 'tinyint':
    case 'smallint': return scalar(Oid.int2, -1, (v) => String(v), (w, v) => { w.int16(Number(v)) })
    case 'integer': return scalar(Oid.int4, -1, (v) => String(v), (w, v) => { w.int32(Number(v)) })
    case 'bigint': return scalar(Oid.int8, -1, (v) => String(v), (w, v) => { w.int64(BigInt(v as bigint)) })
    case 'real': return scalar(Oid.float4, -1, (v) => float4Text(Number(v)), (w, v) => { w.float32(Number(v)) })
    case 'double': return scalar(Oid.float8, -1, (v) => float8Text(Number(v)), (w, v) => { w.float64(Number(v)) })
    case 'decimal': {
      const typmod = type.precision >= 1 && type.precision <= 1000 ? ((type.precision << 16) | type.scale) + 4 : -1
      return scalar(Oid.numeric, typmod, (v) => plainDecimal(str(v)), (w, v) => { writeNumericBinary(w, str(v)) })
    }
    case 'varchar': return type.length === undefined ? textCodec(Oid.text) : textCodec(Oid.varchar, type.length + 4)
    case 'char': return textCodec(Oid.bpchar, type.length + 4)
    case 'varbinary': return scalar(Oid.bytea, -1, (v) => byteaText(asBytes(v)), (w, v) => { w.bytes(asBytes(v)) })
    case 'date': return scalar(Oid.date, -1, (v) => dateToPgText(str(v)), (w, v) => { w.int32(dateBinary(str(v))) })
    case 'time': return scalar(Oid.time, precision(type.precision), (v) => trimFraction(str(v)), (w, v) => { w.int64(parseTimeMicros(str(v))) })
    case 'timeWithTimeZone': return scalar(Oid.timetz, precision(type.precision), (v) => {
      const { micros, offsetSeconds } = parseTimetz(str(v))
      return formatTimetz(micros, offsetSeconds)
    }, (w, v) => {
      const { micros, offsetSeconds } = parseTimetz(str(v))
      // PostgreSQL stores the zone as seconds west of UTC.
      w.int64(micros).int32(-offsetSeconds)
    })
    case 'timestamp': return scalar(Oid.timestamp, precision(type.precision), (v) => timestampText(str(v)), (w, v) => { w.int64(timestampBinary(str(v), undefined)) })
    case 'timestampWithTimeZone': return scalar(Oid.timestamptz, precision(type.precision), (v, ctx) => timestamptzText(str(v), ctx), (w, v) => { w.int64(timestampBinary(str(v), 'UTC')) })
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': return scalar(Oid.interval, -1, (v) => formatInterval(asInterval(v)), (w, v) => {
      const iv = asInterval(v)
      w.int64(BigInt(iv.micros)).int32(iv.days).int32(iv.months)
    })
    case 'json': return textCodec(Oid.json)
    case 'uuid': return scalar(Oid.uuid, -1, (v) => str(v).toLowerCase(), (w, v) => { w.bytes(uuidBytes(str(v))) })
    case 'array': return arrayCodec(type.element)
    case 'map': return scalar(Oid.json, -1, (v, ctx) => jsonText(v, type, ctx), (w, v, ctx) => { w.string(jsonText(v, type, ctx)) })
    case 'row': return recordCodec(type.fields.map((f) => f.type))
    case 'unknown': return textCodec(Oid.text)
  }
}

function precision (p: number): number {
  return Math.min(Math.max(p, 0), 6)
}

function asBytes (value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  throw errors.internal(`expected bytes for a varbinary column, got ${typeof value}`)
}

function asInterval (value: unknown): IntervalValue {
  if (isIntervalValue(value)) return value
  throw errors.internal(`expected an IntervalValue for an interval column, got ${typeof value}`)
}

function dateBinary (text: string): number {
  if (text === 'infinity') return 0x7fffffff
  if (text === '-infinity') return -0x80000000
  return parseDateDays(text) - PG_EPOCH_DAYS
}

function timestampText (text: string): string {
  if (text === 'infinity' || text === '-infinity') return text
  // Fast path: a plain AD timestamp only needs its fraction trimmed.
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text)) return trimFraction(text)
  return timestampToPgText(text)
}

function timestamptzText (text: string, ctx: EncodeContext): string {
  if (text === 'infinity' || text === '-infinity') return text
  return formatTimestamptz(parseTimestamptzMicros(text, 'UTC'), ctx.timeZone)
}

function timestampBinary (text: string, zone: string | undefined): bigint {
  if (text === 'infinity') return INT64_MAX
  if (text === '-infinity') return INT64_MIN
  const micros = zone === undefined ? parseTimestampMicros(text) : parseTimestamptzMicros(text, zone)
  return micros - PG_EPOCH_MICROS
}

function uuidBytes (text: string): Uint8Array {
  const hex = text.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw errors.internal(`invalid uuid value "${text}"`)
  return Buffer.from(hex, 'hex')
}

// ---- arrays, maps, rows ----

function arrayCodec (element: LogicalType): PgColumnType {
  // PostgreSQL arrays are multidimensional: array(array(T)) is still T's array type.
  let leaf = element
  let dims = 1
  while (leaf.kind === 'array') { leaf = leaf.element; dims++ }
  const leafCodec = pgColumnType(leaf)
  // Every scalar OID the type map uses has an array type (record included).
  const arrayOid = pgTypeByOid(leafCodec.oid)?.arrayOid ?? Oid.textArray
  return {
    oid: arrayOid,
    typmod: -1,
    typlen: -1,
    toText: (value, ctx) => arrayText(value as unknown[], dims, leafCodec.toText, ctx),
    writeBinary: (w, value, ctx) => { writeArrayBinary(w, value as unknown[], dims, leafCodec.oid, leafCodec.writeBinary, ctx) },
  }
}

function arrayText (values: readonly unknown[], dims: number, elementText: PgColumnType['toText'], ctx: EncodeContext): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ','
    const v = values[i]
    if (v === null || v === undefined) out += 'NULL'
    else if (dims > 1) out += arrayText(v as unknown[], dims - 1, elementText, ctx)
    else out += quoteArrayElement(elementText(v, ctx))
  }
  return out + '}'
}

function writeArrayBinary (w: Writer, values: readonly unknown[], dims: number, elementOid: number, writeElement: PgColumnType['writeBinary'], ctx: EncodeContext): void {
  const sizes: number[] = []
  let level: readonly unknown[] = values
  for (let d = 0; d < dims; d++) {
    sizes.push(level.length)
    if (d < dims - 1) level = (level[0] as readonly unknown[] | undefined) ?? []
  }
  const flat: unknown[] = []
  const flatten = (arr: readonly unknown[], depth: number): void => {
    if (arr.length !== sizes[depth]) throw errors.notSupported('a jagged multidimensional array cannot be sent in binary format: request text format for this column')
    for (const v of arr) {
      if (depth < dims - 1) flatten((v ?? []) as unknown[], depth + 1)
      else flat.push(v)
    }
  }
  flatten(values, 0)
  const empty = sizes.some((s) => s === 0)
  // An empty array has zero dimensions in PostgreSQL.
  w.int32(empty ? 0 : dims).int32(flat.some((v) => v === null || v === undefined) ? 1 : 0).uint32(elementOid)
  if (empty) return
  for (const size of sizes) w.int32(size).int32(1)
  for (const v of flat) {
    if (v === null || v === undefined) { w.int32(-1); continue }
    const slot = w.beginLength()
    writeElement(w, v, ctx)
    w.endLength(slot)
  }
}

function recordCodec (fieldTypes: readonly LogicalType[]): PgColumnType {
  const codecs = fieldTypes.map((t) => pgColumnType(t))
  return {
    oid: Oid.record,
    typmod: -1,
    typlen: -1,
    toText: (value, ctx) => {
      const fields = value as readonly unknown[]
      return `(${codecs.map((c, i) => {
        const v = fields[i]
        return v === null || v === undefined ? '' : quoteRecordField(c.toText(v, ctx))
      }).join(',')})`
    },
    writeBinary: (w, value, ctx) => {
      const fields = value as readonly unknown[]
      w.int32(codecs.length)
      codecs.forEach((c, i) => {
        w.uint32(c.oid)
        writeField(w, c, fields[i], true, ctx)
      })
    },
  }
}

/** A value as JSON text (maps and rows inside JSON); numbers keep their digits, bigint included. */
export function jsonText (value: unknown, type: LogicalType, ctx: EncodeContext): string {
  if (value === null || value === undefined) return 'null'
  switch (type.kind) {
    case 'boolean': return value === true ? 'true' : 'false'
    case 'tinyint': case 'smallint': case 'integer': case 'bigint': return String(value)
    case 'real': case 'double': return Number.isFinite(Number(value)) ? String(Number(value)) : jsonString(String(value))
    case 'decimal': return /^-?\d+(\.\d+)?$/.test(plainDecimal(str(value))) ? plainDecimal(str(value)) : jsonString(str(value))
    case 'json': return str(value)
    case 'array': return `[${(value as unknown[]).map((v) => jsonText(v, type.element, ctx)).join(',')}]`
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object)
      const keyCodec = pgColumnType(type.key)
      return `{${entries.map(([k, v]) => `${jsonString(k === null ? 'null' : keyCodec.toText(k, ctx))}:${jsonText(v, type.value, ctx)}`).join(',')}}`
    }
    case 'row': {
      const fields = value as readonly unknown[]
      return `{${type.fields.map((f, i) => `${jsonString(f.name ?? `f${i + 1}`)}:${jsonText(fields[i], f.type, ctx)}`).join(',')}}`
    }
    default: return jsonString(pgColumnType(type).toText(value, ctx))
  }
}
