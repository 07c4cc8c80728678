/**
 * PostgreSQL to_char date patterns → Trino date_format (MySQL) specifiers.
 * @see https://www.postgresql.org/docs/15/functions-formatting.html
 */
import type { Converted } from '../trino-common/date-patterns.ts'

/** Longest patterns first, so that MM is not read as M and M. */
const PATTERNS: ReadonlyArray<readonly [string, string]> = [
  ['FMMonth', '%M'], ['FMDay', '%W'], ['FMDD', '%e'], ['FMMM', '%c'], ['FMHH24', '%k'],
  ['YYYY', '%Y'], ['HH24', '%H'], ['HH12', '%h'], ['Mon', '%b'], ['Dy', '%a'], ['DDD', '%j'],
  ['YY', '%y'], ['MM', '%m'], ['DD', '%d'], ['MI', '%i'], ['SS', '%s'], ['AM', '%p'], ['PM', '%p'], ['HH', '%h'],
]

export function postgresFormatToMysql (pattern: string): Converted {
  let out = ''
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i]!
    if (char === '"') {
      const end = pattern.indexOf('"', i + 1)
      if (end < 0) return { unsupported: 'an unterminated quote' }
      out += pattern.slice(i + 1, end).replaceAll('%', '%%')
      i = end + 1
      continue
    }
    const match = PATTERNS.find(([p]) => pattern.startsWith(p, i))
    if (match !== undefined) {
      out += match[1]
      i += match[0].length
      continue
    }
    if (/[A-Za-z]/.test(char)) return { unsupported: `the pattern at '${pattern.slice(i, i + 4)}'` }
    out += char === '%' ? '%%' : char
    i++
  }
  return { format: out }
}
