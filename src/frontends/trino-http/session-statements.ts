/**
 * Statements the Trino frontend answers itself because they change only the client's session,
 * which Trino keeps on the client side and carries in headers:
 *
 * - `USE [catalog.]schema`                         → X-Trino-Set-Catalog / Set-Schema
 * - `SET SESSION name = literal`, `RESET SESSION`  → X-Trino-Set-Session / Clear-Session
 * - `PREPARE name FROM sql`, `DEALLOCATE PREPARE`  → X-Trino-Added-Prepare / Deallocated-Prepare
 * - `EXECUTE name [USING …]`, `EXECUTE IMMEDIATE '…' [USING …]` → the statement with `?`
 *   placeholders plus typed parameters, run through the QueryService
 * - `START TRANSACTION`, `COMMIT`, `ROLLBACK`      → accepted as no-ops (with a warning)
 * - `SELECT version()` exactly, `SHOW SESSION`     → answered locally
 *
 * Everything else returns undefined and goes to the engine.
 * @see https://trino.io/docs/current/sql.html
 */
import { errors } from '../../core/errors.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import { parseLiteral, parseLiteralList } from './literal-parser.ts'
import { likeToRegExp, scanSql, TokenCursor } from './sql-scanner.ts'
import type { Identifier } from './sql-scanner.ts'

export type SessionStatement =
  | { readonly kind: 'use', readonly catalog?: string, readonly schema: string }
  | { readonly kind: 'setSession', readonly name: string, readonly value: string }
  | { readonly kind: 'resetSession', readonly name: string }
  | { readonly kind: 'prepare', readonly name: string, readonly sql: string }
  | { readonly kind: 'deallocate', readonly name: string }
  | { readonly kind: 'execute', readonly name: string, readonly parameters: readonly QueryParameter[] }
  | { readonly kind: 'executeImmediate', readonly sql: string, readonly parameters: readonly QueryParameter[] }
  | { readonly kind: 'startTransaction' }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'version' }
  | { readonly kind: 'showSession', readonly like?: RegExp }

/** The updateType Trino reports for each session statement. */
export const SESSION_UPDATE_TYPE: Readonly<Record<SessionStatement['kind'], string | undefined>> = {
  use: 'USE',
  setSession: 'SET SESSION',
  resetSession: 'RESET SESSION',
  prepare: 'PREPARE',
  deallocate: 'DEALLOCATE',
  execute: undefined,
  executeImmediate: undefined,
  startTransaction: 'START TRANSACTION',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  version: undefined,
  showSession: undefined,
}

/** Recognises a session statement; throws BAD_REQUEST when one is recognised but malformed. */
export function parseSessionStatement (sql: string): SessionStatement | undefined {
  const cursor = new TokenCursor(sql)
  const statement = parseStatement(cursor)
  if (statement !== undefined && !cursor.isAtEnd) throw cursor.error('unexpected text')
  return statement
}

