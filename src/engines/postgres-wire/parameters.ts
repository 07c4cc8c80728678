/**
 * QueryParameters → what the Bind message carries: a type OID per parameter (sent in Parse,
 * so `$1` gets the client's type rather than a guess) and the value in text format, or as
 * binary bytes for bytea. Values follow core/logical-type.ts's representation.
 */
import type { QueryParameter } from '../../core/query-request.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import { errors } from '../../core/errors.ts'
import { ARRAY_OF, Oid, formatPostgresInterval } from './type-map.ts'

export interface BoundParameters {
  readonly types: number[]
  readonly values: Array<string | Buffer | null>
}

export function bindParameters (parameters: readonly QueryParameter[] | undefined): BoundParameters {
  const types: number[] = []
  const values: Array<string | Buffer | null> = []
  for (const [i, parameter] of (parameters ?? []).entries()) {
    types.push(oidOf(parameter.type))
    values.push(parameter.value === null || parameter.value === undefined ? null : encode(parameter.type, parameter.value, i + 1))
  }
  return { types, values }
}

/** The OID to declare for a parameter of `type`; 0 lets the server infer it. */
export function oidOf (type: LogicalType): number {
  switch (type.kind) {
    case 'boolean': return Oid.bool
    case 'tinyint':
    case 'smallint': return Oid.int2
    case 'integer': return Oid.int4
    case 'bigint': return Oid.int8
    case 'real': return Oid.float4
    case 'double': return Oid.float8
    case 'decimal': return Oid.numeric
    case 'varchar': return Oid.varchar
    case 'char': return Oid.bpchar
    case 'varbinary': return Oid.bytea
    case 'date': return Oid.date
    case 'time': return Oid.time
    case 'timeWithTimeZone': return Oid.timetz
    case 'timestamp': return Oid.timestamp
    case 'timestampWithTimeZone': return Oid.timestamptz
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': return Oid.interval
    case 'json': return Oid.jsonb
    case 'uuid': return Oid.uuid
    case 'array': return ARRAY_OF[oidOf(type.element)] ?? 0
    default: return 0
  }
}

function encode (type: LogicalType, value: unknown, position: number): string | Buffer {
  if (type.kind === 'varbinary') {
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    throw errors.badRequest(`parameter $${position} is varbinary but its value is not bytes`)
  }
  return encodeText(type, value, position)
}

function encodeText (type: LogicalType, value: unknown, position: number): string {
  switch (type.kind) {
    case 'boolean': return value === true ? 'true' : 'false'
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': return formatPostgresInterval(value as IntervalValue)
    case 'array': {
      if (!Array.isArray(value)) throw errors.badRequest(`parameter $${position} is ${type.kind} but its value is not an array`)
      return `{${value.map((element: unknown) => element === null || element === undefined ? 'NULL' : quoteArrayElement(type.element, element, position)).join(',')}}`
    }
    case 'varbinary': return `\\x${Buffer.from(value as Uint8Array).toString('hex')}`
    case 'map':
    case 'row': return JSON.stringify(value, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)
    default: return String(value)
  }
}

function quoteArrayElement (type: LogicalType, value: unknown, position: number): string {
  const text = encodeText(type, value, position)
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}
