/**
 * The MySQL-wire engine adapter (MySQL, MariaDB, StarRocks, Doris): a mysql2 pool per
 * cluster, text-protocol queries read as raw bytes and decoded by type-map.ts, rows pulled
 * with backpressure (row-stream.ts), cancel by `KILL QUERY <thread id>` over a second
 * connection (then the query's connection is dropped), health by a fresh connection's ping.
 */
import mysql from 'mysql2'
import type { Pool, PoolConnection, ConnectionOptions } from 'mysql2'
import { Dialect } from '../../core/dialect.ts'
import { abortReason, anySignal, throwIfAborted } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { QueryResult, RowBatch } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { mapMysqlError } from './error-map.ts'
import { MysqlWireMetadata } from './metadata.ts'
import type { MysqlWireOptions } from './options.ts'
import { bindMysqlParameters } from './parameters.ts'
import { RowStream } from './row-stream.ts'
import { acquireOrAbort, createPulledResult } from '../pulled-result.ts'
import type { StreamConnection } from './row-stream.ts'

/** Sessions run in UTC so TIMESTAMP values are rendered as UTC (type-map.ts relies on it). */
const SESSION_SETUP = "SET time_zone = '+00:00'"
const SETTLE_LIMIT_MS = 5000

export class MysqlWireAdapter implements EngineAdapter {
  readonly engine: EngineType
  readonly dialect: Dialect
  readonly metadata: EngineMetadata
  readonly #name: string
  readonly #options: MysqlWireOptions
  readonly #logger: Logger
  readonly #pool: Pool
  readonly #running = new Set<AbortController>()
  #closed = false

