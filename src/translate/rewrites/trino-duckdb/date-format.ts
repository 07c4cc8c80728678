/**
 * Trino's date_format/date_parse specifiers (MySQL's) → DuckDB strftime/strptime specifiers (C's).
 * @see https://trino.io/docs/current/functions/datetime.html#mysql-date-functions
 * @see https://duckdb.org/docs/stable/sql/functions/dateformat
 */

/** Trino specifier letter → DuckDB text. Letters Trino documents as unsupported are absent. */
const SPECIFIERS: Readonly<Record<string, string>> = {
  a: '%a', // abbreviated weekday name (Sun..Sat)
  b: '%b', // abbreviated month name (Jan..Dec)
  c: '%-m', // month, numeric (1..12)
  d: '%d', // day of month (01..31)
  e: '%-d', // day of month (1..31)
  f: '%f', // fraction of second, 6 digits
  H: '%H', // hour (00..23)
  h: '%I', // hour (01..12)
  I: '%I', // hour (01..12)
  i: '%M', // minutes (00..59)
  j: '%j', // day of year (001..366)
  k: '%-H', // hour (0..23)
  l: '%-I', // hour (1..12)
  M: '%B', // month name (January..December)
  m: '%m', // month (01..12)
  p: '%p', // AM or PM
  r: '%I:%M:%S %p', // time, 12-hour (hh:mm:ss AM)
  S: '%S', // seconds (00..59)
  s: '%S', // seconds (00..59)
  T: '%H:%M:%S', // time, 24-hour (hh:mm:ss)
  v: '%V', // ISO week (01..53), used with %x
  W: '%A', // weekday name (Sunday..Saturday)
  w: '%w', // day of week (0=Sunday..6=Saturday)
  x: '%G', // ISO week-based year, used with %v
  Y: '%Y', // year, four digits
  y: '%y', // year, two digits
  '%': '%%',
}

/** Specifiers Trino itself rejects; keep its answer (an error) rather than invent one. */
const UNSUPPORTED_BY_TRINO = new Set(['D', 'U', 'u', 'V', 'X'])

/**
 * The DuckDB format for a Trino format, or a reason it has none. Any other `%x` is the letter
 * x itself in Trino; `%` in DuckDB always starts a specifier, so plain text stays as it is.
 */
export function convertMysqlFormat (format: string): { format: string } | { unsupported: string } {
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const char = format[i] ?? ''
    if (char !== '%') {
      out += char
      continue
    }
    const letter = format[i + 1]
    if (letter === undefined) return { unsupported: 'a trailing % with no specifier' }
    i++
    if (UNSUPPORTED_BY_TRINO.has(letter)) return { unsupported: `%${letter}, which Trino does not support either` }
    const mapped = SPECIFIERS[letter]
    out += mapped ?? letter
  }
  return { format: out }
}
