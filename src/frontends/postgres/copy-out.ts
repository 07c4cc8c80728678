/**
 * `COPY (query) TO STDOUT` and `COPY table [(columns)] TO STDOUT`, in text or CSV format, with
 * both option syntaxes (`WITH (FORMAT csv, HEADER)` and the older `WITH CSV HEADER`), so psql's
 * \copy and ETL tools can export. The rows come from the engine like any query; each becomes
 * one CopyData message. COPY FROM STDIN and binary COPY are refused with 0A000.
 * @see https://www.postgresql.org/docs/current/sql-copy.html
 */
import { errors } from '../../core/errors.ts'
import type { Column } from '../../core/query-result.ts'
import { copyData } from './codec/backend-messages.ts'
import { tokenize } from './sql-text.ts'
import type { Token } from './sql-text.ts'
import { pgColumnType } from './type-map.ts'
import type { EncodeContext } from './type-map.ts'
import type { RowWriter } from './row-stream.ts'
import type { CopyOptions } from './statement-result.ts'

export interface CopyStatement {
  /** The query whose rows are copied. */
  readonly query: string
  readonly options: CopyOptions
}

/** The COPY … TO STDOUT statement, or undefined when `sql` is not a COPY. Throws NOT_SUPPORTED for other COPY forms. */
export function parseCopyStatement (sql: string): CopyStatement | undefined {
  const tokens = tokenize(sql).filter((t) => t.type !== 'semicolon')
  if (tokens[0]?.type !== 'word' || tokens[0].text.toUpperCase() !== 'COPY') return undefined
  let i = 1
  let query: string
  if (tokens[i]?.text === '(') {
    const close = matchingParen(tokens, i)
    if (close < 0) throw errors.badRequest('COPY: unbalanced parentheses around the query', { sqlstate: '42601' })
    query = sql.slice(tokens[i]!.end, tokens[close]!.start).trim()
    i = close + 1
  } else {
    const start = tokens[i]?.start ?? sql.length
    while (tokens[i] !== undefined && (tokens[i]!.type === 'word' || tokens[i]!.type === 'identifier' || tokens[i]!.text === '.') && !isWord(tokens[i], 'TO') && !isWord(tokens[i], 'FROM')) i++
    const table = sql.slice(start, tokens[i - 1]?.end ?? start).trim()
    let columns = '*'
    if (tokens[i]?.text === '(') {
      const close = matchingParen(tokens, i)
      if (close < 0) throw errors.badRequest('COPY: unbalanced parentheses around the column list', { sqlstate: '42601' })
      columns = sql.slice(tokens[i]!.end, tokens[close]!.start).trim()
      i = close + 1
    }
    if (table === '') throw errors.badRequest('COPY needs a table or a (query)', { sqlstate: '42601' })
    query = `SELECT ${columns} FROM ${table}`
  }
  if (isWord(tokens[i], 'FROM')) throw errors.notSupported('COPY FROM is not supported by QueryFlux: load data into the engine directly')
  if (!isWord(tokens[i], 'TO') || !isWord(tokens[i + 1], 'STDOUT')) {
    throw errors.notSupported('QueryFlux supports COPY … TO STDOUT only (files are on the client side: use psql \\copy)')
  }
  return { query, options: parseOptions(tokens, i + 2) }
}

function isWord (token: Token | undefined, word: string): boolean {
  return token?.type === 'word' && token.text.toUpperCase() === word
}

function matchingParen (tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(' && tokens[i]!.type === 'op') depth++
    else if (tokens[i]!.text === ')' && tokens[i]!.type === 'op' && --depth === 0) return i
  }
  return -1
}

