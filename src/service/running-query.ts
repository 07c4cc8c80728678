/**
 * One query's state as it moves through the pipeline. It owns the query's AbortController, its
 * capacity lease and the wrapping of the engine's result stream, so that every way a query can
 * end (last batch read, early close, client cancel, engine error) frees the slot exactly once.
 */
import type { Dialect } from '../core/dialect.ts'
import { errors, QueryFluxError, toQueryFluxError } from '../core/errors.ts'
import { abortReason, anySignal } from '../core/cancellation.ts'
import type { QueryRequest } from '../core/query-request.ts'
import type { EncodedPage, QueryResult, RowBatch } from '../core/query-result.ts'
import type { Lease, LeaseOutcome } from '../capacity/lease.ts'
import type { RoutingTrace } from '../routing/routing-trace.ts'
import type { QueryEvents } from '../observability/query-events.ts'
import type { Logger } from '../observability/logger.ts'
import { QueryState } from './query-execution.ts'
import type { QueryExecution, QueryInfo } from './query-execution.ts'

export interface RunningQueryOptions {
  readonly queryId: string
  readonly request: QueryRequest
  readonly sourceDialect: Dialect
  readonly events: QueryEvents
  readonly logger: Logger
  readonly onDone: (info: QueryInfo) => void
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export class RunningQuery implements QueryExecution {
  readonly queryId: string
  readonly request: QueryRequest
  readonly sourceDialect: Dialect
  readonly signal: AbortSignal
  readonly result: Promise<QueryResult>
  readonly done: Promise<void>
  logger: Logger

  readonly #controller = new AbortController()
  readonly #events: QueryEvents
  readonly #onDone: (info: QueryInfo) => void
  readonly #info: Mutable<QueryInfo>
  #resolveResult!: (result: QueryResult) => void
  #rejectResult!: (error: unknown) => void
  #resolveDone!: () => void
  #lease: Lease | undefined
  #inner: QueryResult | undefined
  #ended = false

  constructor (options: RunningQueryOptions) {
    this.queryId = options.queryId
    this.request = options.request
    this.sourceDialect = options.sourceDialect
    this.#events = options.events
    this.#onDone = options.onDone
    this.signal = anySignal(this.#controller.signal, options.request.signal)
    this.logger = options.logger.child({ queryId: options.queryId })
    const session = options.request.session
    this.#info = {
      queryId: options.queryId,
      state: QueryState.QUEUED,
      protocol: session.protocol,
      user: session.user,
      sql: options.request.sql,
      createdAt: Date.now(),
      sourceDialect: options.sourceDialect,
      rows: 0,
    }
    this.result = new Promise((resolve, reject) => { this.#resolveResult = resolve; this.#rejectResult = reject })
    // Frontends that only poll `state` (Trino HTTP) may never await `result`.
    this.result.catch(() => {})
    this.done = new Promise((resolve) => { this.#resolveDone = resolve })
    this.signal.addEventListener('abort', () => this.#onAbort(), { once: true })
  }

  get state (): QueryState {
    return this.#info.state
  }

  info (): QueryInfo {
    return { ...this.#info }
  }

  cancel (reason?: QueryFluxError): void {
    if (this.#ended || this.#controller.signal.aborted) return
    this.#controller.abort(reason ?? errors.cancelled())
  }

  /** Runs the pipeline; any error it throws fails the query. */
  async run (pipeline: (query: RunningQuery) => Promise<void>): Promise<void> {
    try {
      await pipeline(this)
    } catch (error) {
      this.fail(this.signal.aborted ? abortReason(this.signal) : error)
    }
  }

  routed (group: string, trace: RoutingTrace): void {
    this.#info.group = group
    this.#info.routingTrace = trace
    this.logger = this.logger.child({ group })
  }

  translated (target: Dialect, sql: string, outcome: string): void {
    this.#info.targetDialect = target
    this.#info.translatedSql = sql
    this.#info.translationOutcome = outcome
  }

  started (lease: Lease, engine: string, sql: string): void {
    this.#lease = lease
    this.#info.state = QueryState.RUNNING
    this.#info.group = lease.group
    this.#info.cluster = lease.cluster
    this.#info.engine = engine
    this.#info.translatedSql = sql
    this.#info.queuedMs = lease.queuedMs
    this.#info.startedAt = Date.now()
    this.logger = this.logger.child({ cluster: lease.cluster })
  }

  /** The engine answered with columns: hand a wrapped result to the frontend. */
  streaming (result: QueryResult, lease: Lease): void {
    if (this.#ended) {
      void result.close()
      return
    }
    this.#lease = lease
    this.#inner = result
    this.#resolveResult(this.#wrap(result))
  }

  /** Ends the query with an error (before or during streaming). */
  fail (error: unknown): void {
    const failure = toQueryFluxError(error).withDetails({ queryId: this.queryId })
    this.#rejectResult(failure)
    this.#end(failure)
  }

  /** The engine's stream (`batches` or `encodedPages.pages()`), counting rows and ending the query however it stops. */
  async * #track<T> (inner: QueryResult, source: () => AsyncIterable<T>, rowsOf: (item: T) => number): AsyncGenerator<T> {
    try {
      for await (const item of source()) {
        this.#info.rows += rowsOf(item)
        yield item
      }
      if (this.signal.aborted) throw abortReason(this.signal)
      this.#end(undefined)
    } catch (error) {
      const failure = toQueryFluxError(this.signal.aborted ? abortReason(this.signal) : error).withDetails({ queryId: this.queryId })
      this.#end(failure)
      throw failure
    } finally {
      // Reached when the consumer stops early (break / return()): the engine may still have work.
      if (!this.#ended) {
        await inner.close().catch(() => {})
        this.#end(undefined)
      }
    }
  }

  #wrap (inner: QueryResult): QueryResult {
    const stream = this.#track<RowBatch>(inner, () => inner.batches, (batch) => batch.rows.length)
    const encoded = inner.encodedPages
    let pages: AsyncGenerator<EncodedPage> | undefined
    return {
      columns: inner.columns,
      batches: stream,
      updateCount: inner.updateCount,
      warnings: inner.warnings,
      sessionUpdate: inner.sessionUpdate,
      ...(encoded === undefined
        ? {}
        : { encodedPages: { format: encoded.format, columns: encoded.columns, pages: () => (pages ??= this.#track<EncodedPage>(inner, () => encoded.pages(), (page) => page.rowCount)) } }),
      stats: () => inner.stats(),
      close: async () => {
        await stream.return(undefined)
        await pages?.return(undefined)
        await inner.close().catch(() => {})
        this.#end(undefined)
      },
    }
  }

  #onAbort (): void {
    if (this.#ended) return
    // Before streaming, the pipeline notices the signal and fails the query itself; reject a
    // still-pending result at once so a waiting client hears about it now.
    this.#rejectResult(abortReason(this.signal))
    // While streaming, the consumer may never pull again (a Trino client that sent DELETE):
    // close the engine's stream and free the slot now rather than when someone reads.
    if (this.#inner !== undefined) {
      void this.#inner.close().catch(() => {})
      this.#end(toQueryFluxError(abortReason(this.signal)))
    }
  }

  #end (failure: QueryFluxError | undefined): void {
    if (this.#ended) return
    this.#ended = true
    const outcome: LeaseOutcome = failure === undefined ? 'success' : failure.code === 'CANCELLED' ? 'cancelled' : failure.code === 'ENGINE_UNAVAILABLE' ? 'engineFailure' : 'queryError'
    this.#lease?.release(outcome)
    this.#info.state = failure === undefined ? QueryState.FINISHED : QueryState.FAILED
    this.#info.endedAt = Date.now()
    if (failure !== undefined) this.#info.error = { code: failure.code, message: failure.message }
    const info = this.info()
    const durationMs = info.endedAt! - info.createdAt
    this.#events.emit('finished', { info, outcome: failure?.code ?? 'success', durationMs })
    if (failure === undefined || failure.code === 'CANCELLED') this.logger.info({ rows: info.rows, durationMs, outcome: failure?.code ?? 'success' }, 'query finished')
    else if (failure.code === 'ENGINE_UNAVAILABLE' || failure.code === 'INTERNAL_ERROR') this.logger.error({ err: failure, durationMs }, 'query failed')
    else this.logger.warn({ code: failure.code, msg2: failure.message, durationMs }, 'query failed')
    this.#onDone(info)
    this.#resolveDone()
  }
}
