/**
 * The ClickHouse engine adapter, over the HTTP interface with node:http (a keep-alive agent
 * of `poolSize` sockets). Every query is sent with `query_id` = the QueryFlux query id and
 * read as TabSeparatedWithNamesAndTypes, which every ClickHouse version since 2016 speaks
 * (Debian's 18.16 included); the response is pulled chunk by chunk only as the consumer asks,
 * so TCP flow control holds the server back. Cancel sends `KILL QUERY WHERE query_id = …`
 * on a separate connection and drops the response; health is `/ping`.
 * @see https://clickhouse.com/docs/en/interfaces/http
 */
import http from 'node:http'
import https from 'node:https'
import type { IncomingMessage } from 'node:http'
import { randomUUID } from 'node:crypto'
import { Dialect } from '../../core/dialect.ts'
import { abortReason, anySignal, throwIfAborted } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { Column, QueryResult, QueryStats, RowBatch } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { mapClickHouseException, mapClickHouseTransportError, parseException } from './error-map.ts'
import { ClickHouseMetadata } from './metadata.ts'
import type { ClickHouseOptions } from './options.ts'
import { bindClickHouseParameters, quoteClickHouse } from './parameters.ts'
import { fieldDecoder, logicalTypeOf, parseClickHouseType } from './type-map.ts'
import type { FieldDecoder } from './type-map.ts'
import { TsvLineReader, splitFields, unescapeField } from './tsv-reader.ts'

const FORMAT = 'TabSeparatedWithNamesAndTypes'
/** Largest error body read from a failed response. */
const MAX_ERROR_BYTES = 64 * 1024
/** Mid-stream exceptions are appended to the body as a line of their own (18.x and newer). */
const EXCEPTION_LINE = /^Code: \d+[.,] .*DB::Exception/

export class ClickHouseAdapter implements EngineAdapter {
  readonly engine = EngineType.clickHouse
  readonly dialect = Dialect.clickHouse
  readonly metadata: EngineMetadata
  readonly #name: string
  readonly #options: ClickHouseOptions
  readonly #logger: Logger
  readonly #agent: http.Agent
  /** Kill requests and health checks never wait behind busy query sockets. */
  readonly #controlAgent: http.Agent
  readonly #running = new Set<AbortController>()
  #version: string | undefined
  #closed = false

