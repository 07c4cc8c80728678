/**
 * Replaces `?` placeholders outside string literals, quoted identifiers and comments with
 * rendered literals. For engines whose text protocol has no server-side parameters (MySQL
 * text protocol, StarRocks, ClickHouse 18.x); the ClickHouse adapter reuses it.
 */
import { errors } from '../../core/errors.ts'

export function substitutePlaceholders (sql: string, count: number, render: (index: number) => string): string {
  if (count === 0) return sql
  let out = ''
  let used = 0
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = skipQuoted(sql, i, ch)
      out += sql.slice(i, end)
      i = end
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end < 0 ? sql.length : end
      out += sql.slice(i, stop)
      i = stop
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      const stop = end < 0 ? sql.length : end + 2
      out += sql.slice(i, stop)
      i = stop
    } else if (ch === '?') {
      if (used >= count) throw errors.badRequest(`the statement has more ? placeholders than the ${count} parameters given`)
      out += render(used++)
      i++
    } else {
      out += ch
      i++
    }
  }
  if (used !== count) throw errors.badRequest(`the statement has ${used} ? placeholders but ${count} parameters were given`)
  return out
}

/** Index just past the literal that starts at `start` (backslash escapes and doubled quotes). */
function skipQuoted (sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    const ch = sql[i]
    if (ch === '\\' && quote !== '`') { i += 2; continue }
    if (ch === quote) {
      if (sql[i + 1] === quote) { i += 2; continue }
      return i + 1
    }
    i++
  }
  return sql.length
}
