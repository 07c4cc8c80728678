/**
 * The embedded DuckDB engine adapter: one DuckDB instance per cluster (so every connection sees
 * the same in-memory or file database), a bounded pool of its connections for queries
 * (connection-pool.ts), one query per connection (query-run.ts), results pulled chunk by chunk
 * (row-stream.ts), cancel by `connection.interrupt()`, and health on a connection of its own so
 * that a pool busy with long queries does not read as an unhealthy engine.
 */
import { DuckDBInstance, VARCHAR } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import { abortReason, anySignal, throwIfAborted } from '../../core/cancellation.ts'
import { Dialect } from '../../core/dialect.ts'
import { errors } from '../../core/errors.ts'
import type { QueryResult } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { ConnectionPool } from './connection-pool.ts'
import { mapDuckDbError } from './error-map.ts'
import { DuckDbMetadata } from './metadata.ts'
import type { Collect } from './metadata.ts'
import type { DuckDbOptions } from './options.ts'
import { quoteIdent, runQuery } from './query-run.ts'
import type { RunContext } from './query-run.ts'

/** How long close() lets interrupted queries wind down before it disconnects under them. */
const CLOSE_SETTLE_MS = 5000

export class DuckDbAdapter implements EngineAdapter {
  readonly engine = EngineType.duckDb
  readonly dialect = Dialect.duckdb
  readonly metadata: EngineMetadata
  readonly #instance: DuckDBInstance
  readonly #pool: ConnectionPool
  readonly #health: DuckDBConnection
  readonly #context: RunContext
  readonly #logger: Logger
  readonly #running = new Set<AbortController>()
  #healthCheck: Promise<HealthStatus> | undefined
  #closed = false

  private constructor (instance: DuckDBInstance, pool: ConnectionPool, health: DuckDBConnection, context: RunContext, logger: Logger) {
    this.#instance = instance
    this.#pool = pool
    this.#health = health
    this.#context = context
    this.#logger = logger
    this.metadata = new DuckDbMetadata(this.#collect)
  }

  /** Opens the instance, runs initSql once, and fills the pool. */
  static async open (name: string, options: DuckDbOptions, logger: Logger): Promise<DuckDbAdapter> {
    const what = `DuckDB cluster '${name}'`
    let instance: DuckDBInstance
    try {
      instance = await DuckDBInstance.create(options.databasePath)
    } catch (error) {
      throw errors.engineUnavailable(what, `cannot open database '${options.databasePath}': ${(error as Error).message}. Check clusters.${name}.databasePath`, error)
    }
    let health: DuckDBConnection | undefined
    try {
      health = await instance.connect()
      for (const [i, statement] of options.initSql.entries()) {
        try {
          await health.run(statement)
        } catch (error) {
          throw errors.engineUnavailable(what, `clusters.${name}.initSql[${i}] failed: ${(error as Error).message.split('\n')[0]}. Fix or remove the statement: ${abbreviate(statement)}`, error)
        }
      }
      const [[database]] = (await health.runAndReadAll('SELECT current_database()')).getRows() as [[string]]
      const pool = await ConnectionPool.open(instance, options.poolSize, logger)
      const context: RunContext = { pool, what, cluster: name, defaultSearchPath: `${quoteIdent(database)}.main` }
      logger.debug({ databasePath: options.databasePath, poolSize: options.poolSize }, 'DuckDB cluster opened')
      return new DuckDbAdapter(instance, pool, health, context, logger)
    } catch (error) {
      health?.disconnectSync()
      instance.closeSync()
      throw error
    }
  }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#context.what, 'the adapter is closed')
    const control = new AbortController()
    this.#running.add(control)
    return await runQuery(this.#context, query, anySignal(signal, control.signal), () => this.#running.delete(control))
  }

  /** Pool occupancy: connections held by queries, queries waiting for one. */
  stats (): { readonly poolSize: number, readonly leased: number, readonly waiting: number } {
    return { poolSize: this.#pool.size, leased: this.#pool.leased, waiting: this.#pool.waiting }
  }

  /** A query on the health connection: proves the instance answers, whatever the pool is doing. */
  checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    if (this.#closed) return Promise.resolve({ healthy: false, detail: 'the adapter is closed', checkedAt: Date.now() })
    // Concurrent checks share one run: the health connection runs one statement at a time.
    this.#healthCheck ??= this.#runHealthCheck(signal).finally(() => { this.#healthCheck = undefined })
    return this.#healthCheck
  }

  async #runHealthCheck (signal: AbortSignal): Promise<HealthStatus> {
    const onAbort = (): void => this.#health.interrupt()
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      throwIfAborted(signal)
      const [[version]] = (await this.#health.runAndReadAll('SELECT version()')).getRows() as [[string]]
      return { healthy: true, detail: `DuckDB ${version}`, checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? abortReason(signal).message : mapDuckDbError(error, this.#context.what, 'SELECT version()').message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Small catalog queries on a pooled connection, read whole. */
  readonly #collect: Collect = async (sql, values, signal) => {
    if (this.#closed) throw errors.engineUnavailable(this.#context.what, 'the adapter is closed')
    const pooled = await this.#pool.acquire(signal)
    const onAbort = (): void => pooled.interrupt()
    signal.addEventListener('abort', onAbort, { once: true })
    let isClean = false
    try {
      const reader = await pooled.track(() => pooled.connection.runAndReadAll(sql, [...values], values.map(() => VARCHAR)))
      isClean = true
      return { rows: reader.getRows(), types: reader.columnTypes() }
    } catch (error) {
      if (signal.aborted) throw abortReason(signal)
      throw mapDuckDbError(error, this.#context.what, sql)
    } finally {
      signal.removeEventListener('abort', onAbort)
      this.#pool.release(pooled, { replace: !isClean })
    }
  }

  /** Cancels running queries (their streams fail with ENGINE_UNAVAILABLE), then closes connections and the instance. */
  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const reason = errors.engineUnavailable(this.#context.what, 'the cluster was closed while the query ran')
    for (const control of this.#running) control.abort(reason)
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), CLOSE_SETTLE_MS) })
    const isSettled = await Promise.race([this.#pool.close().then(() => true), limit])
    clearTimeout(timer)
    await this.#healthCheck?.catch(() => {})
    if (!isSettled) {
      // Closing the instance under a running engine call crashes the process; leave it to the GC.
      this.#logger.error({ cluster: this.#context.cluster }, `DuckDB calls still ran ${CLOSE_SETTLE_MS} ms after close(): the instance is left open`)
      return
    }
    try {
      this.#health.disconnectSync()
      this.#instance.closeSync()
    } catch (error) {
      this.#logger.warn({ err: error }, 'DuckDB instance did not close cleanly')
    }
  }
}

function abbreviate (sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim()
  return line.length > 120 ? `${line.slice(0, 117)}...` : line
}
