/**
 * DuckDB types → LogicalType, and DuckDB values → the JS representation documented in
 * core/logical-type.ts. docs/engines/duckdb.md has the table; the choices that are ours:
 *
 * - Unsigned integers widen to the next signed type; UBIGINT becomes decimal(20,0) and
 *   HUGEINT/UHUGEINT decimal(38,0), all as exact decimal strings (a HUGEINT at the far ends
 *   of its range has 39 digits: the string stays exact even though it exceeds the precision).
 * - BIGNUM (arbitrary precision) is varchar holding the exact decimal text.
 * - INTERVAL is `interval day to second`; its IntervalValue keeps DuckDB's months as well.
 * - LIST and fixed-size ARRAY are both array(T); ENUM, BIT and UNION are varchar (a UNION
 *   shows its active member's value as DuckDB casts it to text); GEOMETRY is varbinary (WKB);
 *   VARIANT is unknown (text).
 * - Temporal values: see temporal.ts; TIMESTAMP WITH TIME ZONE is rendered in the session zone.
 */
import { DuckDBTypeId } from '@duckdb/node-api'
import type {
  DuckDBArrayValue, DuckDBBitValue, DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBGeometryValue,
  DuckDBIntervalValue, DuckDBListValue, DuckDBMapValue, DuckDBStructValue, DuckDBTimeNSValue, DuckDBTimeTZValue,
  DuckDBTimeValue, DuckDBTimestampMillisecondsValue, DuckDBTimestampNanosecondsValue, DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBType, DuckDBUUIDValue, DuckDBUnionValue, DuckDBValue,
} from '@duckdb/node-api'
import { T } from '../../core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import { formatDate, formatTime, formatTimeNanos, formatTimestamp, formatTimestampTz, formatTimeTz } from './temporal.ts'
import type { RenderZone } from './temporal.ts'

export function logicalTypeOf (type: DuckDBType): LogicalType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return T.boolean
    case DuckDBTypeId.TINYINT: return T.tinyint
    case DuckDBTypeId.SMALLINT: return T.smallint
    case DuckDBTypeId.UTINYINT: return T.smallint
    case DuckDBTypeId.INTEGER: return T.integer
    case DuckDBTypeId.USMALLINT: return T.integer
    case DuckDBTypeId.BIGINT: return T.bigint
    case DuckDBTypeId.UINTEGER: return T.bigint
    case DuckDBTypeId.UBIGINT: return T.decimal(20, 0)
    case DuckDBTypeId.HUGEINT: return T.decimal(38, 0)
    case DuckDBTypeId.UHUGEINT: return T.decimal(38, 0)
    case DuckDBTypeId.FLOAT: return T.real
    case DuckDBTypeId.DOUBLE: return T.double
    case DuckDBTypeId.DECIMAL: return T.decimal(type.width, type.scale)
    case DuckDBTypeId.VARCHAR: return type.alias === 'JSON' ? T.json : T.varchar
    case DuckDBTypeId.BLOB: return T.varbinary
    case DuckDBTypeId.DATE: return T.date
    case DuckDBTypeId.TIME: return T.time(6)
    case DuckDBTypeId.TIME_NS: return T.time(9)
    case DuckDBTypeId.TIME_TZ: return T.timeWithTimeZone(6)
    case DuckDBTypeId.TIMESTAMP_S: return T.timestamp(0)
    case DuckDBTypeId.TIMESTAMP_MS: return T.timestamp(3)
    case DuckDBTypeId.TIMESTAMP: return T.timestamp(6)
    case DuckDBTypeId.TIMESTAMP_NS: return T.timestamp(9)
    case DuckDBTypeId.TIMESTAMP_TZ: return T.timestampWithTimeZone(6)
    case DuckDBTypeId.INTERVAL: return T.intervalDayToSecond
    case DuckDBTypeId.UUID: return T.uuid
    case DuckDBTypeId.LIST: return T.array(logicalTypeOf(type.valueType))
    case DuckDBTypeId.ARRAY: return T.array(logicalTypeOf(type.valueType))
    case DuckDBTypeId.STRUCT: return T.row(type.entryNames.map((name, i) => ({ name, type: logicalTypeOf(type.entryTypes[i]!) })))
    case DuckDBTypeId.MAP: return T.map(logicalTypeOf(type.keyType), logicalTypeOf(type.valueType))
    case DuckDBTypeId.ENUM: return T.varchar
    case DuckDBTypeId.BIT: return T.varchar
    case DuckDBTypeId.UNION: return T.varchar
    case DuckDBTypeId.BIGNUM: return T.varchar
    case DuckDBTypeId.GEOMETRY: return T.varbinary
    default: return T.unknown // SQLNULL, VARIANT, and types newer than this map
  }
}

