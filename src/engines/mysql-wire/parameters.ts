/**
 * Binds QueryParameters into the SQL text as typed literals: the text protocol (and
 * StarRocks, which has no usable server-side prepared statements) has no other way. Each
 * value is rendered from its LogicalType, never guessed from its JS type, and strings are
 * escaped as mysql2's escape does (backslash escapes; a server in NO_BACKSLASH_ESCAPES mode is
 * not supported).
 */
import type { LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import { errors } from '../../core/errors.ts'
import { substitutePlaceholders } from './placeholders.ts'

export function bindMysqlParameters (sql: string, parameters: readonly QueryParameter[] | undefined): string {
  if (parameters === undefined || parameters.length === 0) return sql
  return substitutePlaceholders(sql, parameters.length, (i) => renderMysqlLiteral(parameters[i]!.type, parameters[i]!.value, i + 1))
}

export function renderMysqlLiteral (type: LogicalType, value: unknown, position: number): string {
  if (value === null || value === undefined) return 'NULL'
  switch (type.kind) {
    case 'boolean': return value === true ? 'TRUE' : 'FALSE'
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': return integerText(value, position)
    case 'real':
    case 'double': {
      const n = Number(value)
      if (!Number.isFinite(n)) throw errors.badRequest(`parameter ${position}: ${String(n)} has no MySQL literal`)
      return String(n)
    }
    case 'decimal': {
      const text = String(value)
      if (!/^[+-]?\d+(\.\d+)?$/.test(text)) throw errors.badRequest(`parameter ${position} is a decimal but its value is not decimal text`)
      return text
    }
    case 'varbinary': return `X'${Buffer.from(value as Uint8Array).toString('hex')}'`
    case 'timestampWithTimeZone': return quote(utcTimestamp(String(value), position))
    case 'intervalDayToSecond':
    case 'intervalYearToMonth': throw errors.badRequest(`parameter ${position}: interval parameters are not supported by MySQL-wire engines; write INTERVAL n unit in the SQL`)
    case 'array':
    case 'map':
    case 'row': return quote(JSON.stringify(value, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v))
    default: return quote(String(value))
  }
}

function integerText (value: unknown, position: number): string {
  const text = typeof value === 'bigint' ? value.toString() : String(value)
  if (!/^[+-]?\d+$/.test(text)) throw errors.badRequest(`parameter ${position} is an integer but its value is '${text.slice(0, 40)}'`)
  return text
}

/** Sessions run in UTC: a 'YYYY-MM-DD HH:MM:SS[.f] UTC' value loses its zone name. */
function utcTimestamp (text: string, position: number): string {
  const match = /^(.*?)\s*(UTC|Z|\+00:00)?$/.exec(text)
  if (match?.[2] === undefined && /[+-]\d{2}:\d{2}$|[A-Za-z]$/.test(text)) {
    throw errors.badRequest(`parameter ${position}: timestamp with time zone parameters must be in UTC for MySQL-wire engines`)
  }
  return match?.[1] ?? text
}

const ESCAPES: Readonly<Record<string, string>> = { '\0': '\\0', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', '"': '\\"', "'": "\\'", '\\': '\\\\' }

export function quote (text: string): string {
  // NUL and Ctrl-Z (0x1a) must be escaped in MySQL string literals, hence control characters here.
  // oxlint-disable-next-line no-control-regex
  return `'${text.replace(/[\0\b\t\n\r\x1a"'\\]/g, (ch) => ESCAPES[ch] ?? ch)}'`
}
