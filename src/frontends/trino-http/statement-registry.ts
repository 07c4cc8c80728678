/**
 * The frontend's live Trino statements by query id. A sweep cancels queries whose client
 * stopped polling for `clientTimeoutMs` (freeing their slot) and forgets finished ones after a
 * retention time, long enough that a late poll or DELETE still gets a sane answer.
 */
import { delay } from '../../core/cancellation.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import type { TrinoStatement } from './statement-protocol.ts'

/** How long a finished statement's last page stays available for retries. */
export const RETENTION_MS = 60_000
/** Finished statements kept at most, oldest forgotten first. */
const MAX_RETAINED = 10_000

export class StatementRegistry {
  readonly #statements = new Map<string, TrinoStatement>()
  readonly #clientTimeoutMs: number

  constructor (clientTimeoutMs: number) {
    this.#clientTimeoutMs = clientTimeoutMs
  }

  add (statement: TrinoStatement): void {
    this.#statements.set(statement.queryId, statement)
    if (this.#statements.size > MAX_RETAINED) this.#evictFinished(this.#statements.size - MAX_RETAINED)
  }

  get (queryId: string): TrinoStatement | undefined {
    return this.#statements.get(queryId)
  }

  get size (): number { return this.#statements.size }

  /** Statements whose client may still come back for rows. */
  get activeCount (): number {
    let count = 0
    for (const statement of this.#statements.values()) if (isActive(statement)) count++
    return count
  }

  sweep (now = Date.now()): void {
    for (const [queryId, statement] of this.#statements) {
      const idleMs = now - statement.lastAccess
      if (isActive(statement)) {
        if (idleMs > this.#clientTimeoutMs && !statement.isBusy) statement.abandon(idleMs)
      } else if (idleMs > Math.max(RETENTION_MS, this.#clientTimeoutMs)) {
        this.#statements.delete(queryId)
      }
    }
  }

  /** Resolves once no client is still reading a result, or when `signal` fires. */
  async waitUntilIdle (signal: AbortSignal): Promise<void> {
    while (this.activeCount > 0 && !signal.aborted) {
      await delay(100, signal).catch(() => {})
    }
  }

  /** Cancels every query a client may still read, and resolves once their slots are free. */
  async cancelAll (reason: QueryFluxError): Promise<void> {
    const cancelled: Array<Promise<void>> = []
    for (const statement of this.#statements.values()) {
      if (!isActive(statement)) continue
      statement.cancel(reason)
      cancelled.push(statement.execution.done)
    }
    await Promise.all(cancelled)
  }

  #evictFinished (count: number): void {
    for (const [queryId, statement] of this.#statements) {
      if (count <= 0) return
      if (!isActive(statement)) { this.#statements.delete(queryId); count-- }
    }
  }
}

function isActive (statement: TrinoStatement): boolean {
  return statement.isActive
}
