/**
 * A bounded pool of connections to one DuckDB instance. Every connection of a cluster shares
 * the instance, so all of them see the same (in-memory or file) database. A query holds one
 * connection from `execute` until its result is read to the end or closed; waiting for a free
 * connection is FIFO and ends early when the query's signal fires.
 *
 * A connection that a statement may have left in a state the next query must not inherit
 * (SET, an open transaction, PREPARE, an interrupted stream that would not end) is released
 * with `replace`: it is disconnected and a fresh one takes its slot.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { abortReason } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { Logger } from '../../observability/logger.ts'

/** One connection and what the adapter knows about its session state. */
export class PooledConnection {
  readonly connection: DuckDBConnection
  /** DuckDB TimeZone setting last applied; undefined until the first query sets it. */
  timeZone: string | undefined
  /** `catalog.schema` last made current with USE; undefined means the instance default. */
  searchPath: string | undefined
  #inflight: Promise<unknown> | undefined
  #isRevoked = false
  #isDisconnected = false

  constructor (connection: DuckDBConnection) {
    this.connection = connection
  }

  /** Runs an engine call and remembers it until it settles, so close() never disconnects under it. */
  async track<R> (start: () => Promise<R>): Promise<R> {
    if (this.#isRevoked) throw errors.engineUnavailable('the DuckDB cluster', 'it was closed')
    const operation = start()
    this.#inflight = operation
    try {
      return await operation
    } finally {
      if (this.#inflight === operation) this.#inflight = undefined
    }
  }

  /** Resolves once no tracked engine call is running. */
  async settled (): Promise<void> {
    while (this.#inflight !== undefined) await this.#inflight.then(() => {}, () => {})
  }

  interrupt (): void {
    if (!this.#isDisconnected) this.connection.interrupt()
  }

  /**
   * Disconnects for good. New engine calls are refused at once (track() checks the flag before
   * starting one), and the disconnect waits for the call already running: disconnecting under
   * a running call crashes the process.
   */
  async revoke (logger: Logger): Promise<void> {
    if (this.#isRevoked) return
    this.#isRevoked = true
    await this.settled()
    // A statement started but no longer driven (its query gave up) may still be running on
    // DuckDB's threads: stop it, or disconnecting waits for it to finish.
    this.connection.interrupt()
    this.#isDisconnected = true
    try {
      this.connection.disconnectSync()
    } catch (error) {
      logger.warn({ err: error }, 'DuckDB connection did not disconnect cleanly')
    }
  }
}

interface Waiter {
  readonly resolve: (connection: PooledConnection) => void
  readonly reject: (error: unknown) => void
  readonly signal: AbortSignal
  readonly onAbort: () => void
}

export class ConnectionPool {
  readonly #instance: DuckDBInstance
  readonly #logger: Logger
  readonly #idle: PooledConnection[] = []
  readonly #leased = new Set<PooledConnection>()
  readonly #waiters: Waiter[] = []
  /** Connections being swapped for fresh ones; close() waits for them (connect on a closed instance crashes). */
  readonly #replacements = new Set<Promise<void>>()
  #closed = false

  private constructor (instance: DuckDBInstance, logger: Logger) {
    this.#instance = instance
    this.#logger = logger
  }

  static async open (instance: DuckDBInstance, size: number, logger: Logger): Promise<ConnectionPool> {
    const pool = new ConnectionPool(instance, logger)
    for (let i = 0; i < size; i++) pool.#idle.push(new PooledConnection(await instance.connect()))
    return pool
  }

  get size (): number { return this.#idle.length + this.#leased.size + this.#replacements.size }
  get leased (): number { return this.#leased.size }
  get waiting (): number { return this.#waiters.length }

  acquire (signal: AbortSignal): Promise<PooledConnection> {
    if (this.#closed) return Promise.reject(errors.engineUnavailable('the DuckDB cluster', 'it is closed'))
    if (signal.aborted) return Promise.reject(abortReason(signal))
    const idle = this.#idle.pop()
    if (idle !== undefined) {
      this.#leased.add(idle)
      return Promise.resolve(idle)
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.#waiters.indexOf(waiter)
          if (at >= 0) this.#waiters.splice(at, 1)
          reject(abortReason(signal))
        },
      }
      signal.addEventListener('abort', waiter.onAbort, { once: true })
      this.#waiters.push(waiter)
    })
  }

  /** Gives a connection back; `replace` swaps it for a fresh one first. */
  release (pooled: PooledConnection, options: { replace?: boolean } = {}): void {
    if (!this.#leased.delete(pooled)) return
    if (this.#closed) { void pooled.revoke(this.#logger); return }
    if (options.replace !== true) { this.#handOver(pooled); return }
    const replacement = this.#replace(pooled).finally(() => this.#replacements.delete(replacement))
    this.#replacements.add(replacement)
  }

  async #replace (pooled: PooledConnection): Promise<void> {
    await pooled.revoke(this.#logger)
    if (this.#closed) return
    try {
      const fresh = new PooledConnection(await this.#instance.connect())
      if (this.#closed) { await fresh.revoke(this.#logger); return }
      this.#handOver(fresh)
    } catch (error) {
      // The instance itself failed: waiters get the error instead of waiting forever.
      this.#logger.error({ err: error }, 'DuckDB connection could not be replaced')
      for (const waiter of this.#waiters.splice(0)) waiter.reject(errors.engineUnavailable('the DuckDB cluster', 'a new connection could not be opened', error))
    }
  }

  #handOver (pooled: PooledConnection): void {
    const waiter = this.#waiters.shift()
    if (waiter === undefined) { this.#idle.push(pooled); return }
    waiter.signal.removeEventListener('abort', waiter.onAbort)
    this.#leased.add(pooled)
    waiter.resolve(pooled)
  }

  /**
   * Refuses new work and fails waiters; disconnects idle connections, and leased ones once
   * their running engine call has been interrupted and has returned.
   */
  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal.removeEventListener('abort', waiter.onAbort)
      waiter.reject(errors.engineUnavailable('the DuckDB cluster', 'it was closed while the query waited for a connection'))
    }
    const revocations = this.#idle.splice(0).map((pooled) => pooled.revoke(this.#logger))
    for (const pooled of this.#leased) {
      pooled.interrupt()
      revocations.push(pooled.revoke(this.#logger))
    }
    await Promise.all(revocations)
    while (this.#replacements.size > 0) await Promise.all(this.#replacements)
  }
}