/** Converts one non-NULL DuckDB value; `undefined` stands for "the value is already in our form". */
export type ValueConverter = ((value: DuckDBValue) => unknown) | undefined

/** The converter for values of `type`, built once per column and applied per value. */
export function valueConverter (type: DuckDBType, zone: RenderZone): ValueConverter {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return undefined
    case DuckDBTypeId.UINTEGER: return (v) => BigInt(v as number)
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return (v) => (v as bigint).toString()
    case DuckDBTypeId.DECIMAL: {
      const scale = type.scale
      return (v) => formatDecimal((v as DuckDBDecimalValue).value, scale)
    }
    case DuckDBTypeId.BLOB: return (v) => plainBytes((v as DuckDBBlobValue).bytes)
    case DuckDBTypeId.GEOMETRY: return (v) => plainBytes((v as DuckDBGeometryValue).bytes)
    case DuckDBTypeId.DATE: return (v) => formatDate((v as DuckDBDateValue).days)
    case DuckDBTypeId.TIME: return (v) => formatTime(Number((v as DuckDBTimeValue).micros))
    case DuckDBTypeId.TIME_NS: return (v) => formatTimeNanos((v as DuckDBTimeNSValue).nanos)
    case DuckDBTypeId.TIME_TZ: return (v) => formatTimeTz((v as DuckDBTimeTZValue).micros, (v as DuckDBTimeTZValue).offset)
    case DuckDBTypeId.TIMESTAMP_S: return (v) => formatTimestamp((v as DuckDBTimestampSecondsValue).seconds, 1)
    case DuckDBTypeId.TIMESTAMP_MS: return (v) => formatTimestamp((v as DuckDBTimestampMillisecondsValue).millis, 1_000)
    case DuckDBTypeId.TIMESTAMP: return (v) => formatTimestamp((v as DuckDBTimestampValue).micros, 1_000_000)
    case DuckDBTypeId.TIMESTAMP_NS: return (v) => formatTimestamp((v as DuckDBTimestampNanosecondsValue).nanos, 1_000_000_000)
    case DuckDBTypeId.TIMESTAMP_TZ: return (v) => formatTimestampTz((v as DuckDBTimestampTZValue).micros, zone)
    case DuckDBTypeId.INTERVAL: return (v) => toInterval(v as DuckDBIntervalValue)
    case DuckDBTypeId.UUID: return (v) => (v as DuckDBUUIDValue).toString()
    case DuckDBTypeId.BIT: return (v) => (v as DuckDBBitValue).toString()
    case DuckDBTypeId.UNION: return (v) => unionText(v as DuckDBUnionValue)
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = nullable(valueConverter(type.valueType, zone))
      return (v) => (v as DuckDBListValue | DuckDBArrayValue).items.map(item)
    }
    case DuckDBTypeId.STRUCT: {
      const names = type.entryNames
      const fields = type.entryTypes.map((t) => nullable(valueConverter(t, zone)))
      return (v) => {
        const entries = (v as DuckDBStructValue).entries
        return names.map((name, i) => fields[i]!(entries[name] ?? null))
      }
    }
    case DuckDBTypeId.MAP: {
      const key = nullable(valueConverter(type.keyType, zone))
      const value = nullable(valueConverter(type.valueType, zone))
      return (v) => new Map((v as DuckDBMapValue).entries.map((e) => [key(e.key), value(e.value)]))
    }
    default:
      return (v) => (typeof v === 'object' && v !== null ? String(v) : v)
  }
}

function nullable (convert: ValueConverter): (value: DuckDBValue) => unknown {
  if (convert === undefined) return (v) => v
  return (v) => (v === null ? null : convert(v))
}

/** Scaled integer → plain decimal text with exactly `scale` fraction digits (never via a float). */
export function formatDecimal (scaled: bigint | number, scale: number): string {
  const negative = scaled < 0
  const digits = (negative ? -BigInt(scaled) : BigInt(scaled)).toString()
  if (scale === 0) return negative ? `-${digits}` : digits
  const padded = digits.padStart(scale + 1, '0')
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`
  return negative ? `-${text}` : text
}

/** Buffer → a plain Uint8Array over the same bytes (logical-type.ts promises Uint8Array, not a subclass). */
function plainBytes (bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function toInterval (value: DuckDBIntervalValue): IntervalValue {
  return { months: value.months, days: value.days, micros: value.micros }
}

function unionText (value: DuckDBUnionValue): string | null {
  return value.value === null ? null : String(value.value)
}
