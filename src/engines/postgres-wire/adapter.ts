/**
 * The PostgreSQL-wire engine adapter: a `pg` pool per cluster, results streamed through a
 * portal with a row limit per Execute (portal-cursor.ts), values decoded from text by
 * type-map.ts, cancel by the protocol's CancelRequest (then the connection is dropped, so a
 * late cancel can never hit the next query), health by a fresh connection running a query.
 */
import { connect as netConnect } from 'node:net'
import pg from 'pg'
import type { PoolClient } from 'pg'
import { Dialect } from '../../core/dialect.ts'
import { abortReason, anySignal, throwIfAborted } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { QueryResult, RowBatch } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { mapPostgresError } from './error-map.ts'
import { PostgresMetadata } from './metadata.ts'
import type { PostgresWireOptions } from './options.ts'
import { bindParameters } from './parameters.ts'
import { PortalCursor } from './portal-cursor.ts'
import { acquireOrAbort, createPulledResult } from '../pulled-result.ts'

/** CancelRequest code: 1234 in the high 16 bits, 5678 in the low. @see protocol-message-formats */
const CANCEL_REQUEST_CODE = 80877102
/** How long to wait for the server to settle a cancelled or closed portal before dropping the connection. */
const SETTLE_LIMIT_MS = 5000

/** Raw text for every value: the adapter decodes by OID itself (no JS float on the way). */
const RAW_TYPES = { getTypeParser: () => (value: string) => value }

interface BackendKey { readonly processID: number, readonly secretKey: number }

export class PostgresWireAdapter implements EngineAdapter {
  readonly engine = EngineType.postgres
  readonly dialect = Dialect.postgres
  readonly metadata: EngineMetadata
  readonly #name: string
  readonly #options: PostgresWireOptions
  readonly #logger: Logger
  readonly #pool: pg.Pool
  /** Clients whose connection failed: destroyed on release, never reused. */
  readonly #broken = new WeakSet<pg.ClientBase>()
  readonly #running = new Set<AbortController>()
  #closed = false

