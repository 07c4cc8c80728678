/**
 * Typed QueryParameters → values bound natively to a DuckDB prepared statement (`$1` or `?`
 * placeholders). Each LogicalType picks the DuckDB type it is bound as, so `SELECT $1` returns
 * the parameter's own type and no value goes through a JS float or a SQL literal.
 */
import {
  BIGINT, BLOB, BOOLEAN, DATE, DECIMAL, DOUBLE, FLOAT, INTEGER, INTERVAL, LIST, MAP, SMALLINT, STRUCT, TIME, TIMESTAMP,
  TIMESTAMP_NS, TIMESTAMPTZ, TIMETZ, TINYINT, UUID, VARCHAR, blobValue, dateValue, decimalValue, intervalValue, listValue,
  mapValue, structValue, timeTZValue, timeValue, timestampNanosValue, timestampTZValue, timestampValue, uuidValue,
} from '@duckdb/node-api'
import type { DuckDBPreparedStatement, DuckDBType, DuckDBValue } from '@duckdb/node-api'
import { errors } from '../../core/errors.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import { parseDate, parseTime, parseTimestamp, parseTimestampTz } from './temporal.ts'

export function bindParameters (prepared: DuckDBPreparedStatement, parameters: readonly QueryParameter[]): void {
  if (prepared.parameterCount !== parameters.length) {
    throw errors.badRequest(`the statement has ${prepared.parameterCount} parameter placeholders but ${parameters.length} values were bound`)
  }
  parameters.forEach((parameter, i) => {
    const type = duckDbTypeOf(parameter.type)
    prepared.bindValue(i + 1, parameter.value === null || parameter.value === undefined ? null : toDuckDbValue(parameter.type, parameter.value), type)
  })
}

/** The DuckDB type a LogicalType is bound as; `unknown` binds as VARCHAR. */
export function duckDbTypeOf (type: LogicalType): DuckDBType {
  switch (type.kind) {
    case 'boolean': return BOOLEAN
    case 'tinyint': return TINYINT
    case 'smallint': return SMALLINT
    case 'integer': return INTEGER
    case 'bigint': return BIGINT
    case 'real': return FLOAT
    case 'double': return DOUBLE
    case 'decimal': return DECIMAL(type.precision, type.scale)
    case 'varbinary': return BLOB
    case 'date': return DATE
    case 'time': return TIME
    case 'timeWithTimeZone': return TIMETZ
    case 'timestamp': return type.precision > 6 ? TIMESTAMP_NS : TIMESTAMP
    case 'timestampWithTimeZone': return TIMESTAMPTZ
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': return INTERVAL
    case 'uuid': return UUID
    case 'array': return LIST(duckDbTypeOf(type.element))
    case 'map': return MAP(duckDbTypeOf(type.key), duckDbTypeOf(type.value))
    case 'row': return STRUCT(Object.fromEntries(type.fields.map((f, i) => [fieldName(f.name, i), duckDbTypeOf(f.type)])))
    default: return VARCHAR // varchar, char, json, unknown
  }
}

function fieldName (name: string | undefined, index: number): string {
  return name ?? `field${index + 1}`
}

/** One non-null value in the representation of logical-type.ts → the DuckDB value of duckDbTypeOf(type). */
export function toDuckDbValue (type: LogicalType, value: unknown): DuckDBValue {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'boolean': return Boolean(value)
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double': return Number(value)
    case 'bigint': return BigInt(value as bigint | number | string)
    case 'decimal': return decimalValue(scaledDecimal(String(value), type.scale), type.precision, type.scale)
    case 'varbinary': return blobValue(value instanceof Uint8Array ? value : String(value))
    case 'date': return dateValue(parseDate(String(value)))
    case 'time': return timeValue(parseTime(String(value)))
    case 'timeWithTimeZone': return parseTimeTz(String(value))
    case 'timestamp': return type.precision > 6
      ? timestampNanosValue(parseTimestamp(String(value), 1_000_000_000))
      : timestampValue(parseTimestamp(String(value)))
    case 'timestampWithTimeZone': return timestampTZValue(parseTimestampTz(String(value)))
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': {
      const interval = value as IntervalValue
      return intervalValue(interval.months, interval.days, interval.micros)
    }
    case 'uuid': return uuidValue(BigInt(`0x${String(value).replaceAll('-', '')}`))
    case 'array': return listValue((value as unknown[]).map((item) => toDuckDbValue(type.element, item)))
    case 'map': return mapValue([...(value as Map<unknown, unknown>)].map(([k, v]) => ({ key: toDuckDbValue(type.key, k), value: toDuckDbValue(type.value, v) })))
    case 'row': return structValue(Object.fromEntries(type.fields.map((f, i) => [fieldName(f.name, i), toDuckDbValue(f.type, (value as unknown[])[i])])))
    default: return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

/** '-12.5' at scale 3 → -12500n; more fraction digits than the scale is refused, not rounded. */
export function scaledDecimal (text: string, scale: number): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw errors.badRequest(`'${text}' is not a decimal number`)
  const fraction = match[3] ?? ''
  if (fraction.replace(/0+$/, '').length > scale) throw errors.badRequest(`'${text}' has more than ${scale} fraction digits for decimal(_, ${scale})`)
  const digits = BigInt(`${match[2] || '0'}${fraction.padEnd(scale, '0').slice(0, scale)}`)
  return match[1] === '-' ? -digits : digits
}

function parseTimeTz (text: string): DuckDBValue {
  const match = /^(\d\d:\d\d:\d\d(?:\.\d+)?)([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(text)
  if (match === null) throw errors.badRequest(`'${text}' is not a time with time zone: write HH:MM:SS[.ffffff]+HH:MM`)
  const offset = (match[2] === '-' ? -1 : 1) * (Number(match[3]) * 3600 + Number(match[4] ?? '0') * 60 + Number(match[5] ?? '0'))
  return timeTZValue(parseTime(match[1]!), offset)
}
