/**
 * One Trino query as its client sees it: the QueryResults pages of the client protocol over a
 * QueryExecution. The first response (POST) is QUEUED with a nextUri; each GET of the next
 * token long-polls up to `maxWaitMs` for progress, then answers QUEUED/RUNNING with a nextUri,
 * or with columns and up to `targetPageBytes` of rows, until a page without nextUri ends the
 * query (FINISHED or FAILED). Batches are pulled only while a client is asking for a page, so
 * a slow client slows the engine (the remainder of a batch larger than a page waits here).
 * A repeated GET of the last token answers the same page again, since clients retry.
 * Pass-through: when Trino SQL ran on a Trino engine and the result offers `encodedPages` in
 * `trino-json`, each poll forwards one engine page: its `columns` and `data` text are spliced in
 * unparsed, and only ids, URIs and stats are QueryFlux's own.
 * @see https://trino.io/docs/current/develop/client-protocol.html
 */
import { errors, toQueryFluxError } from '../../core/errors.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import type { EncodedPage, QueryResult, RowBatch } from '../../core/query-result.ts'
import type { QueryExecution, QueryState } from '../../service/query-execution.ts'
import type { Logger } from '../../observability/logger.ts'
import { toTrinoError } from './error-map.ts'
import { PageEncoder } from './page-encoder.ts'
import { statementPath } from './query-id.ts'
import { sessionUpdateHeaders } from './session-headers.ts'
import type { HeaderPrefix } from './session-headers.ts'

export interface StatementOptions {
  readonly slug: string
  readonly execution: QueryExecution
  readonly prefix: HeaderPrefix
  /** What Trino's updateType says if the statement turns out to change data or the session. */
  readonly updateType?: string | undefined
  readonly targetPageBytes: number
  /** Longest a poll waits for progress before answering (Trino's default is 1 s). */
  readonly maxWaitMs: number
  /** Forward the engine's Trino JSON pages undecoded when the result offers them (queryflux.frontends.trinoHttp.passthrough). */
  readonly passthrough: boolean
  /** Called once when the statement's rows take the pass-through path (counted for tests and metrics). */
  readonly onPassthrough?: (() => void) | undefined
  readonly logger: Logger
}

/** One HTTP answer of the statement protocol. */
export interface TrinoPage {
  readonly headers: Readonly<Record<string, string | string[]>>
  readonly body: string
}

/** Trino's warning code for warnings QueryFlux relays (no Trino code fits). */
const QUERYFLUX_WARNING = { code: 0x0100_0001, name: 'QUERYFLUX_WARNING' }

export class TrinoStatement {
  readonly queryId: string
  readonly slug: string
  /** When the client last asked for anything (GET, HEAD, DELETE); clientTimeoutMs counts from here. */
  lastAccess = Date.now()
  readonly #options: StatementOptions
  readonly #exec: QueryExecution
  #token = 0
  #lastPage: TrinoPage | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #result: QueryResult | undefined
  #encoder: PageEncoder | undefined
  #columnsJson: string | undefined
  #pages: AsyncIterator<EncodedPage> | undefined
  #pendingPage: Promise<IteratorResult<EncodedPage>> | undefined
  #iterator: AsyncIterator<RowBatch> | undefined
  #pendingNext: Promise<IteratorResult<RowBatch>> | undefined
  #remainder: { rows: readonly unknown[][], index: number } | undefined
  #isExhausted = false
  #pendingHeaders: Record<string, string | string[]> = {}
  #rowsSent = 0
  #bytesSent = 0
  #isComplete = false
  #isAbandoned = false
  #isCancelled = false
  #inFlight = 0

  constructor (options: StatementOptions) {
    this.#options = options
    this.#exec = options.execution
    this.queryId = options.execution.queryId
    this.slug = options.slug
  }

