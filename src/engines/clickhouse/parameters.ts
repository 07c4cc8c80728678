/**
 * Binds QueryParameters into the SQL text as typed ClickHouse literals (18.x has no server-side
 * query parameters). Strings use backslash escapes inside single quotes, as ClickHouse reads them.
 */
import type { LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import { errors } from '../../core/errors.ts'
import { substitutePlaceholders } from '../mysql-wire/placeholders.ts'

export function bindClickHouseParameters (sql: string, parameters: readonly QueryParameter[] | undefined): string {
  if (parameters === undefined || parameters.length === 0) return sql
  return substitutePlaceholders(sql, parameters.length, (i) => renderClickHouseLiteral(parameters[i]!.type, parameters[i]!.value, i + 1))
}

export function renderClickHouseLiteral (type: LogicalType, value: unknown, position: number): string {
  if (value === null || value === undefined) return 'NULL'
  switch (type.kind) {
    case 'boolean': return value === true ? '1' : '0'
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const text = typeof value === 'bigint' ? value.toString() : String(value)
      if (!/^[+-]?\d+$/.test(text)) throw errors.badRequest(`parameter ${position} is an integer but its value is not`)
      return text
    }
    case 'real':
    case 'double': {
      const n = Number(value)
      if (Number.isNaN(n)) return 'nan'
      if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
      return String(n)
    }
    case 'decimal': {
      const text = String(value)
      if (!/^[+-]?\d+(\.\d+)?$/.test(text)) throw errors.badRequest(`parameter ${position} is a decimal but its value is not decimal text`)
      return `toDecimal128('${text}', ${type.scale})`
    }
    case 'varbinary': return `unhex('${Buffer.from(value as Uint8Array).toString('hex')}')`
    case 'array': {
      if (!Array.isArray(value)) throw errors.badRequest(`parameter ${position} is an array but its value is not`)
      return `[${value.map((element: unknown) => renderClickHouseLiteral(type.element, element, position)).join(', ')}]`
    }
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': throw errors.badRequest(`parameter ${position}: interval parameters are not supported by ClickHouse; write INTERVAL n unit in the SQL`)
    default: return quoteClickHouse(String(value))
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0', '\b': '\\b', '\f': '\\f' }

export function quoteClickHouse (text: string): string {
  // NUL must be escaped inside ClickHouse string literals, hence the control characters.
  // oxlint-disable-next-line no-control-regex
  return `'${text.replace(/[\\'\n\r\t\0\b\f]/g, (ch) => ESCAPES[ch] ?? ch)}'`
}
