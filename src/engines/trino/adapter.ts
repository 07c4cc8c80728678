/**
 * The Trino engine adapter, over Trino's HTTP client protocol with node:http (statement-client.ts).
 * `execute` follows nextUri until the columns are known and resolves then; each later page is
 * fetched only when the consumer pulls, so Trino holds the rest in its output buffer (the
 * protocol's own flow control). DDL and DML are followed to the end and answer with no columns
 * and the update count. Cancel and early close DELETE the nextUri; health is GET /v1/info.
 *
 * Beside `batches`, results offer `encodedPages` (format `trino-json`): the raw text of each
 * page's `data` array, for a Trino frontend to forward without decoding.
 */
import { randomUUID } from 'node:crypto'
import { Dialect } from '../../core/dialect.ts'
import { abortReason, anySignal, throwIfAborted } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'
import type { Column, EncodedPage, QueryResult, QueryStats, Row, RowBatch, SessionUpdate } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { mapTrinoTransportError } from './error-map.ts'
import { TrinoHttpClient } from './http-client.ts'
import { TrinoMetadata } from './metadata.ts'
import type { TrinoOptions } from './options.ts'
import { splitDataMember } from './page-json.ts'
import { bindTrinoParameters } from './parameters.ts'
import { TrinoStatement, statementHeaders } from './statement-client.ts'
import type { TrinoPage } from './statement-client.ts'
import { hasBigintValues, logicalTypeOfColumn, valueDecoder } from './type-map.ts'
import type { ValueDecoder } from './type-map.ts'

const METADATA_SESSION = { user: 'queryflux', protocol: 'admin', headers: {}, clientTags: [], properties: {} } as const

export class TrinoAdapter implements EngineAdapter {
  readonly engine = EngineType.trino
  readonly dialect = Dialect.trino
  readonly metadata: EngineMetadata
  readonly #name: string
  readonly #options: TrinoOptions
  readonly #logger: Logger
  readonly #http: TrinoHttpClient
  readonly #running = new Map<AbortController, TrinoStatement>()
  #closed = false

