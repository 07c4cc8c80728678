/**
 * Reading one Trino response body (a "query results" JSON document) without losing bigint
 * precision, and cutting out its `data` member as raw text for same-protocol pass-through.
 *
 * Trino writes bigint values as plain JSON integers, which JSON.parse rounds past 2^53. The
 * reviver below sees each number's source text (Node 21+: JSON.parse source text access) and
 * keeps unsafe integers as bigint. Revivers are slow (one call per value), so a page only takes
 * that path when it could hold such a number: some 16 digits in a row appear in the text.
 * @see https://github.com/tc39/proposal-json-parse-with-source
 */

/** A reviver's third argument under JSON.parse source text access. */
interface ReviverContext { readonly source?: string }

const LONG_DIGIT_RUN = /\d{16}/
const INTEGER = /^-?\d+$/

function exactReviver (_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && INTEGER.test(context.source)) {
    return BigInt(context.source)
  }
  return value
}

/** JSON.parse that keeps integers beyond ±2^53 exact (as bigint) when `exact` is set. */
export function parseJson (text: string, exact: boolean): unknown {
  if (!exact || !LONG_DIGIT_RUN.test(text)) return JSON.parse(text)
  // The TypeScript lib does not know the third reviver argument yet.
  return JSON.parse(text, exactReviver as (key: string, value: unknown) => unknown)
}

/** A document split around its top-level `data` member. */
export interface SplitDocument {
  /** The document with `data` replaced by `null` (small: ids, URIs, columns, stats). */
  readonly rest: string
  /** The raw text of the `data` array, exactly as the server sent it; absent when there is none. */
  readonly data?: string
  /** Number of rows (elements) in `data`. */
  readonly rows: number
}

const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const OPEN_BRACKET = 0x5b // [
const CLOSE_BRACKET = 0x5d // ]
const OPEN_BRACE = 0x7b // {
const CLOSE_BRACE = 0x7d // }
const COLON = 0x3a // :

/**
 * Finds the top-level `"data"` member of a JSON object text and returns its raw value text. One
 * pass over the bytes outside strings; strings are skipped with indexOf. The text must be valid
 * JSON (it is checked afterwards by parsing `rest`).
 */
export function splitDataMember (text: string): SplitDocument {
  let depth = 0
  let i = 0
  const length = text.length
  while (i < length) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const end = stringEnd(text, i)
      // A key at depth 1 followed by ':' is a member name of the document object.
      if (depth === 1 && end - i === 5 && text.startsWith('"data"', i)) {
        let j = skipSpace(text, end + 1)
        if (text.charCodeAt(j) !== COLON) { i = end + 1; continue } // a string value "data", not the key
        j = skipSpace(text, j + 1)
        if (text.charCodeAt(j) === OPEN_BRACKET) {
          const { end: valueEnd, rows } = arrayEnd(text, j)
          return { rest: text.slice(0, j) + 'null' + text.slice(valueEnd), data: text.slice(j, valueEnd), rows }
        }
        return { rest: text, rows: 0 }
      }
      i = end + 1
      continue
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--
    i++
  }
  return { rest: text, rows: 0 }
}

/** Index of the closing quote of the string starting at `start`. */
function stringEnd (text: string, start: number): number {
  let i = start
  for (;;) {
    i = text.indexOf('"', i + 1)
    if (i < 0) throw new SyntaxError('unterminated string in Trino response')
    // A quote preceded by an odd number of backslashes is escaped.
    let backslashes = 0
    while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return i
  }
}

/** End (exclusive) of the array starting at `start`, and how many elements it has. */
function arrayEnd (text: string, start: number): { end: number, rows: number } {
  let depth = 0
  let rows = 0
  let hasElement = false
  let i = start
  const length = text.length
  while (i < length) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      if (depth === 1) hasElement = true
      i = stringEnd(text, i) + 1
      continue
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (depth === 1) hasElement = true
      depth++
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--
      if (depth === 0) return { end: i + 1, rows: hasElement ? rows + 1 : 0 }
    } else if (depth === 1) {
      if (c === 0x2c) rows++ // , between elements
      else if (!isSpace(c)) hasElement = true
    }
    i++
  }
  throw new SyntaxError('unterminated data array in Trino response')
}

function skipSpace (text: string, from: number): number {
  let i = from
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

function isSpace (c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}
