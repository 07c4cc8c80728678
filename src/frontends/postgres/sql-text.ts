/**
 * Just enough PostgreSQL lexing for a protocol frontend: split a simple-query string into
 * statements, read a statement's leading keywords (command tags, session statements), find the
 * `$n` parameters and the casts written on them. Strings ('…', E'…', $tag$…$tag$), quoted
 * identifiers and comments (nested /* *\/ included) are skipped correctly, so a ';' or '$1'
 * inside them is never taken for syntax.
 * @see https://www.postgresql.org/docs/current/sql-syntax-lexical.html
 */

export type TokenType = 'word' | 'identifier' | 'string' | 'param' | 'number' | 'op' | 'semicolon'

export interface Token {
  readonly type: TokenType
  /** The token as written (for 'string' and 'identifier': the unquoted value). */
  readonly text: string
  readonly start: number
  readonly end: number
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/

/** All tokens of `sql`, comments and whitespace dropped. Unterminated strings run to the end. */
export function tokenize (sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const n = sql.length
  while (i < n) {
    const ch = sql[i]!
    const next = sql[i + 1]
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') { i++; continue }
    if (ch === '-' && next === '-') {
      const eol = sql.indexOf('\n', i)
      i = eol < 0 ? n : eol + 1
      continue
    }
    if (ch === '/' && next === '*') { i = skipBlockComment(sql, i); continue }
    const start = i
    if (ch === '\'' || ((ch === 'E' || ch === 'e') && next === '\'')) {
      const escapes = ch !== '\''
      if (escapes) i++
      const { value, end } = readQuoted(sql, i, '\'', escapes)
      tokens.push({ type: 'string', text: value, start, end })
      i = end
      continue
    }
    if (ch === '"') {
      const { value, end } = readQuoted(sql, i, '"', false)
      tokens.push({ type: 'identifier', text: value, start, end })
      i = end
      continue
    }
    if (ch === '$') {
      const param = /^\$(\d+)/.exec(sql.slice(i, i + 12))
      if (param !== null) {
        i += param[0].length
        tokens.push({ type: 'param', text: param[1]!, start, end: i })
        continue
      }
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 64))
      if (tag !== null) {
        const close = sql.indexOf(tag[0], i + tag[0].length)
        const end = close < 0 ? n : close + tag[0].length
        tokens.push({ type: 'string', text: sql.slice(i + tag[0].length, close < 0 ? n : close), start, end })
        i = end
        continue
      }
    }
    if (WORD_START.test(ch)) {
      while (i < n && WORD_PART.test(sql[i]!)) i++
      tokens.push({ type: 'word', text: sql.slice(start, i), start, end: i })
      continue
    }
    if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      while (i < n && /[0-9.eE]/.test(sql[i]!)) {
        if ((sql[i] === 'e' || sql[i] === 'E') && (sql[i + 1] === '+' || sql[i + 1] === '-')) i++
        i++
      }
      tokens.push({ type: 'number', text: sql.slice(start, i), start, end: i })
      continue
    }
    if (ch === ';') { tokens.push({ type: 'semicolon', text: ';', start, end: i + 1 }); i++; continue }
    if (ch === ':' && next === ':') { tokens.push({ type: 'op', text: '::', start, end: i + 2 }); i += 2; continue }
    tokens.push({ type: 'op', text: ch, start, end: i + 1 })
    i++
  }
  return tokens
}

function skipBlockComment (sql: string, from: number): number {
  let depth = 0
  let i = from
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2; continue }
    if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
      continue
    }
    i++
  }
  return sql.length
}

function readQuoted (sql: string, from: number, quote: string, backslashEscapes: boolean): { value: string, end: number } {
  let value = ''
  let i = from + 1
  while (i < sql.length) {
    const ch = sql[i]!
    if (backslashEscapes && ch === '\\' && i + 1 < sql.length) {
      value += unescape(sql[i + 1]!)
      i += 2
      continue
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) { value += quote; i += 2; continue }
      return { value, end: i + 1 }
    }
    value += ch
    i++
  }
  return { value, end: sql.length }
}

function unescape (ch: string): string {
  switch (ch) {
    case 'n': return '\n'
    case 't': return '\t'
    case 'r': return '\r'
    case 'b': return '\b'
    case 'f': return '\f'
    default: return ch
  }
}

/**
 * The statements of a simple-query string, each without its ';', with leading and trailing
 * space removed; empty statements (';;', comments only) are left out.
 */
export function splitStatements (sql: string): string[] {
  const out: string[] = []
  let start = 0
  let hasToken = false
  for (const token of tokenize(sql)) {
    if (token.type === 'semicolon') {
      if (hasToken) out.push(sql.slice(start, token.start).trim())
      start = token.end
      hasToken = false
    } else {
      if (!hasToken) start = token.start
      hasToken = true
    }
  }
  if (hasToken) out.push(sql.slice(start).trim())
  return out
}

/** Whether the text holds nothing but whitespace, comments and semicolons. */
export function isEmptyQuery (sql: string): boolean {
  return tokenize(sql).every((t) => t.type === 'semicolon')
}

/** The first `count` keywords, upper-cased; a leading '(' (a parenthesised SELECT) is skipped. */
export function leadingKeywords (sql: string, count: number): string[] {
  const out: string[] = []
  for (const token of tokenize(sql)) {
    if (token.type === 'op' && token.text === '(' && out.length === 0) continue
    if (token.type !== 'word') break
    out.push(token.text.toUpperCase())
    if (out.length === count) break
  }
  return out
}

/** The highest `$n` the statement uses (0 when none). */
export function maxParameterIndex (sql: string): number {
  let max = 0
  for (const token of tokenize(sql)) if (token.type === 'param') max = Math.max(max, Number(token.text))
  return max
}

const TYPE_WORDS = new Set(['precision', 'varying', 'with', 'without', 'time', 'zone'])

/** Type names written as casts on parameters: `$1::int`, `$2::timestamp with time zone`, `CAST($3 AS text[])`. */
export function parameterCasts (sql: string): Map<number, string> {
  const tokens = tokenize(sql)
  const casts = new Map<number, string>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type !== 'param') continue
    const index = Number(token.text)
    const op = tokens[i + 1]
    let at = -1
    if (op?.type === 'op' && op.text === '::') at = i + 2
    else if (op?.type === 'word' && op.text.toUpperCase() === 'AS' && tokens[i - 1]?.text === '(' && tokens[i - 2]?.text.toUpperCase() === 'CAST') at = i + 2
    if (at < 0 || casts.has(index)) continue
    const name = readTypeName(tokens, at)
    if (name !== '') casts.set(index, name)
  }
  return casts
}

function readTypeName (tokens: readonly Token[], from: number): string {
  let name = ''
  let i = from
  const first = tokens[i]
  if (first === undefined || (first.type !== 'word' && first.type !== 'identifier')) return ''
  name = first.text
  i++
  // pg_catalog.int4
  if (tokens[i]?.text === '.' && tokens[i + 1]?.type === 'word') { name = `${name}.${tokens[i + 1]!.text}`; i += 2 }
  while (tokens[i]?.type === 'word' && TYPE_WORDS.has(tokens[i]!.text.toLowerCase())) { name += ` ${tokens[i]!.text}`; i++ }
  if (tokens[i]?.text === '(') {
    while (i < tokens.length && tokens[i]!.text !== ')') i++
    i++
  }
  if (tokens[i]?.text === '[' && tokens[i + 1]?.text === ']') name += '[]'
  return name.toLowerCase()
}
