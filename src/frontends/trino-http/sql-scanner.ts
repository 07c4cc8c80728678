/**
 * Just enough Trino SQL lexing for the frontend: read a statement's leading keywords, the
 * literal lists of `EXECUTE … USING`, `SET SESSION` values and the simple SELECTs that JDBC's
 * DatabaseMetaData sends. Strings ('…' with '' escaping, U&'…', X'…'), quoted identifiers
 * ("…" with "" escaping) and comments (`--`, `/* *\/`) are skipped correctly, so a keyword, a
 * `?` or a `;` inside them is never taken for syntax.
 * @see https://trino.io/docs/current/language/reserved.html (lexical structure in the grammar)
 */
import { errors } from '../../core/errors.ts'

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'binary' | 'number' | 'punct'

export interface SqlToken {
  readonly kind: SqlTokenKind
  /** word/number/punct: the text as written; quoted/string: the unescaped value; binary: the hex digits. */
  readonly value: string
  readonly start: number
  readonly end: number
  /** A string, quoted identifier or comment that runs to the end of the text. */
  readonly unterminated?: boolean
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_@$\u0080-\uffff]/
const DIGIT = /[0-9]/
const TWO_CHAR_PUNCT = new Set(['<>', '!=', '<=', '>=', '||', '->', '=>'])

/** All tokens of `sql`, comments and whitespace dropped. Unterminated strings run to the end. */
export function scanSql (sql: string): SqlToken[] {
  const tokens: SqlToken[] = []
  const n = sql.length
  let i = 0
  while (i < n) {
    const ch = sql[i]!
    const next = sql[i + 1]
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') { i++; continue }
    if (ch === '-' && next === '-') {
      const eol = sql.indexOf('\n', i)
      i = eol < 0 ? n : eol + 1
      continue
    }
    if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2)
      i = close < 0 ? n : close + 2
      continue
    }
    const start = i
    if (ch === '\'') {
      tokens.push(readQuoted(sql, i, '\'', 'string'))
    } else if ((ch === 'X' || ch === 'x') && next === '\'') {
      const inner = readQuoted(sql, i + 1, '\'', 'binary')
      tokens.push({ ...inner, value: inner.value.replace(/\s+/g, ''), start })
    } else if ((ch === 'U' || ch === 'u') && next === '&' && sql[i + 2] === '\'') {
      tokens.push({ ...readQuoted(sql, i + 2, '\'', 'string'), start })
    } else if (ch === '"') {
      tokens.push(readQuoted(sql, i, '"', 'quoted'))
    } else if (WORD_START.test(ch)) {
      while (i < n && WORD_PART.test(sql[i]!)) i++
      tokens.push({ kind: 'word', value: sql.slice(start, i), start, end: i })
    } else if (DIGIT.test(ch) || (ch === '.' && next !== undefined && DIGIT.test(next))) {
      tokens.push(readNumber(sql, i))
    } else {
      const two = sql.slice(i, i + 2)
      const text = TWO_CHAR_PUNCT.has(two) ? two : ch
      tokens.push({ kind: 'punct', value: text, start, end: i + text.length })
    }
    i = tokens[tokens.length - 1]!.end
  }
  return tokens
}

function readQuoted (sql: string, open: number, quote: string, kind: SqlTokenKind): SqlToken {
  let value = ''
  let i = open + 1
  while (i < sql.length) {
    const close = sql.indexOf(quote, i)
    if (close < 0) break
    value += sql.slice(i, close)
    if (sql[close + 1] === quote) {
      value += quote
      i = close + 2
      continue
    }
    return { kind, value, start: open, end: close + 1 }
  }
  return { kind, value: value + sql.slice(i), start: open, end: sql.length, unterminated: true }
}

function readNumber (sql: string, start: number): SqlToken {
  let i = start
  while (i < sql.length && DIGIT.test(sql[i]!)) i++
  if (sql[i] === '.') {
    i++
    while (i < sql.length && DIGIT.test(sql[i]!)) i++
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && /^[eE][+-]?[0-9]/.test(sql.slice(i, i + 3))) {
    i += sql[i + 1] === '+' || sql[i + 1] === '-' ? 2 : 1
    while (i < sql.length && DIGIT.test(sql[i]!)) i++
  }
  return { kind: 'number', value: sql.slice(start, i), start, end: i }
}

