/**
 * SQL cursors as ODBC-based tools use them: `DECLARE c [BINARY] CURSOR [WITH HOLD] FOR query`,
 * `FETCH [FORWARD] [n | ALL | NEXT] FROM c`, `MOVE …`, `CLOSE c | ALL`. A cursor is a running
 * engine query whose rows are pulled as FETCH asks, so a big result is never held. Cursors
 * are forward-only (NO SCROLL); one without HOLD lives until the transaction ends.
 * @see https://www.postgresql.org/docs/current/sql-declare.html
 */
import { errors } from '../../core/errors.ts'
import type { Column, Row } from '../../core/query-result.ts'
import { tokenize } from './sql-text.ts'
import type { Token } from './sql-text.ts'
import { RowStream } from './row-stream.ts'
import type { StatementResult } from './statement-result.ts'

export type CursorStatement =
  | { readonly kind: 'declare', readonly name: string, readonly isHold: boolean, readonly isBinary: boolean, readonly query: string }
  | { readonly kind: 'fetch', readonly name: string, readonly count: number, readonly isMove: boolean }
  | { readonly kind: 'close', readonly name: string | undefined }

export interface Cursor {
  readonly name: string
  readonly isHold: boolean
  readonly isBinary: boolean
  readonly columns: readonly Column[]
  readonly stream: RowStream
}

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.type === 'word' && words.includes(t.text.toUpperCase())

function nameOf (t: Token | undefined): string | undefined {
  if (t?.type === 'identifier') return t.text
  if (t?.type === 'word') return t.text.toLowerCase()
  return undefined
}

export function parseCursorStatement (sql: string): CursorStatement | undefined {
  const tokens = tokenize(sql).filter((t) => t.type !== 'semicolon')
  const first = tokens[0]
  if (isWord(first, 'DECLARE')) {
    const name = nameOf(tokens[1])
    if (name === undefined) return undefined
    let i = 2
    let isBinary = false
    let isHold = false
    while (i < tokens.length && !isWord(tokens[i], 'CURSOR')) {
      if (isWord(tokens[i], 'BINARY')) isBinary = true
      else if (isWord(tokens[i], 'SCROLL') && !isWord(tokens[i - 1], 'NO')) throw errors.notSupported('QueryFlux cursors are forward-only: declare the cursor NO SCROLL')
      else if (!isWord(tokens[i], 'INSENSITIVE', 'ASENSITIVE', 'NO', 'SCROLL')) return undefined
      i++
    }
    if (!isWord(tokens[i], 'CURSOR')) return undefined
    i++
    if (isWord(tokens[i], 'WITH', 'WITHOUT') && isWord(tokens[i + 1], 'HOLD')) { isHold = isWord(tokens[i], 'WITH'); i += 2 }
    if (!isWord(tokens[i], 'FOR') || tokens[i + 1] === undefined) return undefined
    return { kind: 'declare', name, isHold, isBinary, query: sql.slice(tokens[i + 1]!.start).trim().replace(/;\s*$/, '') }
  }
  if (isWord(first, 'FETCH', 'MOVE')) {
    const isMove = isWord(first, 'MOVE')
    let i = 1
    let count = 1
    if (isWord(tokens[i], 'PRIOR', 'FIRST', 'LAST', 'ABSOLUTE', 'RELATIVE', 'BACKWARD')) {
      throw errors.notSupported('QueryFlux cursors are forward-only: use FETCH [FORWARD] n | ALL | NEXT')
    }
    if (isWord(tokens[i], 'NEXT')) i++
    else if (isWord(tokens[i], 'FORWARD')) i++
    if (isWord(tokens[i], 'ALL')) { count = 0; i++ } else if (tokens[i]?.type === 'number') { count = Number(tokens[i]!.text); i++ } else if (tokens[i]?.text === '-') {
      throw errors.notSupported('QueryFlux cursors are forward-only: a negative count fetches backwards')
    }
    if (isWord(tokens[i], 'FROM', 'IN')) i++
    const name = nameOf(tokens[i])
    if (name === undefined || i !== tokens.length - 1) return undefined
    return { kind: 'fetch', name, count, isMove }
  }
  if (isWord(first, 'CLOSE')) {
    if (isWord(tokens[1], 'ALL') && tokens.length === 2) return { kind: 'close', name: undefined }
    const name = nameOf(tokens[1])
    return name === undefined || tokens.length !== 2 ? undefined : { kind: 'close', name }
  }
  return undefined
}

export class Cursors {
  readonly #cursors = new Map<string, Cursor>()

  has (name: string): boolean {
    return this.#cursors.has(name)
  }

  add (name: string, isHold: boolean, isBinary: boolean, result: StatementResult): void {
    if (this.#cursors.has(name)) throw errors.badRequest(`cursor "${name}" already exists`, { sqlstate: '42P03' })
    this.#cursors.set(name, { name, isHold, isBinary, columns: result.columns, stream: new RowStream(result) })
  }

  get (name: string): Cursor {
    const cursor = this.#cursors.get(name)
    if (cursor === undefined) throw errors.badRequest(`cursor "${name}" does not exist`, { sqlstate: '34000' })
    return cursor
  }

  async close (name: string): Promise<void> {
    const cursor = this.get(name)
    this.#cursors.delete(name)
    await cursor.stream.result.close()
  }

  /** CLOSE ALL, DISCARD ALL, disconnect; or only those without HOLD at the end of a transaction. */
  async closeAll (onlyWithoutHold = false): Promise<void> {
    for (const cursor of this.#cursors.values()) {
      if (onlyWithoutHold && cursor.isHold) continue
      this.#cursors.delete(cursor.name)
      await cursor.stream.result.close().catch(() => {})
    }
  }
}

/** The rows FETCH n returns, as a StatementResult reading from the cursor. */
export function fetchResult (cursor: Cursor, count: number, isMove: boolean): StatementResult {
  let remaining = count === 0 ? Infinity : count
  return {
    columns: isMove ? [] : cursor.columns,
    notices: [],
    parameterStatus: [],
    nextBatch: async (): Promise<readonly Row[] | undefined> => {
      if (remaining <= 0) return undefined
      const rows = await cursor.stream.take(Math.min(remaining, 1000))
      if (rows === undefined) { remaining = 0; return undefined }
      remaining -= rows.length
      return rows
    },
    tag: (rows) => `${isMove ? 'MOVE' : 'FETCH'} ${rows}`,
    // Closing a FETCH's result must not close the cursor: it lives on for the next FETCH.
    close: async () => { remaining = 0 },
  }
}