function parseOptions (tokens: readonly Token[], from: number): CopyOptions {
  const options = { format: 'text' as 'text' | 'csv', delimiter: '', header: false, null: '', quote: '"', escape: '', hasNull: false }
  let i = from
  if (isWord(tokens[i], 'WITH')) i++
  const value = (): string => {
    if (isWord(tokens[i], 'AS')) i++
    const t = tokens[i++]
    if (t === undefined) throw errors.badRequest('COPY option is missing its value', { sqlstate: '42601' })
    return t.text
  }
  const bool = (): boolean => {
    const t = tokens[i]
    if (t !== undefined && (t.type === 'word' || t.type === 'number') && /^(true|on|1|false|off|0|match)$/i.test(t.text)) {
      i++
      return /^(true|on|1|match)$/i.test(t.text)
    }
    return true
  }
  const apply = (name: string): void => {
    switch (name) {
      case 'FORMAT': {
        const format = value().toLowerCase()
        if (format === 'binary') throw errors.notSupported('binary COPY is not supported by QueryFlux: use text or csv')
        if (format !== 'text' && format !== 'csv') throw errors.badRequest(`COPY format "${format}" not recognized`, { sqlstate: '22023' })
        options.format = format
        return
      }
      case 'CSV': options.format = 'csv'; return
      case 'BINARY': throw errors.notSupported('binary COPY is not supported by QueryFlux: use text or csv')
      case 'DELIMITER': options.delimiter = value(); return
      case 'NULL': options.null = value(); options.hasNull = true; return
      case 'HEADER': options.header = bool(); return
      case 'QUOTE': options.quote = value(); return
      case 'ESCAPE': options.escape = value(); return
      case 'ENCODING': {
        const encoding = value()
        if (!/^utf-?8$/i.test(encoding)) throw errors.notSupported(`COPY encoding ${encoding} is not supported: QueryFlux writes UTF8`)
        return
      }
      case 'FORCE': case 'FORCE_QUOTE': case 'FORCE_NOT_NULL': case 'FORCE_NULL':
        // Quoting choices do not change what the data means; accept and skip the column list.
        while (i < tokens.length && !(tokens[i]!.type === 'op' && (tokens[i]!.text === ',' || tokens[i]!.text === ')'))) i++
        return
      default: throw errors.badRequest(`COPY option "${name.toLowerCase()}" not recognized`, { sqlstate: '42601' })
    }
  }
  if (tokens[i]?.text === '(') {
    i++
    while (i < tokens.length && tokens[i]!.text !== ')') {
      const name = tokens[i++]!.text.toUpperCase()
      apply(name)
      if (tokens[i]?.text === ',') i++
    }
  } else {
    while (i < tokens.length) apply(tokens[i++]!.text.toUpperCase())
  }
  const isCsv = options.format === 'csv'
  const delimiter = options.delimiter !== '' ? options.delimiter : isCsv ? ',' : '\t'
  return {
    format: options.format,
    delimiter,
    header: options.header,
    null: options.hasNull ? options.null : isCsv ? '' : '\\N',
    quote: options.quote,
    escape: options.escape !== '' ? options.escape : options.quote,
  }
}

/** Writes each row as one CopyData message in the statement's format. */
export function copyRowWriter (columns: readonly Column[], options: CopyOptions, ctx: EncodeContext): RowWriter {
  const codecs = columns.map((c) => pgColumnType(c.type))
  const field = options.format === 'csv' ? (text: string) => csvField(text, options) : (text: string) => textField(text, options.delimiter)
  return (w, row) => {
    let line = ''
    for (let i = 0; i < codecs.length; i++) {
      if (i > 0) line += options.delimiter
      const value = row[i]
      line += value === null || value === undefined ? options.null : field(codecs[i]!.toText(value, ctx))
    }
    copyData(w, `${line}\n`)
  }
}

/** The CSV header line, when HEADER is on. */
export function copyHeader (columns: readonly Column[], options: CopyOptions): string | undefined {
  if (!options.header) return undefined
  const field = options.format === 'csv' ? (text: string) => csvField(text, options) : (text: string) => textField(text, options.delimiter)
  return `${columns.map((c) => field(c.name)).join(options.delimiter)}\n`
}

function textField (text: string, delimiter: string): string {
  let out = ''
  for (const ch of text) {
    if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch === delimiter) out += `\\${ch}`
    else out += ch
  }
  return out
}

function csvField (text: string, options: CopyOptions): string {
  const needsQuotes = text === options.null || text.includes(options.delimiter) || text.includes(options.quote) ||
    text.includes('\n') || text.includes('\r') || text === '\\.'
  if (!needsQuotes) return text
  let out = options.quote
  for (const ch of text) {
    if (ch === options.quote || ch === options.escape) out += options.escape
    out += ch
  }
  return out + options.quote
}
