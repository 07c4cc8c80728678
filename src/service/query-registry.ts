/**
 * Running queries by id, plus a bounded ring of recently finished ones for the admin API.
 * Drains on shutdown.
 */
import type { QueryExecution, QueryInfo } from './query-execution.ts'
import { errors } from '../core/errors.ts'

export class QueryRegistry {
  readonly #running = new Map<string, QueryExecution>()
  readonly #recent: QueryInfo[] = []
  readonly #recentById = new Map<string, QueryInfo>()
  readonly #recentLimit: number

  constructor (recentLimit: number) {
    this.#recentLimit = recentLimit
  }

  add (query: QueryExecution): void {
    this.#running.set(query.queryId, query)
  }

  finish (info: QueryInfo): void {
    this.#running.delete(info.queryId)
    this.#recent.push(info)
    this.#recentById.set(info.queryId, info)
    if (this.#recent.length > this.#recentLimit) {
      const dropped = this.#recent.shift()!
      this.#recentById.delete(dropped.queryId)
    }
  }

  get (queryId: string): QueryExecution | undefined {
    return this.#running.get(queryId)
  }

  /** A finished query's last known info. */
  getFinished (queryId: string): QueryInfo | undefined {
    return this.#recentById.get(queryId)
  }

  get runningCount (): number {
    return this.#running.size
  }

  list (): QueryInfo[] {
    const running = [...this.#running.values()].map((q) => q.info())
    return [...running.reverse(), ...this.#recent.slice().reverse()]
  }

  /** Waits for running queries to end; when `signal` fires, cancels those still running. */
  async drain (signal: AbortSignal): Promise<void> {
    const all = Promise.all([...this.#running.values()].map((q) => q.done))
    const onAbort = (): void => {
      for (const query of this.#running.values()) query.cancel(errors.shuttingDown())
    }
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
    await all
    signal.removeEventListener('abort', onAbort)
  }
}