function parseStatement (c: TokenCursor): SessionStatement | undefined {
  if (c.tryWords('USE')) {
    const parts = c.qualifiedName().map(canonical)
    if (parts.length > 2) throw errors.badRequest('USE takes a schema or catalog.schema')
    return parts.length === 2 ? { kind: 'use', catalog: parts[0]!, schema: parts[1]! } : { kind: 'use', schema: parts[0]! }
  }
  if (c.tryWords('SET', 'SESSION')) {
    if (c.isWord('AUTHORIZATION')) return undefined
    const name = c.qualifiedName().map(canonical).join('.')
    c.expectPunct('=')
    return { kind: 'setSession', name, value: literalText(c) }
  }
  if (c.tryWords('RESET', 'SESSION')) {
    if (c.isWord('AUTHORIZATION')) return undefined
    return { kind: 'resetSession', name: c.qualifiedName().map(canonical).join('.') }
  }
  if (c.tryWords('PREPARE')) {
    const name = c.identifier().name
    c.expectWord('FROM')
    const body = c.rest()
    if (body === '') throw c.error('expected a statement after FROM')
    c.position = c.tokens.length
    return { kind: 'prepare', name, sql: body }
  }
  if (c.tryWords('DEALLOCATE', 'PREPARE')) return { kind: 'deallocate', name: c.identifier().name }
  if (c.tryWords('EXECUTE', 'IMMEDIATE')) {
    const body = c.string()
    return { kind: 'executeImmediate', sql: body, parameters: usingList(c) }
  }
  if (c.tryWords('EXECUTE')) {
    const name = c.identifier().name
    return { kind: 'execute', name, parameters: usingList(c) }
  }
  if (c.tryWords('START', 'TRANSACTION')) {
    c.position = c.tokens.length // isolation level and access mode are accepted and ignored
    return { kind: 'startTransaction' }
  }
  if (c.tryWords('COMMIT')) { c.tryWords('WORK'); return { kind: 'commit' } }
  if (c.tryWords('ROLLBACK')) { c.tryWords('WORK'); return { kind: 'rollback' } }
  if (c.isWord('SELECT') && c.isWord('VERSION', 1) && c.isPunct('(', 2) && c.isPunct(')', 3) && c.tokens.length === 4) {
    c.position = 4
    return { kind: 'version' }
  }
  if (c.tryWords('SHOW', 'SESSION')) {
    const like = parseLike(c)
    return like === undefined ? { kind: 'showSession' } : { kind: 'showSession', like }
  }
  return undefined
}

/** `LIKE 'pattern' [ESCAPE 'c']` if present. */
export function parseLike (c: TokenCursor, caseInsensitive = false): RegExp | undefined {
  if (!c.tryWords('LIKE')) return undefined
  const pattern = c.string()
  const escape = c.tryWords('ESCAPE') ? c.string() : undefined
  return likeToRegExp(pattern, escape, caseInsensitive)
}

function usingList (c: TokenCursor): QueryParameter[] {
  if (c.isAtEnd) return []
  c.expectWord('USING')
  return parseLiteralList(c)
}

/** Trino lower-cases unquoted identifiers. */
export function canonical (identifier: Identifier): string {
  return identifier.isQuoted ? identifier.name : identifier.name.toLowerCase()
}

/** A SET SESSION value as the text a session property holds. */
function literalText (c: TokenCursor): string {
  const { value } = parseLiteral(c)
  if (value === null) throw errors.badRequest('a session property cannot be set to NULL; use RESET SESSION')
  if (typeof value === 'object') throw errors.badRequest('a session property value must be a string, number or boolean literal')
  return String(value)
}

/** The updateType Trino reports for a DML/DDL statement run by the engine, or undefined for a query. */
export function updateTypeOf (sql: string): string | undefined {
  const words: string[] = []
  for (const token of scanSql(sql)) {
    if (token.kind !== 'word' || words.length >= 5) break
    words.push(token.value.toUpperCase())
  }
  const [first, ...rest] = words
  switch (first) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
    case 'CALL':
    case 'ANALYZE':
    case 'GRANT':
    case 'REVOKE':
    case 'COMMENT': return first
    case 'TRUNCATE': return 'TRUNCATE TABLE'
    case 'CREATE':
    case 'DROP':
    case 'ALTER': {
      const object = rest.filter((w) => w !== 'OR' && w !== 'REPLACE' && w !== 'TEMP' && w !== 'TEMPORARY' && w !== 'IF' && w !== 'NOT' && w !== 'EXISTS')
      if (object[0] === 'MATERIALIZED') return `${first} MATERIALIZED VIEW`
      return object[0] === undefined ? first : `${first} ${object[0]}`
    }
    default: return undefined
  }
}

/** How many `?` placeholders the statement has, outside strings, identifiers and comments. */
export function countPlaceholders (sql: string): number {
  let count = 0
  for (const token of scanSql(sql)) if (token.kind === 'punct' && token.value === '?') count++
  return count
}
