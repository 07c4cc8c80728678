/**
 * A QueryExecution for statements the frontend answers itself (USE, SET SESSION, PREPARE,
 * metadata statements, …), so the statement protocol pages them exactly like engine queries.
 * Its work may also decide to hand the statement to the QueryService after all (a metadata
 * statement routed to an engine that answers it natively); the execution then forwards to the
 * service's.
 *
 * Given `answered`, an execution the frontend answered itself (it did not forward) is
 * published as an `answered` query event when it ends, so history and metrics show it.
 */
import { errors, toQueryFluxError } from '../../core/errors.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import type { QueryRequest } from '../../core/query-request.ts'
import type { Column, QueryResult, Row, RowBatch, SessionUpdate } from '../../core/query-result.ts'
import { QueryState } from '../../service/query-execution.ts'
import type { QueryExecution, QueryInfo } from '../../service/query-execution.ts'
import type { AnsweredKind, QueryEvents } from '../../observability/query-events.ts'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** What the local work produces: an answer, or the service's execution to forward to. */
export type LocalOutcome = QueryResult | QueryExecution

/** Where to publish the statement once it is over, and what it was about. */
export interface AnsweredReport {
  readonly events: QueryEvents
  readonly kind: AnsweredKind
}

export class LocalExecution implements QueryExecution {
  readonly queryId: string
  readonly result: Promise<QueryResult>
  readonly done: Promise<void>
  readonly #controller = new AbortController()
  readonly #info: Mutable<QueryInfo>
  #resolveResult!: (result: QueryResult) => void
  #rejectResult!: (error: unknown) => void
  #resolveDone!: () => void
  #delegate: QueryExecution | undefined
  #ended = false
  readonly #answered: AnsweredReport | undefined
  readonly #startedAt = performance.now()

  constructor (request: QueryRequest & { readonly queryId: string }, work: (signal: AbortSignal) => Promise<LocalOutcome>, answered?: AnsweredReport) {
    this.queryId = request.queryId
    this.#answered = answered
    this.#info = {
      queryId: request.queryId,
      state: QueryState.QUEUED,
      protocol: request.session.protocol,
      user: request.session.user,
      sql: request.sql,
      createdAt: Date.now(),
      rows: 0,
    }
    this.result = new Promise((resolve, reject) => { this.#resolveResult = resolve; this.#rejectResult = reject })
    this.result.catch(() => {})
    this.done = new Promise((resolve) => { this.#resolveDone = resolve })
    void this.#run(work)
  }

  /** An execution that has already failed (a malformed statement, a draining frontend). */
  static failed (request: QueryRequest & { readonly queryId: string }, error: QueryFluxError, answered?: AnsweredReport): LocalExecution {
    return new LocalExecution(request, async () => { throw error }, answered)
  }

  get state (): QueryState {
    return this.#delegate?.state ?? this.#info.state
  }

  info (): QueryInfo {
    return this.#delegate?.info() ?? { ...this.#info }
  }

  cancel (reason?: QueryFluxError): void {
    if (this.#delegate !== undefined) { this.#delegate.cancel(reason); return }
    if (this.#ended) return
    const failure = reason ?? errors.cancelled()
    this.#controller.abort(failure)
    this.#end(failure)
  }

  async #run (work: (signal: AbortSignal) => Promise<LocalOutcome>): Promise<void> {
    try {
      const outcome = await work(this.#controller.signal)
      if (isExecution(outcome)) {
        this.#delegate = outcome
        if (this.#ended) outcome.cancel(errors.cancelled())
        outcome.result.then(this.#resolveResult, this.#rejectResult)
        void outcome.done.then(() => this.#resolveDone())
        return
      }
      if (this.#ended) { await outcome.close(); return }
      this.#info.state = QueryState.RUNNING
      this.#info.startedAt = Date.now()
      this.#resolveResult(this.#wrap(outcome))
    } catch (error) {
      this.#end(toQueryFluxError(error))
    }
  }

  async * #batches (inner: QueryResult): AsyncGenerator<RowBatch> {
    try {
      for await (const batch of inner.batches) {
        this.#info.rows += batch.rows.length
        yield batch
      }
    } catch (error) {
      const failure = toQueryFluxError(error)
      this.#end(failure)
      throw failure
    } finally {
      this.#end(undefined)
    }
  }

  #wrap (inner: QueryResult): QueryResult {
    const stream = this.#batches(inner)
    return {
      ...inner,
      batches: stream,
      stats: () => inner.stats(),
      close: async () => { await stream.return(undefined); await inner.close(); this.#end(undefined) },
    }
  }

  #end (failure: QueryFluxError | undefined): void {
    if (this.#ended) return
    this.#ended = true
    this.#info.state = failure === undefined ? QueryState.FINISHED : QueryState.FAILED
    this.#info.endedAt = Date.now()
    if (failure !== undefined) {
      this.#info.error = { code: failure.code, message: failure.message }
      this.#rejectResult(failure.withDetails({ queryId: this.queryId }))
    }
    this.#publish()
    this.#resolveDone()
  }

  #publish (): void {
    if (this.#answered === undefined) return
    const { events, kind } = this.#answered
    const info: QueryInfo = { ...this.#info, answeredBy: 'frontend', answeredKind: kind }
    events.emit('answered', { info, kind, outcome: info.error?.code ?? 'success', durationMs: performance.now() - this.#startedAt })
  }
}

function isExecution (outcome: LocalOutcome): outcome is QueryExecution {
  return 'cancel' in outcome && 'queryId' in outcome
}

/** A small answer held in memory (session statements, metadata lists). */
export function staticResult (columns: readonly Column[], rows: readonly Row[], extra: { sessionUpdate?: SessionUpdate, warnings?: readonly string[] } = {}): QueryResult {
  const startedAt = performance.now()
  async function * batches (): AsyncGenerator<RowBatch> {
    if (rows.length > 0) yield { rows }
  }
  return {
    columns,
    batches: batches(),
    warnings: extra.warnings ?? [],
    ...(extra.sessionUpdate === undefined ? {} : { sessionUpdate: extra.sessionUpdate }),
    stats: () => ({ rows: rows.length, elapsedMs: performance.now() - startedAt }),
    close: async () => {},
  }
}
