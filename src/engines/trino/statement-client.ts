/**
 * One query over Trino's client protocol: POST /v1/statement, then GET each `nextUri` until
 * there is none; DELETE on `nextUri` cancels. Every response is a QueryResults document (id,
 * nextUri, columns, data, stats, error, warnings, updateType, updateCount); session changes come
 * back as X-Trino-Set-* / X-Trino-Clear-* / X-Trino-Added-Prepare … headers. A 502/503/504 on
 * a nextUri is retried with backoff, as Trino's own clients do (the request is idempotent).
 * @see https://trino.io/docs/current/develop/client-protocol.html
 */
import { delay } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'
import type { SessionContext } from '../../core/query-request.ts'
import type { SessionUpdate } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { mapTrinoError, mapTrinoHttpStatus, mapTrinoTransportError } from './error-map.ts'
import type { TrinoQueryError } from './error-map.ts'
import type { TrinoHttpClient, TrinoHttpResponse } from './http-client.ts'
import { parseJson, splitDataMember } from './page-json.ts'
import type { TrinoColumn } from './type-map.ts'

/** A QueryResults document, as far as QueryFlux reads it. */
export interface TrinoQueryResults {
  readonly id?: string
  readonly nextUri?: string
  readonly columns?: readonly TrinoColumn[]
  readonly data?: readonly unknown[][]
  readonly stats?: { readonly state?: string, readonly processedRows?: number, readonly processedBytes?: number }
  readonly error?: TrinoQueryError
  readonly warnings?: ReadonlyArray<{ readonly message?: string, readonly warningCode?: { readonly name?: string } }>
  readonly updateType?: string
  readonly updateCount?: number
}

/** One response. In raw mode `results.data` stays unparsed and `rawData` holds its JSON text. */
export interface TrinoPage {
  readonly results: TrinoQueryResults
  readonly rawData?: string
  /** Rows in the page (known in both modes). */
  readonly rowCount: number
  /** The whole body, kept only for the page that carried the columns (it may be re-read raw). */
  readonly text?: string
}

/** Headers of a client session that Trino clients send and QueryFlux forwards as they are. */
const FORWARDED = ['x-trino-prepared-statement', 'x-trino-transaction-id', 'x-trino-client-info', 'x-trino-path',
  'x-trino-role', 'x-trino-resource-estimate', 'x-trino-extra-credential', 'x-trino-language']
const RETRY_STATUS = new Set([502, 503, 504])
const MAX_RETRIES = 10

export interface TrinoStatementInit {
  readonly http: TrinoHttpClient
  readonly what: string
  readonly headers: Readonly<Record<string, string>>
  readonly details: ErrorDetails
  readonly logger: Logger
}

export class TrinoStatement {
  readonly #init: TrinoStatementInit
  #nextUri: string | undefined
  #isStarted = false
  #cancelled: Promise<void> | undefined
  /** Whether pages may hold integers beyond 2^53 (unknown until the columns are known). */
  #needsExactNumbers = true
  readonly #session: { -readonly [K in keyof SessionUpdate]: SessionUpdate[K] } = {}
  #processed: { rows?: number, bytes?: number } = {}

  constructor (init: TrinoStatementInit) {
    this.#init = init
  }

  /** True once the server sent a response without nextUri. */
  get isFinished (): boolean {
    return this.#isStarted && this.#nextUri === undefined
  }

  set needsExactNumbers (value: boolean) {
    this.#needsExactNumbers = value
  }

  get processed (): { rows?: number, bytes?: number } {
    return this.#processed
  }

