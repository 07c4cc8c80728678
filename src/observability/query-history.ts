/**
 * Finished queries with their RoutingTrace and translated SQL, bounded, newest first.
 * Subscribes to 'finished', and to 'answered' for statements a frontend answered itself (SET,
 * BEGIN, catalog queries, …), so history shows everything clients sent; they share the one
 * bounded ring, so chatty tools cannot grow it. A PostgreSQL-backed store can replace the ring later without
 * touching the service.
 */
import type { QueryInfo } from '../service/query-execution.ts'
import type { QueryEvents } from './query-events.ts'

export interface HistoryFilter {
  readonly limit?: number
  readonly user?: string
  readonly group?: string
  /** 'success' or an ErrorCode. */
  readonly outcome?: string
  /** Only statements the frontend answered itself. */
  readonly answeredBy?: 'frontend'
}

export class QueryHistory {
  readonly #entries: QueryInfo[] = []
  readonly #limit: number
  readonly #off: Array<() => void>

  constructor (options: { events: QueryEvents, limit: number }) {
    this.#limit = options.limit
    this.#off = [
      options.events.on('finished', ({ info }) => this.record(info)),
      options.events.on('answered', ({ info }) => this.record(info)),
    ]
  }

  record (info: QueryInfo): void {
    this.#entries.push(info)
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit)
  }

  list (filter: HistoryFilter = {}): QueryInfo[] {
    const out: QueryInfo[] = []
    const limit = filter.limit ?? 100
    for (let i = this.#entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.#entries[i]!
      if (filter.user !== undefined && e.user !== filter.user) continue
      if (filter.group !== undefined && e.group !== filter.group) continue
      if (filter.answeredBy !== undefined && e.answeredBy !== filter.answeredBy) continue
      if (filter.outcome !== undefined && (e.error?.code ?? 'success') !== filter.outcome) continue
      out.push(e)
    }
    return out
  }

  get (queryId: string): QueryInfo | undefined {
    for (let i = this.#entries.length - 1; i >= 0; i--) if (this.#entries[i]!.queryId === queryId) return this.#entries[i]
    return undefined
  }

  close (): void {
    for (const off of this.#off) off()
  }
}
