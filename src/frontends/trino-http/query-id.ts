/**
 * Query ids and statement URIs as a Trino coordinator hands them out. Ids use Trino's format
 * (`20241125_070712_00001_abcde`, core/query-id.ts) and double as QueryRequest.queryId, so the
 * id a Trino client shows is the one in QueryFlux's logs, history and admin API. Each query
 * also gets a random slug that its nextUri carries: only the client that submitted the query
 * knows it, so a guessed id alone cannot read another client's rows (Trino does the same).
 */
import { randomBytes } from 'node:crypto'
import { createQueryId, isQueryId } from '../../core/query-id.ts'

export { createQueryId, isQueryId }

export function createSlug (): string {
  return `y${randomBytes(16).toString('hex')}`
}

/** Path kinds of a statement's nextUri: `queued` before the engine answered, `executing` after. */
export type StatementPathKind = 'queued' | 'executing'

export interface StatementPath {
  readonly kind: StatementPathKind
  readonly queryId: string
  readonly slug: string
  readonly token: number
}

const STATEMENT_PATH = /^\/v1\/statement\/(queued|executing)\/([^/]+)\/([^/]+)\/(\d{1,15})$/

/** `/v1/statement/{queued|executing}/{queryId}/{slug}/{token}`, or undefined. */
export function parseStatementPath (path: string): StatementPath | undefined {
  const match = STATEMENT_PATH.exec(path)
  if (match === null) return undefined
  return { kind: match[1] as StatementPathKind, queryId: match[2]!, slug: match[3]!, token: Number(match[4]) }
}

export function statementPath (kind: StatementPathKind, queryId: string, slug: string, token: number): string {
  return `/v1/statement/${kind}/${queryId}/${slug}/${token}`
}
