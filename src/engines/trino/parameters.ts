/**
 * Typed parameters for Trino. The HTTP protocol has no bind step of its own, so a statement with
 * `?` placeholders is sent as `EXECUTE IMMEDIATE '<sql>' USING <literal>, …` (Trino 418+): Trino
 * parses the statement once with real parameters, and each value goes in as a typed literal
 * (`DECIMAL '1.50'`, `TIMESTAMP '…'`, `X'00ff'`), never spliced into the statement text.
 * Trino string literals know no backslash escapes: doubling `'` is the only escaping.
 * @see https://trino.io/docs/current/sql/execute-immediate.html
 */
import { errors } from '../../core/errors.ts'
import { formatType } from '../../core/logical-type.ts'
import type { IntervalValue, LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'

/** `it's` → `'it''s'`. */
export function quoteTrinoString (text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** `my "t"` → `"my ""t"""`. */
export function quoteTrinoIdentifier (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The statement to send: the SQL itself without parameters, else EXECUTE IMMEDIATE … USING. */
export function bindTrinoParameters (sql: string, parameters: readonly QueryParameter[] | undefined): string {
  if (parameters === undefined || parameters.length === 0) return sql
  return `EXECUTE IMMEDIATE ${quoteTrinoString(sql)} USING ${parameters.map((p) => renderTrinoLiteral(p.type, p.value)).join(', ')}`
}

/** A value (representation of core/logical-type.ts) as a Trino literal of exactly `type`. */
export function renderTrinoLiteral (type: LogicalType, value: unknown): string {
  if (value === null || value === undefined) return type.kind === 'unknown' ? 'NULL' : `CAST(NULL AS ${formatType(type)})`
  switch (type.kind) {
    case 'boolean': return value === true ? 'true' : 'false'
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': return typed(type, integerText(value))
    case 'real':
    case 'double': return typed(type, floatText(value))
    case 'decimal': return `DECIMAL ${quoteTrinoString(decimalText(value))}`
    case 'varchar': return type.length === undefined ? quoteTrinoString(String(value)) : `CAST(${quoteTrinoString(String(value))} AS ${formatType(type)})`
    case 'char': return `CAST(${quoteTrinoString(String(value))} AS ${formatType(type)})`
    case 'varbinary': return `X'${Buffer.from(value as Uint8Array).toString('hex')}'`
    case 'date': return `DATE ${quoteTrinoString(String(value))}`
    case 'time':
    case 'timeWithTimeZone':
    case 'timestamp':
    case 'timestampWithTimeZone': return `CAST(${quoteTrinoString(String(value))} AS ${formatType(type)})`
    case 'intervalDayToSecond': return dayToSecondLiteral(value as IntervalValue)
    case 'intervalYearToMonth': return yearToMonthLiteral(value as IntervalValue)
    case 'json': return `JSON ${quoteTrinoString(String(value))}`
    case 'uuid': return `UUID ${quoteTrinoString(String(value))}`
    case 'array': return `ARRAY[${(value as readonly unknown[]).map((v) => renderTrinoLiteral(type.element, v)).join(', ')}]`
    case 'map': {
      const entries = [...(value as ReadonlyMap<unknown, unknown>).entries()]
      const keys = entries.map(([k]) => renderTrinoLiteral(type.key, k))
      const values = entries.map(([, v]) => renderTrinoLiteral(type.value, v))
      return `CAST(MAP(ARRAY[${keys.join(', ')}], ARRAY[${values.join(', ')}]) AS ${formatType(type)})`
    }
    case 'row': {
      const values = value as readonly unknown[]
      const fields = type.fields.map((field, i) => renderTrinoLiteral(field.type, values[i] ?? null))
      return `CAST(ROW(${fields.join(', ')}) AS ${formatType(type)})`
    }
    case 'unknown': return quoteTrinoString(String(value))
  }
}

function typed (type: LogicalType, text: string): string {
  return `CAST(${text} AS ${type.kind})`
}

function integerText (value: unknown): string {
  const text = typeof value === 'bigint' ? value.toString() : String(value)
  if (!/^-?\d+$/.test(text)) throw errors.badRequest(`parameter value '${text}' is not an integer`)
  return text
}

function floatText (value: unknown): string {
  const number = typeof value === 'number' ? value : Number(value)
  // Special values only exist as casts from text.
  if (Number.isNaN(number)) return "'NaN'"
  if (number === Number.POSITIVE_INFINITY) return "'Infinity'"
  if (number === Number.NEGATIVE_INFINITY) return "'-Infinity'"
  return `DOUBLE '${String(number)}'`
}

function decimalText (value: unknown): string {
  const text = String(value)
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) throw errors.badRequest(`parameter value '${text}' is not a decimal number`)
  return text
}

/** Trino day-to-second intervals are milliseconds; finer fractions are cut, as Trino itself does. */
function dayToSecondLiteral (value: IntervalValue): string {
  const total = BigInt(value.days) * 86_400_000_000n + value.micros
  const negative = total < 0n
  const abs = negative ? -total : total
  const days = abs / 86_400_000_000n
  const millis = (abs % 86_400_000_000n) / 1000n
  const seconds = millis / 1000n
  const text = `${days} ${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}.${String(millis % 1000n).padStart(3, '0')}`
  return `${negative ? '-' : ''}INTERVAL '${text}' DAY TO SECOND`
}

function yearToMonthLiteral (value: IntervalValue): string {
  const negative = value.months < 0
  const months = Math.abs(value.months)
  return `${negative ? '-' : ''}INTERVAL '${Math.trunc(months / 12)}-${months % 12}' YEAR TO MONTH`
}

function two (n: bigint): string {
  return String(n).padStart(2, '0')
}
