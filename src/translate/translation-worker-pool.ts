/**
 * Translations on worker threads, so that polyglot's slow calls (p99 spikes of several ms from
 * WASM GC and tier-up, and long statements) never stall the event loop that serves clients.
 *
 * Each worker loads its own polyglot (≈125–175 ms and up to ≈185 MB of WASM memory), so the
 * pool is small and fixed. A request goes to the worker with the fewest in flight. A worker that
 * dies fails its in-flight requests with INTERNAL_ERROR and is replaced.
 */
import { Worker } from 'node:worker_threads'
import type { ResourceLimits } from 'node:worker_threads'
import type { Dialect } from '../core/dialect.ts'
import { errors, QueryFluxError } from '../core/errors.ts'
import type { ErrorCode, ErrorDetails } from '../core/errors.ts'
import type { TranslatedSql } from './translate-sql.ts'
import type { TableName, TableSchema } from './translator.ts'

export type WorkerRequest =
  | { readonly id: number, readonly kind: 'translate', readonly sql: string, readonly from: Dialect, readonly to: Dialect, readonly tables: readonly TableSchema[] }
  | { readonly id: number, readonly kind: 'tables', readonly sql: string, readonly from: Dialect }

/** `value` is a TranslatedSql for 'translate', a TableName[] for 'tables'. */
export type WorkerReply =
  | { readonly id: number, readonly ok: true, readonly value: TranslatedSql | readonly TableName[] }
  | { readonly id: number, readonly ok: false, readonly code: ErrorCode, readonly message: string, readonly details: ErrorDetails }

/** A request before the pool numbers it. */
type Request = WorkerRequest extends infer R ? R extends WorkerRequest ? Omit<R, 'id'> : never : never

interface Pending {
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
}

const WORKER_URL = new URL('./translation-worker.ts', import.meta.url)

class Slot {
  readonly worker: Worker
  readonly pending = new Map<number, Pending>()
  readonly ready: Promise<void>
  #onExit: (slot: Slot, reason: string) => void

  constructor (onExit: (slot: Slot, reason: string) => void, resourceLimits: ResourceLimits | undefined) {
    this.#onExit = onExit
    this.worker = new Worker(WORKER_URL, resourceLimits === undefined ? {} : { resourceLimits })
    // A worker with nothing to do must not keep the process alive; see #send.
    this.worker.unref()
    this.ready = new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(errors.internal('a translation worker failed to start', error))
      this.worker.once('error', onError)
      this.worker.once('message', (message: { ready?: boolean }) => {
        this.worker.off('error', onError)
        if (message.ready === true) resolve()
        else reject(errors.internal('a translation worker sent something before it was ready'))
        this.worker.on('message', (reply: WorkerReply) => this.#settle(reply))
        this.worker.on('error', (error) => this.#fail(`a translation worker crashed: ${error.message}`))
        this.worker.on('exit', (code) => this.#fail(`a translation worker exited with code ${code}`))
      })
    })
    // Awaited by every request; marked handled so a replacement that fails to start is not an unhandled rejection.
    this.ready.catch(() => {})
  }

  send (request: WorkerRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(request.id, { resolve, reject })
      this.worker.postMessage(request)
    })
  }

  #settle (reply: WorkerReply): void {
    const pending = this.pending.get(reply.id)
    if (pending === undefined) return
    this.pending.delete(reply.id)
    if (this.pending.size === 0) this.worker.unref()
    if (reply.ok) pending.resolve(reply.value)
    else pending.reject(new QueryFluxError(reply.code, reply.message, { details: reply.details }))
  }

  #fail (reason: string): void {
    const error = errors.internal(reason)
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
    this.#onExit(this, reason)
  }
}

export interface WorkerPoolOptions {
  /** V8 heap limits per worker; a worker that exceeds them dies and is replaced. */
  readonly resourceLimits?: ResourceLimits
}

export class TranslationWorkerPool {
  readonly #slots: Slot[] = []
  readonly #resourceLimits: ResourceLimits | undefined
  #nextId = 0
  #closed = false

  private constructor (options: WorkerPoolOptions) {
    this.#resourceLimits = options.resourceLimits
  }

  /** Starts `size` workers and waits until each has loaded polyglot. */
  static async start (size: number, options: WorkerPoolOptions = {}): Promise<TranslationWorkerPool> {
    const pool = new TranslationWorkerPool(options)
    for (let i = 0; i < size; i++) pool.#slots.push(pool.#spawn())
    try {
      await Promise.all(pool.#slots.map(async (slot) => await slot.ready))
    } catch (error) {
      await pool.close()
      throw error
    }
    return pool
  }

  get size (): number {
    return this.#slots.length
  }

  /** Requests sent to a worker and not answered yet. */
  get inFlight (): number {
    let total = 0
    for (const slot of this.#slots) total += slot.pending.size
    return total
  }

  async translate (sql: string, from: Dialect, to: Dialect, tables: readonly TableSchema[] = []): Promise<TranslatedSql> {
    return await this.#request({ kind: 'translate', sql, from, to, tables }) as TranslatedSql
  }

  async tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]> {
    return await this.#request({ kind: 'tables', sql, from }) as readonly TableName[]
  }

  async #request (request: Request): Promise<unknown> {
    if (this.#closed) throw errors.shuttingDown()
    let best = this.#slots[0]
    for (const slot of this.#slots) if (best === undefined || slot.pending.size < best.pending.size) best = slot
    if (best === undefined) throw errors.internal('the translation worker pool has no workers')
    await best.ready
    return await best.send({ ...request, id: this.#nextId++ })
  }

  async close (): Promise<void> {
    this.#closed = true
    const slots = this.#slots.splice(0)
    await Promise.all(slots.map(async (slot) => await slot.worker.terminate()))
  }

  #spawn (): Slot {
    return new Slot((dead) => {
      if (this.#closed) return
      const index = this.#slots.indexOf(dead)
      if (index !== -1) this.#slots[index] = this.#spawn()
    }, this.#resourceLimits)
  }
}