  constructor (name: string, options: PostgresWireOptions, logger: Logger) {
    this.#name = name
    this.#options = options
    this.#logger = logger
    this.#pool = new pg.Pool({ ...this.#clientConfig(), max: options.poolSize, idleTimeoutMillis: 30_000 })
    // An idle pooled connection that dies (server restart) must not crash the process.
    this.#pool.on('error', (error) => { this.#logger.warn({ err: error.message }, 'idle PostgreSQL connection failed') })
    // pg-pool listens for errors only while a client is idle; a checked-out client whose
    // backend dies (terminated, server crash) emits 'error' too. Its query already fails
    // through the cursor; this listener keeps the event from crashing the process.
    this.#pool.on('connect', (client) => {
      client.on('error', (error) => {
        this.#broken.add(client)
        this.#logger.warn({ err: error.message }, 'PostgreSQL connection failed while in use')
      })
    })
    this.metadata = new PostgresMetadata(async (sql, params, signal) => await this.#collect(sql, params, signal))
  }

  get #what (): string { return `PostgreSQL cluster '${this.#name}'` }

  #clientConfig (): pg.ClientConfig {
    const o = this.#options
    return {
      host: o.host, port: o.port, user: o.user, database: o.database,
      ...(o.password === undefined ? {} : { password: o.password }),
      ssl: o.ssl, connectionTimeoutMillis: o.connectTimeoutMs, options: o.sessionOptions,
      application_name: 'queryflux', types: RAW_TYPES,
    }
  }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#what, 'the adapter is closed')
    const startedAt = performance.now()
    const control = new AbortController()
    this.#running.add(control)
    const timer = this.#options.queryTimeoutMs > 0
      ? setTimeout(() => control.abort(errors.queryTimeout(this.#options.queryTimeoutMs)), this.#options.queryTimeoutMs)
      : undefined
    const combined = anySignal(signal, control.signal)
    const { types, values } = bindParameters(query.parameters)
    const details = { queryId: query.queryId, cluster: this.#name, engine: EngineType.postgres }
    let client: PoolClient | undefined
    let cursor: PortalCursor | undefined
    let cancelled = false
    const warnings: string[] = []
    const onNotice = (notice: { message?: string }): void => { if (notice.message !== undefined) warnings.push(notice.message) }
    const onAbort = (): void => {
      cancelled = true
      if (client !== undefined) void this.#sendCancel(client as unknown as BackendKey)
      cursor?.fail(abortReason(combined))
    }
    const release = async (): Promise<void> => {
      clearTimeout(timer)
      this.#running.delete(control)
      combined.removeEventListener('abort', onAbort)
      if (client === undefined) return
      const held = client
      client = undefined
      held.removeListener('notice', onNotice)
      let settled = true
      if (cursor !== undefined && !cursor.isComplete) cursor.close()
      if (cursor !== undefined) settled = await settle(cursor.finished.promise)
      // After a cancel the connection is dropped: a CancelRequest that arrives late must not
      // cancel whatever the pool would run on it next.
      held.release(cancelled || !settled || this.#broken.has(held))
    }

    try {
      client = await this.#acquire(combined)
      combined.addEventListener('abort', onAbort, { once: true })
      throwIfAborted(combined)
      client.on('notice', onNotice)
      cursor = new PortalCursor(query.sql, types, values, this.#options.fetchSize)
      client.query(cursor)
      this.#logger.debug({ queryId: query.queryId }, 'PostgreSQL query started')
      const columns = await cursor.columns()
      if (columns.length === 0) {
        // No rows: a statement (DDL/DML) that has already finished.
        const tag = cursor.commandTag
        await release()
        return finishedResult(updateCountOf(tag), warnings, startedAt)
      }
      const open = cursor
      const held = client
      const next = async (): Promise<Awaited<ReturnType<PortalCursor['next']>>> => {
        try {
          return await open.next()
        } catch (error) {
          if (isConnectionFatal(error)) this.#broken.add(held)
          throw error
        }
      }
      return createPulledResult({ columns, next, signal: combined, mapError: (error) => mapPostgresError(error, this.#what, query.sql, details), release, warnings, startedAt })
    } catch (error) {
      if (client !== undefined && isConnectionFatal(error)) this.#broken.add(client)
      await release()
      if (combined.aborted) throw abortReason(combined)
      throw mapPostgresError(error, this.#what, query.sql, details)
    }
  }

  /** A pooled client, or the abort reason if the signal fires first (the client then goes back). */
  async #acquire (signal: AbortSignal): Promise<PoolClient> {
    return await acquireOrAbort(this.#pool.connect(), signal)
  }


  /** CancelRequest over a new connection, as libpq's PQcancel does. Never throws. */
  async #sendCancel (key: BackendKey): Promise<void> {
    if (typeof key.processID !== 'number' || typeof key.secretKey !== 'number') return
    await new Promise<void>((resolve) => {
      const socket = netConnect(this.#options.port, this.#options.host)
      const done = (): void => { socket.destroy(); resolve() }
      socket.setTimeout(this.#options.connectTimeoutMs, done)
      socket.once('error', (error) => { this.#logger.warn({ err: error.message }, 'PostgreSQL cancel request failed'); done() })
      socket.once('connect', () => {
        const message = Buffer.alloc(16)
        message.writeInt32BE(16, 0)
        message.writeInt32BE(CANCEL_REQUEST_CODE, 4)
        message.writeInt32BE(key.processID, 8)
        message.writeInt32BE(key.secretKey, 12)
        socket.end(message)
      })
      // The server closes the connection without answering once it has read the request.
      socket.once('close', done)
    })
  }

  /** Runs a small catalog query to completion (metadata). */
  async #collect (sql: string, params: readonly string[], signal: AbortSignal): Promise<unknown[][]> {
    const result = await this.execute({
      queryId: 'metadata', sql, parameters: params.map((value) => ({ type: { kind: 'varchar' }, value })),
      session: { user: 'queryflux', protocol: 'admin', headers: {}, clientTags: [], properties: {} },
    }, signal)
    const out: unknown[][] = []
    for await (const batch of result.batches) out.push(...batch.rows)
    return out
  }

  async checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    const client = new pg.Client(this.#clientConfig())
    client.on('error', () => {})
    const onAbort = (): void => { void client.end().catch(() => {}) }
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      await client.connect()
      const result = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
      return { healthy: true, detail: `PostgreSQL ${result.rows[0]?.v ?? ''}`.trim(), checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? 'health check cancelled' : mapPostgresError(error, this.#what).message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    } finally {
      signal.removeEventListener('abort', onAbort)
      await client.end().catch(() => {})
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const control of this.#running) control.abort(errors.cancelled(`${this.#what} is closing`))
    await this.#pool.end()
  }
}

/**
 * Whether `error` ended the connection, not just the statement: a socket error, or the server's
 * FATAL for a terminated backend or a shutdown (57P01-57P03) or a connection exception (08xxx).
 * The socket may close only after the client is released, so the client is marked from here.
 */
function isConnectionFatal (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03'
}

/** Whether the cursor's client became free within the limit (else it is dropped). */
async function settle (finished: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), SETTLE_LIMIT_MS) })
  try {
    return await Promise.race([finished.then(() => true, () => true), limit])
  } finally {
    clearTimeout(timer)
  }
}

/** 'INSERT 0 5' → 5, 'UPDATE 3' → 3, 'CREATE TABLE' → undefined. */
export function updateCountOf (tag: string | undefined): number | undefined {
  const match = tag === undefined ? null : /\s(\d+)$/.exec(tag)
  return match === null ? undefined : Number(match[1])
}

function finishedResult (updateCount: number | undefined, warnings: string[], startedAt: number): QueryResult {
  const elapsedMs = performance.now() - startedAt
  return {
    columns: [],
    batches: (async function * (): AsyncGenerator<RowBatch> {})(),
    ...(updateCount === undefined ? {} : { updateCount }),
    warnings,
    stats: () => ({ rows: 0, elapsedMs }),
    close: async () => {},
  }
}