  get execution (): QueryExecution { return this.#exec }

  /** The last page (no nextUri) has been produced. */
  get isComplete (): boolean { return this.#isComplete }

  /** A request of the client is being answered (a long poll counts as the client being there). */
  get isBusy (): boolean { return this.#inFlight > 0 }

  /** A client may still come back for rows: not finished, not cancelled, not timed out. */
  get isActive (): boolean { return !this.#isComplete && !this.#isAbandoned && !this.#isCancelled }

  /** The POST answer: QUEUED, with the nextUri of token 1. */
  firstPage (base: string): TrinoPage {
    const page = this.#page(base, 0, { state: 'QUEUED', hasNext: true })
    this.#lastPage = page
    return page
  }

  /** The page for `token`: the last one again, the next one, or undefined for any other token. */
  async page (token: number, base: string): Promise<TrinoPage | undefined> {
    this.lastAccess = Date.now()
    this.#inFlight++
    const run = this.#queue.then(async () => {
      if (token === this.#token) return this.#lastPage
      if (token !== this.#token + 1 || this.#isComplete) return undefined
      const page = await this.#produce(base, token)
      this.#token = token
      this.#lastPage = page
      return page
    })
    this.#queue = run.catch(() => {})
    try {
      return await run
    } finally {
      this.#inFlight--
      this.lastAccess = Date.now()
    }
  }

  touch (): void {
    this.lastAccess = Date.now()
  }

  /** DELETE from the client: cancel wherever the query is. */
  cancel (reason?: QueryFluxError): void {
    this.touch()
    this.#isCancelled = true
    this.#exec.cancel(reason)
  }

  /** The client stopped polling: cancel and free the slot. */
  abandon (idleMs: number): void {
    if (!this.isActive) return
    this.#isAbandoned = true
    this.#options.logger.info({ queryId: this.queryId, idleMs }, 'Trino client stopped polling; cancelling its query')
    this.#exec.cancel(errors.cancelled(`the client did not poll for ${idleMs} ms (queryflux.frontends.trinoHttp.clientTimeoutMs), so the query was cancelled`))
  }

  async #produce (base: string, token: number): Promise<TrinoPage> {
    const deadline = Date.now() + this.#options.maxWaitMs
    try {
      if (this.#result === undefined) {
        const settled = await within(this.#exec.result, this.#options.maxWaitMs)
        if (settled === undefined) return this.#page(base, token, { state: this.#exec.state === 'QUEUED' ? 'QUEUED' : 'RUNNING', hasNext: true })
        this.#start(settled.value)
      }
      const result = this.#result!
      if (result.updateCount !== undefined || result.columns.length === 0) return await this.#updatePage(base, token, result)
      if (this.#pages !== undefined) return await this.#forward(base, token, deadline)
      await this.#fill(deadline)
      this.#rowsSent += this.#encoder!.rowCount
      const data = this.#encoder!.take()
      const isLast = this.#isExhausted && this.#remainder === undefined
      return this.#page(base, token, { state: isLast ? 'FINISHED' : 'RUNNING', hasNext: !isLast, data })
    } catch (error) {
      this.#encoder?.take()
      void this.#releaseResult()
      return this.#page(base, token, { state: 'FAILED', hasNext: false, error: toQueryFluxError(error) })
    }
  }

  #start (result: QueryResult): void {
    this.#result = result
    this.#pendingHeaders = sessionUpdateHeaders(this.#options.prefix, result.sessionUpdate)
    const encoded = result.encodedPages
    if (encoded?.format === 'trino-json' && this.#options.passthrough && this.#isTrinoToTrino() && result.updateCount === undefined && result.columns.length > 0) {
      this.#columnsJson = JSON.stringify(encoded.columns)
      this.#pages = encoded.pages()[Symbol.asyncIterator]()
      this.#options.onPassthrough?.()
      return
    }
    this.#encoder = new PageEncoder(result.columns)
    this.#columnsJson = this.#encoder.columnsJson
    this.#iterator = result.batches[Symbol.asyncIterator]()
  }

  /** Trino SQL sent to the engine as written: the engine's pages are what a Trino client expects. */
  #isTrinoToTrino (): boolean {
    const info = this.#exec.info()
    return info.sourceDialect === 'trino' && (info.targetDialect === undefined || info.targetDialect === 'trino')
  }

  /** Pass-through: one engine page per poll, its `data` text forwarded as received. */
  async #forward (base: string, token: number, deadline: number): Promise<TrinoPage> {
    if (this.#pendingPage === undefined) {
      const next = this.#pages!.next()
      // Kept across polls; a cancel may reject it while nobody awaits it.
      next.catch(() => {})
      this.#pendingPage = next
    }
    const settled = await within(this.#pendingPage, Math.max(0, deadline - Date.now()))
    if (settled === undefined) return this.#page(base, token, { state: 'RUNNING', hasNext: true })
    this.#pendingPage = undefined
    if (settled.value.done === true) {
      this.#isExhausted = true
      return this.#page(base, token, { state: 'FINISHED', hasNext: false })
    }
    const page = settled.value.value
    this.#rowsSent += page.rowCount
    return this.#page(base, token, { state: 'RUNNING', hasNext: true, data: page.data })
  }

  /** Pulls batches into the page until it is full, the rows end, or the deadline passes. */
  async #fill (deadline: number): Promise<void> {
    const encoder = this.#encoder!
    const target = this.#options.targetPageBytes
    while (encoder.bytes < target) {
      const remainder = this.#remainder
      if (remainder !== undefined) {
        const { rows } = remainder
        while (remainder.index < rows.length && encoder.bytes < target) encoder.add(rows[remainder.index++]!)
        if (remainder.index >= rows.length) this.#remainder = undefined
        continue
      }
      if (this.#isExhausted) return
      if (this.#pendingNext === undefined) {
        const next = this.#iterator!.next()
        // Kept across polls; a cancel may reject it while nobody awaits it.
        next.catch(() => {})
        this.#pendingNext = next
      }
      const settled = await within(this.#pendingNext, Math.max(0, deadline - Date.now()))
      if (settled === undefined) return
      this.#pendingNext = undefined
      if (settled.value.done === true) { this.#isExhausted = true; return }
      this.#remainder = { rows: settled.value.value.rows, index: 0 }
    }
  }

  /** DML (updateCount) and DDL/session statements (no columns): one final page, as Trino sends it. */
  async #updatePage (base: string, token: number, result: QueryResult): Promise<TrinoPage> {
    await this.#releaseResult()
    const count = result.updateCount
    return this.#page(base, token, {
      state: 'FINISHED',
      hasNext: false,
      updateType: this.#options.updateType ?? (count === undefined ? undefined : 'UPDATE'),
      // As Trino: DDL and session statements have empty columns (JDBC needs them present).
      ...(count === undefined ? { columnsJson: '[]' } : { updateCount: count, data: `[[${count}]]`, columnsJson: ROWS_COLUMN }),
    })
  }

  async #releaseResult (): Promise<void> {
    const result = this.#result
    if (result === undefined) return
    this.#isExhausted = true
    this.#remainder = undefined
    await result.close().catch(() => {})
  }

  #page (base: string, token: number, parts: PageParts): TrinoPage {
    const { queryId, slug } = this
    const info = this.#exec.info()
    const hasStarted = this.#result !== undefined
    const fields: string[] = [
      `"id":${JSON.stringify(queryId)}`,
      `"infoUri":${JSON.stringify(`${base}/v1/query/${queryId}`)}`,
    ]
    if (parts.hasNext) {
      if (hasStarted || parts.state === 'RUNNING') fields.push(`"partialCancelUri":${JSON.stringify(`${base}/v1/stage/${queryId}.0`)}`)
      fields.push(`"nextUri":${JSON.stringify(base + statementPath(hasStarted ? 'executing' : 'queued', queryId, slug, token + 1))}`)
    }
    const columnsJson = parts.columnsJson ?? (parts.updateType === undefined ? this.#columnsJson : undefined)
    if (columnsJson !== undefined) fields.push(`"columns":${columnsJson}`)
    if (parts.data !== undefined) {
      fields.push(`"data":${parts.data}`)
      if (parts.updateCount === undefined) this.#bytesSent += parts.data.length
    }
    fields.push(`"stats":${JSON.stringify(this.#stats(parts.state, info))}`)
    if (parts.error !== undefined) {
      fields.push(`"error":${JSON.stringify(toTrinoError(parts.error))}`)
      this.#options.logger.debug({ queryId, code: parts.error.code }, 'Trino query failed')
    }
    const warnings = this.#result?.warnings ?? []
    fields.push(`"warnings":${JSON.stringify(warnings.map((message) => ({ warningCode: QUERYFLUX_WARNING, message })))}`)
    if (parts.updateType !== undefined) fields.push(`"updateType":${JSON.stringify(parts.updateType)}`)
    if (parts.updateCount !== undefined) fields.push(`"updateCount":${parts.updateCount}`)
    if (!parts.hasNext) this.#isComplete = true
    const headers = this.#pendingHeaders
    this.#pendingHeaders = {}
    return { headers, body: `{${fields.join(',')}}` }
  }

  #stats (state: QueryState, info: ReturnType<QueryExecution['info']>): Record<string, unknown> {
    const now = Date.now()
    const elapsed = (info.endedAt ?? now) - info.createdAt
    const queued = info.queuedMs ?? (state === 'QUEUED' ? now - info.createdAt : 0)
    const engine = this.#result?.stats()
    const processedRows = engine?.processedRows ?? this.#rowsSent
    const processedBytes = engine?.processedBytes ?? this.#bytesSent
    const isScheduled = state !== 'QUEUED'
    const nodes = isScheduled ? 1 : 0
    const done = state === 'FINISHED' || state === 'FAILED'
    return {
      state,
      queued: state === 'QUEUED',
      scheduled: isScheduled,
      nodes,
      totalSplits: 0,
      queuedSplits: 0,
      runningSplits: 0,
      completedSplits: 0,
      cpuTimeMillis: 0,
      wallTimeMillis: elapsed,
      queuedTimeMillis: queued,
      elapsedTimeMillis: elapsed,
      processedRows,
      processedBytes,
      physicalInputBytes: 0,
      peakMemoryBytes: 0,
      spilledBytes: 0,
      rootStage: {
        stageId: '0', state, done, nodes, totalSplits: 0, queuedSplits: 0, runningSplits: 0, completedSplits: 0,
        cpuTimeMillis: 0, wallTimeMillis: elapsed, processedRows, processedBytes, physicalInputBytes: 0,
        failedTasks: 0, coordinatorOnly: false, subStages: [],
      },
    }
  }
}

interface PageParts {
  readonly state: QueryState
  readonly hasNext: boolean
  readonly data?: string | undefined
  readonly columnsJson?: string
  readonly error?: QueryFluxError
  readonly updateType?: string | undefined
  readonly updateCount?: number
}

/** Trino's answer columns for DML: one bigint column `rows`. */
const ROWS_COLUMN = JSON.stringify([{ name: 'rows', type: 'bigint', typeSignature: { rawType: 'bigint', arguments: [] } }])

/** The promise's value if it settles within `ms`, undefined if not; rejections pass through. */
async function within<T> (promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(resolve, ms, undefined) })
  try {
    return await Promise.race([promise.then((value) => ({ value })), timeout])
  } finally {
    clearTimeout(timer)
  }
}