  constructor (name: string, engine: 'mysql' | 'starRocks', options: MysqlWireOptions, logger: Logger) {
    this.engine = engine === 'starRocks' ? EngineType.starRocks : EngineType.mysql
    this.dialect = engine === 'starRocks' ? Dialect.starRocks : Dialect.mysql
    this.#name = name
    this.#options = options
    this.#logger = logger
    this.#pool = mysql.createPool({ ...this.#connectionOptions(), connectionLimit: options.poolSize, waitForConnections: true, queueLimit: 0, enableKeepAlive: true })
    this.#pool.on('connection', (connection) => { connection.query(SESSION_SETUP) })
    this.metadata = new MysqlWireMetadata(async (sql, signal) => await this.#collect(sql, signal))
  }

  get #what (): string { return `${this.engine === EngineType.starRocks ? 'StarRocks' : 'MySQL'} cluster '${this.#name}'` }

  #connectionOptions (): ConnectionOptions {
    const o = this.#options
    return {
      host: o.host, port: o.port, user: o.user,
      ...(o.password === undefined ? {} : { password: o.password }),
      ...(o.database === undefined ? {} : { database: o.database }),
      ...(o.ssl === undefined ? {} : { ssl: o.ssl }),
      connectTimeout: o.connectTimeoutMs, charset: 'UTF8MB4_GENERAL_CI', multipleStatements: false,
      supportBigNumbers: true, bigNumberStrings: true, dateStrings: true,
    }
  }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#what, 'the adapter is closed')
    const sql = bindMysqlParameters(query.sql, query.parameters)
    const startedAt = performance.now()
    const control = new AbortController()
    this.#running.add(control)
    const timer = this.#options.queryTimeoutMs > 0
      ? setTimeout(() => control.abort(errors.queryTimeout(this.#options.queryTimeoutMs)), this.#options.queryTimeoutMs)
      : undefined
    const combined = anySignal(signal, control.signal)
    const details = { queryId: query.queryId, cluster: this.#name, engine: this.engine }
    let connection: PoolConnection | undefined
    let stream: RowStream | undefined
    let killed: Promise<void> | undefined
    const stopServerSide = (held: PoolConnection): Promise<void> => (killed ??= this.#killQuery(held.threadId))
    const onAbort = (): void => {
      if (connection !== undefined) void stopServerSide(connection)
      stream?.fail(abortReason(combined))
    }
    // A connection lost mid-query (killed, server gone) is reported on the connection only,
    // not on a query read as events: fail the stream so its reader is not left waiting.
    let connectionFailed = false
    const onConnectionError = (error: Error): void => {
      connectionFailed = true
      stream?.fail(error)
    }
    const release = async (): Promise<void> => {
      clearTimeout(timer)
      this.#running.delete(control)
      combined.removeEventListener('abort', onAbort)
      if (connection === undefined) return
      const held = connection
      connection = undefined
      held.removeListener('error', onConnectionError)
      if (connectionFailed) { dropConnection(held); return }
      if (stream !== undefined && !stream.isEnded) {
        // Closed early or cancelled: stop the query on the server, then drop the connection
        // (it may still have rows in flight and a late KILL must not hit its next query).
        await stopServerSide(held)
        dropConnection(held)
        return
      }
      if (killed !== undefined) { await killed; dropConnection(held); return }
      held.release()
    }

    try {
      connection = await this.#acquire(combined)
      connection.on('error', onConnectionError)
      combined.addEventListener('abort', onAbort, { once: true })
      throwIfAborted(combined)
      // PoolConnection is mysql2's callback connection; StreamConnection names what is used.
      stream = new RowStream(connection as unknown as StreamConnection, sql, this.#options.batchRows)
      this.#logger.debug({ queryId: query.queryId, threadId: connection.threadId }, 'MySQL-wire query started')
      const columns = await stream.columns()
      if (columns.length === 0) {
        await settle(stream.finished.promise)
        const header = stream.header
        await release()
        return finishedResult(header?.affectedRows, startedAt)
      }
      const open = stream
      return createPulledResult({ columns, next: async () => await open.next(), signal: combined, mapError: (error) => mapMysqlError(error, this.#what, details), release, startedAt })
    } catch (error) {
      await release()
      if (combined.aborted) throw abortReason(combined)
      throw mapMysqlError(error, this.#what, details)
    }
  }

  async #acquire (signal: AbortSignal): Promise<PoolConnection> {
    return await acquireOrAbort(new Promise<PoolConnection>((resolve, reject) => {
      this.#pool.getConnection((error, connection) => { if (error !== null) reject(error); else resolve(connection) })
    }), signal)
  }


  /** `KILL QUERY <thread id>` over a fresh connection; never throws (failures are logged). */
  async #killQuery (threadId: number | null): Promise<void> {
    if (threadId === null) return
    const connection = mysql.createConnection(this.#connectionOptions())
    connection.on('error', () => {})
    try {
      await connection.promise().query(`KILL QUERY ${Number(threadId)}`)
    } catch (error) {
      // 1094 ER_NO_SUCH_THREAD: the query's connection is already gone.
      if ((error as { errno?: number }).errno !== 1094) this.#logger.warn({ err: (error as Error).message, threadId }, 'KILL QUERY failed')
    } finally {
      connection.destroy()
    }
  }

  async #collect (sql: string, signal: AbortSignal): Promise<unknown[][]> {
    const result = await this.execute({
      queryId: 'metadata', sql, session: { user: 'queryflux', protocol: 'admin', headers: {}, clientTags: [], properties: {} },
    }, signal)
    const out: unknown[][] = []
    for await (const batch of result.batches) out.push(...batch.rows)
    return out
  }

  async checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    const connection = mysql.createConnection(this.#connectionOptions())
    connection.on('error', () => {})
    const onAbort = (): void => { connection.destroy() }
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      const client = connection.promise()
      await client.ping()
      const [rows] = await client.query({ sql: 'SELECT VERSION()', rowsAsArray: true })
      const version = String((rows as unknown[][])[0]?.[0] ?? '')
      return { healthy: true, detail: version, checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? 'health check cancelled' : mapMysqlError(error, this.#what).message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    } finally {
      signal.removeEventListener('abort', onAbort)
      connection.destroy()
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const control of this.#running) control.abort(errors.cancelled(`${this.#what} is closing`))
    await new Promise<void>((resolve) => { this.#pool.end(() => resolve()) })
  }
}

/**
 * Takes a connection out of the pool and closes its socket at once. mysql2's `destroy()` only
 * half-closes (`stream.end()`): a connection paused mid-result never reads again, so the server
 * stays blocked writing the rest of it (MariaDB: command Killed, state "Writing to net", until
 * net_write_timeout) and the socket stays open here.
 */
function dropConnection (connection: PoolConnection): void {
  connection.destroy()
  // mysql2 keeps its socket as `stream`; its type declarations do not expose it.
  ;(connection as unknown as { stream?: { destroy (): void } }).stream?.destroy()
}

async function settle (finished: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([finished, new Promise<void>((resolve) => { timer = setTimeout(resolve, SETTLE_LIMIT_MS) })])
  clearTimeout(timer)
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