  /** Session changes the statement made, from the response headers seen so far. */
  get sessionUpdate (): SessionUpdate | undefined {
    return Object.keys(this.#session).length === 0 ? undefined : this.#session
  }

  async start (sql: string, signal: AbortSignal): Promise<TrinoPage> {
    const response = await this.#send({ method: 'POST', url: this.#init.http.url('/v1/statement'), body: sql, signal })
    this.#isStarted = true
    return this.#page(response, false)
  }

  /** The next response, parsed fully or with its `data` left raw; throws when the query failed. */
  async next (signal: AbortSignal, isRaw: boolean): Promise<TrinoPage> {
    const url = this.#nextUri
    if (url === undefined) throw errors.internal('TrinoStatement.next called after the last page')
    let response: TrinoHttpResponse | undefined
    for (let attempt = 0; ; attempt++) {
      response = await this.#send({ method: 'GET', url, signal })
      if (!RETRY_STATUS.has(response.status) || attempt >= MAX_RETRIES) break
      await delay(Math.min(50 * 2 ** attempt, 1000), signal)
    }
    return this.#page(response, isRaw)
  }

  /** Stops the query on the server (DELETE nextUri). Idempotent; never throws. */
  async cancel (): Promise<void> {
    if (this.#cancelled === undefined) {
      const url = this.#nextUri
      if (url === undefined) return
      this.#nextUri = undefined
      this.#cancelled = (async () => {
        try {
          await this.#init.http.request({ method: 'DELETE', url, headers: this.#init.headers, isControl: true, signal: AbortSignal.timeout(10_000) })
        } catch (error) {
          this.#init.logger.warn({ err: (error as Error).message, queryId: this.#init.details.queryId }, 'Trino cancel (DELETE nextUri) failed')
        }
      })()
    }
    await this.#cancelled
  }

  async #send (request: { method: 'GET' | 'POST', url: string, body?: string, signal: AbortSignal }): Promise<TrinoHttpResponse> {
    try {
      return await this.#init.http.request({ ...request, headers: this.#init.headers })
    } catch (error) {
      if (request.signal.aborted) throw error
      throw mapTrinoTransportError(error, this.#init.what, this.#init.details)
    }
  }

  #page (response: TrinoHttpResponse, isRaw: boolean): TrinoPage {
    if (response.status !== 200) {
      this.#nextUri = undefined
      throw mapTrinoHttpStatus(response.status, response.body, this.#init.what, this.#init.details)
    }
    this.#readSessionHeaders(response.headers)
    let page: TrinoPage
    try {
      if (isRaw) {
        const split = splitDataMember(response.body)
        const results = JSON.parse(split.rest) as TrinoQueryResults
        page = split.data === undefined ? { results, rowCount: 0 } : { results, rawData: split.data, rowCount: split.rows }
      } else {
        const results = parseJson(response.body, this.#needsExactNumbers) as TrinoQueryResults
        page = { results, rowCount: results.data?.length ?? 0, ...(results.columns === undefined ? {} : { text: response.body }) }
      }
    } catch (error) {
      this.#nextUri = undefined
      throw mapTrinoTransportError(new Error(`unreadable response: ${(error as Error).message}`, { cause: error }), this.#init.what, this.#init.details)
    }
    const { results } = page
    this.#nextUri = results.nextUri
    if (results.stats !== undefined) this.#processed = { rows: results.stats.processedRows, bytes: results.stats.processedBytes }
    if (results.error !== undefined) {
      this.#nextUri = undefined
      throw mapTrinoError(results.error, this.#init.what, this.#init.details)
    }
    return page
  }

  #readSessionHeaders (headers: TrinoHttpResponse['headers']): void {
    const list = (name: string): string[] => {
      const value = headers[name]
      if (value === undefined) return []
      return (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter((v) => v !== '')
    }
    const pairs = (name: string): Record<string, string> => Object.fromEntries(list(name).map((entry) => {
      const eq = entry.indexOf('=')
      return [entry.slice(0, eq).trim(), decodeURIComponent(entry.slice(eq + 1).trim().replaceAll('+', ' '))]
    }))
    const one = (name: string): string | undefined => list(name)[0]
    const session = this.#session
    const catalog = one('x-trino-set-catalog')
    if (catalog !== undefined) session.catalog = catalog
    const schema = one('x-trino-set-schema')
    if (schema !== undefined) session.schema = schema
    if (headers['x-trino-set-session'] !== undefined) session.setProperties = { ...session.setProperties, ...pairs('x-trino-set-session') }
    if (headers['x-trino-clear-session'] !== undefined) session.resetProperties = [...(session.resetProperties ?? []), ...list('x-trino-clear-session')]
    if (headers['x-trino-added-prepare'] !== undefined) session.addedPreparedStatements = { ...session.addedPreparedStatements, ...pairs('x-trino-added-prepare') }
    if (headers['x-trino-deallocated-prepare'] !== undefined) {
      session.deallocatedPreparedStatements = [...(session.deallocatedPreparedStatements ?? []), ...list('x-trino-deallocated-prepare').map(decodeURIComponent)]
    }
    if (headers['x-trino-started-transaction-id'] !== undefined) session.startedTransaction = true
    if (headers['x-trino-clear-transaction-id'] !== undefined) session.endedTransaction = true
  }
}

/** Request headers for a statement from the client's session. */
export function statementHeaders (session: SessionContext, queryId: string, fallbackUser: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'x-trino-user': session.user === '' ? (fallbackUser ?? 'queryflux') : session.user,
    'x-trino-source': session.source ?? 'queryflux',
    // Without it Trino rounds times and timestamps to milliseconds and reports them without precision.
    'x-trino-client-capabilities': 'PARAMETRIC_DATETIME',
    // Trino shows the trace token in system.runtime.queries and its UI: it ties the two query ids.
    'x-trino-trace-token': queryId,
  }
  if (session.catalog !== undefined) headers['x-trino-catalog'] = session.catalog
  if (session.schema !== undefined) headers['x-trino-schema'] = session.schema
  if (session.timeZone !== undefined) headers['x-trino-time-zone'] = session.timeZone
  if (session.clientTags.length > 0) headers['x-trino-client-tags'] = session.clientTags.join(',')
  // QueryFlux's own settings (queryflux.*, queryflux_*) mean nothing to Trino, which rejects unknown properties.
  const properties = Object.entries(session.properties).filter(([name]) => !/^queryflux[._]/i.test(name))
  if (properties.length > 0) headers['x-trino-session'] = properties.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(',')
  if (session.protocol === 'trinoHttp') {
    for (const name of FORWARDED) {
      const value = session.headers[name]
      if (value !== undefined) headers[name] = value
    }
  }
  return headers
}