  constructor (name: string, options: ClickHouseOptions, logger: Logger) {
    this.#name = name
    this.#options = options
    this.#logger = logger
    const AgentClass = options.isHttps ? https.Agent : http.Agent
    this.#agent = new AgentClass({ keepAlive: true, maxSockets: options.poolSize, ...options.tls })
    this.#controlAgent = new AgentClass({ keepAlive: false, ...options.tls })
    this.metadata = new ClickHouseMetadata(async (sql, signal) => await this.#collect(sql, signal))
  }

  get #what (): string { return `ClickHouse cluster '${this.#name}'` }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#what, 'the adapter is closed')
    const sql = bindClickHouseParameters(query.sql, query.parameters)
    const startedAt = performance.now()
    const control = new AbortController()
    this.#running.add(control)
    const timer = this.#options.queryTimeoutMs > 0
      ? setTimeout(() => control.abort(errors.queryTimeout(this.#options.queryTimeoutMs)), this.#options.queryTimeoutMs)
      : undefined
    const combined = anySignal(signal, control.signal)
    const details = { queryId: query.queryId, cluster: this.#name, engine: EngineType.clickHouse }
    let response: IncomingMessage | undefined
    let request: http.ClientRequest | undefined
    let isDone = false
    let killed: Promise<void> | undefined
    const kill = (): Promise<void> => (killed ??= this.#killQuery(query.queryId))
    const onAbort = (): void => {
      void kill()
      const reason = abortReason(combined)
      request?.destroy(reason)
      response?.destroy(reason)
    }
    const release = async (): Promise<void> => {
      clearTimeout(timer)
      this.#running.delete(control)
      combined.removeEventListener('abort', onAbort)
      if (!isDone) {
        // Closed early or cancelled: stop the server's work, then drop the socket.
        isDone = true
        response?.destroy()
        await kill()
      }
    }
    combined.addEventListener('abort', onAbort, { once: true })
    try {
      const sent = this.#send({ query_id: query.queryId, default_format: FORMAT }, sql, this.#agent)
      request = sent.request
      response = await sent.response
      if (response.statusCode !== 200) {
        const body = await readBody(response, MAX_ERROR_BYTES)
        isDone = true
        throw mapClickHouseException(body, this.#what, details, response.statusCode)
      }
      const chunks = response[Symbol.asyncIterator]() as AsyncIterator<Buffer>
      const reader = new TsvLineReader()
      const lines: string[] = []
      while (lines.length < 2) {
        const next = await chunks.next()
        if (next.done === true) break
        lines.push(...reader.push(next.value))
      }
      if (lines.length === 0) {
        // DDL and INSERT answer with an empty body; newer servers report written rows in a header.
        isDone = true
        await release()
        return finishedResult(writtenRows(response), startedAt)
      }
      if (lines.length < 2) {
        isDone = true
        throw mapClickHouseException(lines.join('\n'), this.#what, details, response.statusCode)
      }
      const names = splitFields(lines.shift()!).map((name) => unescapeField(name) ?? '')
      const types = splitFields(lines.shift()!).map((text) => parseClickHouseType(unescapeField(text) ?? 'String'))
      const columns: Column[] = names.map((name, i) => ({ name, type: logicalTypeOf(types[i]!) }))
      const decoders = types.map(fieldDecoder)
      const markDone = (): void => { isDone = true }
      return this.#streamingResult(columns, decoders, lines, chunks, reader, combined, startedAt, release, markDone, details)
    } catch (error) {
      await release()
      if (combined.aborted) throw abortReason(combined)
      throw mapClickHouseTransportError(error, this.#what, details)
    }
  }

  #streamingResult (columns: readonly Column[], decoders: readonly FieldDecoder[], firstLines: string[], chunks: AsyncIterator<Buffer>,
    reader: TsvLineReader, signal: AbortSignal, startedAt: number, release: () => Promise<void>, markDone: () => void,
    details: Record<string, string>): QueryResult {
    let rows = 0
    let endedAt: number | undefined
    const what = this.#what
    const finish = async (): Promise<void> => {
      endedAt ??= performance.now()
      await release()
    }
    const decode = (lines: readonly string[]): unknown[][] => lines.map((line) => {
      const fields = splitFields(line)
      if (fields.length !== columns.length || EXCEPTION_LINE.test(line)) {
        if (parseException(line) !== undefined) throw mapClickHouseException(line, what, details)
        throw errors.internal(`ClickHouse sent a row with ${fields.length} fields for ${columns.length} columns`)
      }
      return fields.map((raw, i) => decoders[i]!(raw))
    })
    async function * batches (): AsyncGenerator<RowBatch> {
      try {
        if (firstLines.length > 0) {
          const batch = decode(firstLines)
          rows += batch.length
          yield { rows: batch }
        }
        for (;;) {
          let next
          try {
            next = await chunks.next()
          } catch (error) {
            if (signal.aborted) throw abortReason(signal)
            throw mapClickHouseTransportError(error, what, details)
          }
          if (next.done === true) break
          const lines = reader.push(next.value)
          if (lines.length === 0) continue
          const batch = decode(lines)
          rows += batch.length
          yield { rows: batch }
        }
        if (reader.remainder.length > 0) {
          const rest = reader.remainder
          throw parseException(rest) !== undefined ? mapClickHouseException(rest, what, details) : errors.internal('ClickHouse ended a result in the middle of a row')
        }
        markDone()
        throwIfAborted(signal)
      } finally {
        await finish()
      }
    }
    return {
      columns,
      batches: batches(),
      warnings: [],
      stats: (): QueryStats => ({ rows, elapsedMs: (endedAt ?? performance.now()) - startedAt }),
      close: finish,
    }
  }

  /** Sends one POST; resolves with the response head. A connect that takes too long fails. */
  #send (params: Record<string, string>, body: string, agent: http.Agent): { request: http.ClientRequest, response: Promise<IncomingMessage> } {
    const search = new URLSearchParams(params)
    if (this.#options.database !== undefined) search.set('database', this.#options.database)
    const transport = this.#options.isHttps ? https : http
    const request = transport.request(`${this.#options.origin}/?${search.toString()}`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        ...(this.#options.authorization === undefined ? {} : { authorization: this.#options.authorization }),
      },
    })
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve)
      request.once('error', reject)
      request.once('socket', (socket) => {
        if (!socket.connecting) return
        const timer = setTimeout(() => request.destroy(errors.engineUnavailable(this.#what, `no connection within ${this.#options.connectTimeoutMs} ms (connectTimeoutMs)`)), this.#options.connectTimeoutMs)
        socket.once('connect', () => clearTimeout(timer))
        socket.once('close', () => clearTimeout(timer))
      })
    })
    request.end(body)
    return { request, response }
  }

  /** Runs a statement to completion on the control agent and returns its body. */
  async #control (sql: string, signal?: AbortSignal): Promise<string> {
    const sent = this.#send({ query_id: `queryflux-${randomUUID()}`, default_format: FORMAT }, sql, this.#controlAgent)
    const onAbort = (): void => { sent.request.destroy(errors.cancelled()) }
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const response = await sent.response
      const body = await readBody(response, 16 * 1024 * 1024)
      if (response.statusCode !== 200) throw mapClickHouseException(body, this.#what, {}, response.statusCode)
      return body
    } catch (error) {
      throw mapClickHouseTransportError(error, this.#what)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /** `KILL QUERY … SYNC` waits until the query is gone; never throws (failures are logged). */
  async #killQuery (queryId: string): Promise<void> {
    try {
      const signal = AbortSignal.timeout(Math.max(this.#options.connectTimeoutMs, 5000))
      await this.#control(`KILL QUERY WHERE query_id = ${quoteClickHouse(queryId)} SYNC`, signal)
    } catch (error) {
      this.#logger.warn({ err: (error as Error).message, queryId }, 'ClickHouse KILL QUERY failed')
    }
  }

  async #collect (sql: string, signal: AbortSignal): Promise<unknown[][]> {
    const result = await this.execute({
      queryId: `queryflux-metadata-${randomUUID()}`, sql, session: { user: 'queryflux', protocol: 'admin', headers: {}, clientTags: [], properties: {} },
    }, signal)
    const out: unknown[][] = []
    for await (const batch of result.batches) out.push(...batch.rows)
    return out
  }

  async checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    const limit = anySignal(signal, AbortSignal.timeout(this.#options.connectTimeoutMs))
    try {
      const transport = this.#options.isHttps ? https : http
      const body = await new Promise<string>((resolve, reject) => {
        const request = transport.get(`${this.#options.origin}/ping`, { agent: this.#controlAgent, signal: limit }, (response) => {
          readBody(response, 1024).then(resolve, reject)
        })
        request.once('error', reject)
      })
      if (!body.startsWith('Ok.')) return { healthy: false, detail: `/ping answered '${body.trim().slice(0, 100)}'`, checkedAt: Date.now() }
      // The version is read once; it also proves the configured credentials work.
      this.#version ??= (await this.#control('SELECT version()', limit)).trim().split('\n').at(-1)
      return { healthy: true, detail: `ClickHouse ${this.#version ?? ''}`.trim(), checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? 'health check cancelled' : mapClickHouseTransportError(error, this.#what).message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const control of this.#running) control.abort(errors.cancelled(`${this.#what} is closing`))
    this.#agent.destroy()
    this.#controlAgent.destroy()
  }
}

async function readBody (response: IncomingMessage, limit: number): Promise<string> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size < limit) parts.push(chunk.subarray(0, limit - size))
    size += chunk.length
  }
  return Buffer.concat(parts).toString('utf8')
}

/** `X-ClickHouse-Summary: {"written_rows":"2",…}` on servers that send it (19.x+). */
function writtenRows (response: IncomingMessage): number | undefined {
  const summary = response.headers['x-clickhouse-summary']
  if (typeof summary !== 'string') return undefined
  try {
    const written = Number((JSON.parse(summary) as { written_rows?: string }).written_rows)
    return Number.isFinite(written) ? written : undefined
  } catch {
    return undefined
  }
}

function finishedResult (updateCount: number | undefined, startedAt: number): QueryResult {
  const elapsedMs = performance.now() - startedAt
  return {
    columns: [],
    batches: (async function * (): AsyncGenerator<RowBatch> {})(),
    ...(updateCount === undefined ? {} : { updateCount }),
    warnings: [],
    stats: () => ({ rows: 0, elapsedMs }),
    close: async () => {},
  }
}