/** A cursor over tokens for the small recursive-descent parsers of this folder. */
export class TokenCursor {
  readonly tokens: readonly SqlToken[]
  readonly sql: string
  #pos = 0

  constructor (sql: string, tokens: readonly SqlToken[] = scanSql(sql)) {
    this.sql = sql
    // A trailing ';' ends the statement; Trino clients may send one.
    let end = tokens.length
    while (end > 0 && tokens[end - 1]!.kind === 'punct' && tokens[end - 1]!.value === ';') end--
    this.tokens = tokens.slice(0, end)
  }

  get position (): number { return this.#pos }
  set position (value: number) { this.#pos = value }

  get isAtEnd (): boolean { return this.#pos >= this.tokens.length }

  peek (offset = 0): SqlToken | undefined { return this.tokens[this.#pos + offset] }

  next (): SqlToken | undefined { return this.tokens[this.#pos++] }

  /** True when the token at `offset` is the keyword `word` (case-insensitive, unquoted). */
  isWord (word: string, offset = 0): boolean {
    const token = this.tokens[this.#pos + offset]
    return token?.kind === 'word' && token.value.toUpperCase() === word
  }

  /** Consumes the keywords if they all follow, in order. */
  tryWords (...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) if (!this.isWord(words[i]!, i)) return false
    this.#pos += words.length
    return true
  }

  isPunct (value: string, offset = 0): boolean {
    const token = this.tokens[this.#pos + offset]
    return token?.kind === 'punct' && token.value === value
  }

  tryPunct (value: string): boolean {
    if (!this.isPunct(value)) return false
    this.#pos++
    return true
  }

  expectPunct (value: string): void {
    if (!this.tryPunct(value)) throw this.error(`expected '${value}'`)
  }

  expectWord (word: string): void {
    if (!this.tryWords(word)) throw this.error(`expected ${word}`)
  }

  /** An identifier: unquoted words are case-insensitive (Trino lower-cases them), quoted ones exact. */
  identifier (): Identifier {
    const token = this.next()
    if (token?.kind === 'word') return { name: token.value, isQuoted: false }
    if (token?.kind === 'quoted' && token.unterminated !== true) return { name: token.value, isQuoted: true }
    this.#pos--
    throw this.error('expected an identifier')
  }

  /** `a`, `a.b` or `a.b.c`. */
  qualifiedName (): Identifier[] {
    const parts = [this.identifier()]
    while (this.tryPunct('.')) parts.push(this.identifier())
    return parts
  }

  string (): string {
    const token = this.next()
    if (token?.kind === 'string' && token.unterminated !== true) return token.value
    this.#pos--
    throw this.error('expected a string literal')
  }

  /** The source text from the current token to the end of the statement. */
  rest (): string {
    const token = this.peek()
    if (token === undefined) return ''
    return this.sql.slice(token.start, this.tokens[this.tokens.length - 1]!.end)
  }

  error (what: string): Error {
    const token = this.peek()
    const where = token === undefined ? 'at the end of the statement' : `at '${this.sql.slice(token.start, Math.min(token.end, token.start + 40))}'`
    return errors.badRequest(`${what} ${where}`)
  }
}

export interface Identifier {
  readonly name: string
  readonly isQuoted: boolean
}

/** Trino's LIKE pattern (`%`, `_`, optional escape character) as an anchored regular expression. */
export function likeToRegExp (pattern: string, escape?: string, caseInsensitive = false): RegExp {
  if (escape !== undefined && escape.length !== 1) throw errors.badRequest('Escape string must be a single character')
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (escape !== undefined && ch === escape) {
      const escaped = pattern[++i]
      if (escaped === undefined) throw errors.badRequest('Escape character must be followed by \'%\', \'_\' or the escape character itself')
      source += escapeRegExp(escaped)
    } else if (ch === '%') source += '[\\s\\S]*'
    else if (ch === '_') source += '[\\s\\S]'
    else source += escapeRegExp(ch)
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u')
}

function escapeRegExp (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
