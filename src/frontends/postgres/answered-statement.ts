/**
 * Publishes a statement the PostgreSQL frontend answered itself (SET, BEGIN, SHOW, DISCARD,
 * version(), FETCH from a cursor, a pg_catalog query from the emulation) as an `answered`
 * query event once it is over, so it shows in the query history and metrics like an engine
 * query: such statements never reach the QueryService, which records the others.
 */
import { createQueryId } from '../../core/query-id.ts'
import { Protocol } from '../../core/protocol.ts'
import { toQueryFluxError } from '../../core/errors.ts'
import type { Row } from '../../core/query-result.ts'
import { QueryState } from '../../service/query-execution.ts'
import type { AnsweredKind, QueryEvents } from '../../observability/query-events.ts'
import type { StatementResult } from './statement-result.ts'

export class AnsweredStatement {
  readonly #events: QueryEvents
  readonly #user: string
  readonly #sql: string
  readonly #kind: AnsweredKind
  readonly #createdAt = Date.now()
  readonly #startedAt = performance.now()
  #rows = 0
  #isPublished = false

  constructor (events: QueryEvents, user: string, sql: string, kind: AnsweredKind) {
    this.#events = events
    this.#user = user
    this.#sql = sql
    this.#kind = kind
  }

  /** The same result, counting its rows; the statement is recorded when it closes or fails. */
  track (result: StatementResult): StatementResult {
    return {
      ...result,
      nextBatch: async (): Promise<readonly Row[] | undefined> => {
        try {
          const rows = await result.nextBatch()
          if (rows !== undefined) this.#rows += rows.length
          return rows
        } catch (error) {
          this.fail(error)
          throw error
        }
      },
      close: async () => {
        try {
          await result.close()
        } finally {
          this.#publish(undefined)
        }
      },
    }
  }

  /** The statement failed before it produced a result. */
  fail (error: unknown): void {
    this.#publish(error)
  }

  #publish (error: unknown): void {
    if (this.#isPublished) return
    this.#isPublished = true
    const failure = error === undefined ? undefined : toQueryFluxError(error)
    const endedAt = Date.now()
    this.#events.emit('answered', {
      info: {
        queryId: createQueryId(),
        state: failure === undefined ? QueryState.FINISHED : QueryState.FAILED,
        protocol: Protocol.postgresWire,
        user: this.#user,
        sql: this.#sql,
        createdAt: this.#createdAt,
        startedAt: this.#createdAt,
        endedAt,
        rows: this.#rows,
        answeredBy: 'frontend',
        answeredKind: this.#kind,
        ...(failure === undefined ? {} : { error: { code: failure.code, message: failure.message } }),
      },
      kind: this.#kind,
      outcome: failure?.code ?? 'success',
      durationMs: performance.now() - this.#startedAt,
    })
  }
}
