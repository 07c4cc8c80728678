/**
 * Trino date format strings → other engines' format strings. Trino has two families:
 * date_format/date_parse take MySQL specifiers (%Y, %i = minutes, %M = month name); format_datetime
 * and parse_datetime take Joda-Time patterns (yyyy, MM, HH, mm).
 * @see https://trino.io/docs/current/functions/datetime.html#mysql-date-functions
 * @see https://www.postgresql.org/docs/15/functions-formatting.html
 */

export type Converted = { readonly format: string } | { readonly unsupported: string }

/** MySQL specifier letter → PostgreSQL to_char/to_timestamp pattern. */
const MYSQL_TO_POSTGRES: Readonly<Record<string, string>> = {
  a: 'Dy', b: 'Mon', c: 'FMMM', d: 'DD', e: 'FMDD', f: 'US', H: 'HH24', h: 'HH12', I: 'HH12', i: 'MI',
  j: 'DDD', k: 'FMHH24', l: 'FMHH12', M: 'FMMonth', m: 'MM', p: 'AM', r: 'HH12:MI:SS AM', S: 'SS', s: 'SS',
  T: 'HH24:MI:SS', v: 'IW', W: 'FMDay', x: 'IYYY', Y: 'YYYY', y: 'YY',
}

/** Text outside patterns is quoted: to_char reads letters such as D or Y in plain text as patterns. */
function quoted (text: string): string {
  return text === '' ? '' : `"${text.replaceAll('"', '\\"')}"`
}

export function mysqlFormatToPostgres (format: string): Converted {
  let out = ''
  let text = ''
  for (let i = 0; i < format.length; i++) {
    const char = format[i] ?? ''
    if (char !== '%') { text += char; continue }
    const letter = format[++i]
    if (letter === undefined) return { unsupported: 'a trailing %' }
    if (letter === '%') { text += '%'; continue }
    const mapped = MYSQL_TO_POSTGRES[letter]
    if (mapped === undefined) return { unsupported: `%${letter}` }
    out += quoted(text) + mapped
    text = ''
  }
  return { format: out + quoted(text) }
}

/** Joda-Time pattern letters (runs of the same letter) → PostgreSQL patterns; others are refused. */
const JODA_TO_POSTGRES: Readonly<Record<string, string>> = {
  yyyy: 'YYYY', yy: 'YY', MM: 'MM', M: 'FMMM', MMM: 'Mon', MMMM: 'FMMonth', dd: 'DD', d: 'FMDD', HH: 'HH24', H: 'FMHH24',
  hh: 'HH12', mm: 'MI', ss: 'SS', SSS: 'MS', a: 'AM', EEE: 'Dy', EEEE: 'FMDay', D: 'FMDDD', DDD: 'DDD',
}

export function jodaToPostgres (pattern: string): Converted {
  let out = ''
  let text = ''
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i] ?? ''
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1)
      if (end < 0) return { unsupported: 'an unterminated quote' }
      text += end === i + 1 ? "'" : pattern.slice(i + 1, end)
      i = end + 1
      continue
    }
    if (!/[A-Za-z]/.test(char)) { text += char; i++; continue }
    let run = char
    while (pattern[i + run.length] === char) run += char
    const mapped = JODA_TO_POSTGRES[run]
    if (mapped === undefined) return { unsupported: `the pattern letters '${run}'` }
    out += quoted(text) + mapped
    text = ''
    i += run.length
  }
  return { format: out + quoted(text) }
}

/** MySQL specifier letter → ClickHouse 18.16 formatDateTime specifier (it has no month or day names). */
const MYSQL_TO_CLICKHOUSE: Readonly<Record<string, string>> = {
  d: '%d', e: '%e', H: '%H', I: '%I', h: '%I', i: '%M', j: '%j', m: '%m', p: '%p', S: '%S', s: '%S', T: '%T',
  Y: '%Y', y: '%y', v: '%V', w: '%w',
}

export function mysqlFormatToClickHouse (format: string): Converted {
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const char = format[i] ?? ''
    if (char !== '%') { out += char; continue }
    const letter = format[++i]
    if (letter === undefined) return { unsupported: 'a trailing %' }
    if (letter === '%') { out += '%%'; continue }
    const mapped = MYSQL_TO_CLICKHOUSE[letter]
    if (mapped === undefined) return { unsupported: `%${letter}` }
    out += mapped
  }
  return { format: out }
}

/** Joda pattern → MySQL DATE_FORMAT specifiers. */
const JODA_TO_MYSQL: Readonly<Record<string, string>> = {
  yyyy: '%Y', yy: '%y', MM: '%m', M: '%c', MMM: '%b', MMMM: '%M', dd: '%d', d: '%e', HH: '%H', H: '%k',
  hh: '%h', mm: '%i', ss: '%s', a: '%p', EEE: '%a', EEEE: '%W', DDD: '%j',
}

export function jodaToMysql (pattern: string): Converted {
  let out = ''
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i] ?? ''
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1)
      if (end < 0) return { unsupported: 'an unterminated quote' }
      out += (end === i + 1 ? "'" : pattern.slice(i + 1, end)).replaceAll('%', '%%')
      i = end + 1
      continue
    }
    if (!/[A-Za-z]/.test(char)) { out += char === '%' ? '%%' : char; i++; continue }
    let run = char
    while (pattern[i + run.length] === char) run += char
    const mapped = JODA_TO_MYSQL[run]
    if (mapped === undefined) return { unsupported: `the pattern letters '${run}'` }
    out += mapped
    i += run.length
  }
  return { format: out }
}

/** A simple JSONPath (`$.a.b`, `$.c[0]`) as its keys, or undefined for anything else. */
export function jsonPathKeys (path: string): string[] | undefined {
  if (!path.startsWith('$')) return undefined
  const keys: string[] = []
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["([^"]*)"\]/y
  re.lastIndex = 1
  while (re.lastIndex < path.length) {
    const m = re.exec(path)
    if (m === null) return undefined
    keys.push(m[1] ?? m[2] ?? m[3] ?? '')
  }
  return keys
}