  constructor (name: string, options: TrinoOptions, logger: Logger) {
    this.#name = name
    this.#options = options
    this.#logger = logger
    this.#http = new TrinoHttpClient(options, this.#what)
    this.metadata = new TrinoMetadata(async (sql, signal) => await this.#collect(sql, signal))
  }

  get #what (): string { return `Trino cluster '${this.#name}'` }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#what, 'the adapter is closed')
    const startedAt = performance.now()
    const control = new AbortController()
    const timer = this.#options.queryTimeoutMs > 0
      ? setTimeout(() => control.abort(errors.queryTimeout(this.#options.queryTimeoutMs)), this.#options.queryTimeoutMs)
      : undefined
    const combined = anySignal(signal, control.signal)
    const details: ErrorDetails = { queryId: query.queryId, cluster: this.#name, engine: EngineType.trino }
    const statement = new TrinoStatement({
      http: this.#http, what: this.#what, details, logger: this.#logger,
      headers: statementHeaders(query.session, query.queryId, this.#options.authUser),
    })
    this.#running.set(control, statement)
    const onAbort = (): void => { void statement.cancel() }
    let isReleased = false
    const release = async (): Promise<void> => {
      if (isReleased) return
      isReleased = true
      clearTimeout(timer)
      this.#running.delete(control)
      combined.removeEventListener('abort', onAbort)
      // Closed early or failed mid-way: stop the server's work.
      if (!statement.isFinished) await statement.cancel()
    }
    combined.addEventListener('abort', onAbort, { once: true })
    try {
      // The POST is not aborted midway: Trino answers it at once, and only its nextUri can cancel the query.
      let page = await statement.start(bindTrinoParameters(query.sql, query.parameters), AbortSignal.timeout(this.#options.connectTimeoutMs + 30_000))
      throwIfAborted(combined)
      while (page.results.columns === undefined && !statement.isFinished) page = await statement.next(combined, false)
      const trinoColumns = page.results.columns ?? []
      if (trinoColumns.length === 0 || page.results.updateType !== undefined) {
        let updateCount = page.results.updateCount
        while (!statement.isFinished) updateCount = (await statement.next(combined, false)).results.updateCount ?? updateCount
        throwIfAborted(combined)
        await release()
        return finishedResult(updateCount, warningsOf(page), statement.sessionUpdate, startedAt)
      }
      const types = trinoColumns.map(logicalTypeOfColumn)
      statement.needsExactNumbers = types.some(hasBigintValues)
      const columns: Column[] = trinoColumns.map((c, i) => ({ name: c.name, type: types[i]! }))
      return streamingResult({ columns, trinoColumns, decoders: types.map(valueDecoder), first: page, statement, signal: combined, startedAt, release })
    } catch (error) {
      await release()
      if (combined.aborted) throw abortReason(combined)
      throw mapTrinoTransportError(error, this.#what, details)
    }
  }

  async #collect (sql: string, signal: AbortSignal): Promise<Row[]> {
    const result = await this.execute({ queryId: `queryflux-metadata-${randomUUID()}`, sql, session: METADATA_SESSION }, signal)
    const out: Row[] = []
    for await (const batch of result.batches) out.push(...batch.rows)
    return out
  }

  async checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    const limit = anySignal(signal, AbortSignal.timeout(this.#options.connectTimeoutMs))
    try {
      const response = await this.#http.request({ method: 'GET', url: this.#http.url('/v1/info'), signal: limit, isControl: true })
      if (response.status !== 200) return { healthy: false, detail: `/v1/info answered HTTP ${response.status}`, checkedAt: Date.now() }
      const info = JSON.parse(response.body) as { starting?: boolean, nodeVersion?: { version?: string } }
      if (info.starting !== false) return { healthy: false, detail: 'the Trino coordinator is still starting', checkedAt: Date.now() }
      return { healthy: true, detail: `Trino ${info.nodeVersion?.version ?? ''}`.trim(), checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? 'health check cancelled' : mapTrinoTransportError(error, this.#what).message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const statements = [...this.#running.entries()]
    for (const [control] of statements) control.abort(errors.cancelled(`${this.#what} is closing`))
    // The cancels (DELETE nextUri) must reach the server before the sockets are destroyed.
    await Promise.allSettled(statements.map(async ([, statement]) => await statement.cancel()))
    this.#http.close()
  }
}

interface StreamState {
  readonly columns: readonly Column[]
  readonly trinoColumns: unknown
  readonly decoders: readonly ValueDecoder[]
  /** The page that carried the columns; it may already hold rows. */
  readonly first: TrinoPage
  readonly statement: TrinoStatement
  readonly signal: AbortSignal
  readonly startedAt: number
  readonly release: () => Promise<void>
}

function streamingResult (state: StreamState): QueryResult {
  const { statement, signal } = state
  let rows = 0
  let endedAt: number | undefined
  let mode: 'rows' | 'encoded' | undefined
  const finish = async (): Promise<void> => {
    endedAt ??= performance.now()
    await state.release()
  }
  const claim = (wanted: 'rows' | 'encoded'): void => {
    if (mode !== undefined && mode !== wanted) throw errors.internal('a Trino result was read both as batches and as encoded pages')
    mode = wanted
  }
  /** Pulls pages until the last, mapping failures; `read` turns a page into what is yielded. */
  async function * pull<T> (read: (page: TrinoPage) => T | undefined, firstValue: T | undefined): AsyncGenerator<T> {
    try {
      if (firstValue !== undefined) yield firstValue
      while (!statement.isFinished) {
        const value = read(await statement.next(signal, mode === 'encoded'))
        if (value !== undefined) yield value
      }
      throwIfAborted(signal)
    } catch (error) {
      if (signal.aborted) throw abortReason(signal)
      throw error
    } finally {
      await finish()
    }
  }
  const decodePage = (page: TrinoPage): RowBatch | undefined => {
    const data = page.results.data
    if (data === undefined || data.length === 0) return undefined
    rows += data.length
    return { rows: decodeRows(data, state.decoders) }
  }
  const encodePage = (page: TrinoPage): EncodedPage | undefined => {
    if (page.rawData === undefined || page.rowCount === 0) return undefined
    rows += page.rowCount
    return { rowCount: page.rowCount, data: page.rawData }
  }
  const batches = (async function * (): AsyncGenerator<RowBatch> {
    claim('rows')
    yield * pull(decodePage, decodePage(state.first))
  })()
  return {
    columns: state.columns,
    batches,
    warnings: warningsOf(state.first),
    encodedPages: {
      format: 'trino-json',
      columns: state.trinoColumns,
      pages: () => {
        claim('encoded')
        const first = state.first.text === undefined ? undefined : splitDataMember(state.first.text)
        const firstPage = first?.data === undefined || first.rows === 0 ? undefined : { rowCount: first.rows, data: first.data }
        if (firstPage !== undefined) rows += firstPage.rowCount
        return pull(encodePage, firstPage)
      },
    },
    stats: (): QueryStats => ({
      rows,
      elapsedMs: (endedAt ?? performance.now()) - state.startedAt,
      ...(statement.processed.rows === undefined ? {} : { processedRows: statement.processed.rows }),
      ...(statement.processed.bytes === undefined ? {} : { processedBytes: statement.processed.bytes }),
    }),
    close: async () => {
      // An unread generator's `return` does not run its body; end it and release directly.
      await batches.return(undefined)
      await finish()
    },
  }
}

function decodeRows (data: readonly unknown[][], decoders: readonly ValueDecoder[]): Row[] {
  const out: Row[] = []
  const width = decoders.length
  for (const source of data) {
    const row: unknown[] = []
    for (let c = 0; c < width; c++) row.push(decoders[c]!(source[c] ?? null))
    out.push(row)
  }
  return out
}

function warningsOf (page: TrinoPage): string[] {
  return (page.results.warnings ?? []).map((w) => w.warningCode?.name === undefined ? (w.message ?? '') : `${w.warningCode.name}: ${w.message ?? ''}`)
}

function finishedResult (updateCount: number | undefined, warnings: string[], sessionUpdate: SessionUpdate | undefined, startedAt: number): QueryResult {
  const elapsedMs = performance.now() - startedAt
  return {
    columns: [],
    batches: (async function * (): AsyncGenerator<RowBatch> {})(),
    ...(updateCount === undefined ? {} : { updateCount: Number(updateCount) }),
    ...(sessionUpdate === undefined ? {} : { sessionUpdate }),
    warnings,
    stats: () => ({ rows: 0, elapsedMs }),
    close: async () => {},
  }
}
