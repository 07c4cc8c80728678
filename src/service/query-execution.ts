import type { Dialect } from '../core/dialect.ts'
import type { QueryFluxError } from '../core/errors.ts'
import type { QueryResult } from '../core/query-result.ts'
import type { Protocol } from '../core/protocol.ts'
import type { RoutingTrace } from '../routing/routing-trace.ts'
import type { AnsweredKind } from '../observability/query-events.ts'

/** Trino's query states, which every protocol's view of a query maps onto. */
export const QueryState = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  FINISHED: 'FINISHED',
  FAILED: 'FAILED',
} as const
export type QueryState = (typeof QueryState)[keyof typeof QueryState]

/** What is known about a query so far; fields fill in as it moves through the pipeline. */
export interface QueryInfo {
  readonly queryId: string
  readonly state: QueryState
  readonly protocol: Protocol
  readonly user: string
  readonly sql: string
  readonly createdAt: number
  readonly group?: string
  readonly cluster?: string
  readonly engine?: string
  readonly sourceDialect?: Dialect
  readonly targetDialect?: Dialect
  /** The SQL sent to the engine (after translation). */
  readonly translatedSql?: string
  readonly translationOutcome?: string
  readonly routingTrace?: RoutingTrace
  readonly queuedMs?: number
  readonly startedAt?: number
  readonly endedAt?: number
  readonly rows: number
  readonly error?: { readonly code: string, readonly message: string }
  /** Set when the frontend answered the statement itself (SET, BEGIN, catalog queries, …): no group, cluster or engine. */
  readonly answeredBy?: 'frontend'
  /** What such a statement was about (with `answeredBy`). */
  readonly answeredKind?: AnsweredKind
}

/**
 * A submitted query. Blocking protocols `await result`; the Trino HTTP frontend polls `state`
 * and answers QUEUED until `result` resolves.
 *
 * `result` resolves when the engine has returned columns; the query is FINISHED only once its
 * batches have been read to the end (or FAILED if reading throws or the result is closed early
 * by a cancel). The capacity slot is held until then.
 */
export interface QueryExecution {
  readonly queryId: string
  readonly state: QueryState
  readonly result: Promise<QueryResult>
  /** Settles (never rejects) once the query is over and its slot is free. */
  readonly done: Promise<void>
  info (): QueryInfo
  /** Cancels wherever the query is: queue, translation, engine, or streaming. Idempotent. */
  cancel (reason?: QueryFluxError): void
}
