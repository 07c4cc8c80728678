/**
 * Typed query lifecycle events. The hot path publishes; metrics, history and logging
 * subscribe (undici's lib/core/diagnostics.js idea). Frontends and engines never import
 * prom-client: they publish here, or the QueryService does it for them.
 */
import type { Dialect } from '../core/dialect.ts'
import type { Protocol } from '../core/protocol.ts'
import type { QueryInfo } from '../service/query-execution.ts'

/**
 * What a statement a frontend answered itself was about, a bounded label value:
 * `session` (SET/RESET/SHOW of settings, USE, DISCARD, version()/current_setting()),
 * `transaction` (BEGIN/COMMIT/ROLLBACK/SAVEPOINT, emulated), `catalog` (pg_catalog and
 * information_schema from the emulation), `metadata` (SHOW CATALOGS/SCHEMAS/TABLES, DESCRIBE,
 * system.jdbc from engine metadata), `prepared` (PREPARE/DEALLOCATE), `cursor` (FETCH/MOVE/CLOSE).
 */
export type AnsweredKind = 'session' | 'transaction' | 'catalog' | 'metadata' | 'prepared' | 'cursor'

export interface QueryEventMap {
  /** The query entered a group's queue (no free slot). */
  queued: { readonly info: QueryInfo }
  /** A router decided; `router` is `routers[i] (<type>)` or `routingFallback`. */
  routed: { readonly info: QueryInfo, readonly router: string, readonly group: string }
  translated: { readonly from: Dialect, readonly to: Dialect, readonly outcome: string, readonly elapsedMs: number }
  translationFailed: { readonly from: Dialect, readonly to: Dialect, readonly elapsedMs: number }
  /** Got a slot on a cluster and started executing. */
  started: { readonly info: QueryInfo, readonly queuedMs: number }
  /** Over, successfully or not. `outcome` is 'success' or an ErrorCode. */
  finished: { readonly info: QueryInfo, readonly outcome: string, readonly durationMs: number }
  /**
   * A statement the frontend answered without an engine (it never reached the QueryService) is
   * over. `info` is its finished record (`answeredBy: 'frontend'`, no group or cluster);
   * `outcome` is 'success' or an ErrorCode.
   */
  answered: { readonly info: QueryInfo, readonly kind: AnsweredKind, readonly outcome: string, readonly durationMs: number }
  /** A cluster's health changed. */
  clusterHealth: { readonly group: string, readonly cluster: string, readonly healthy: boolean, readonly detail: string }
  /** A frontend connection opened or closed (blocking protocols). */
  connection: { readonly protocol: Protocol, readonly opened: boolean }
}

export type QueryEventName = keyof QueryEventMap
type Listener<K extends QueryEventName> = (event: QueryEventMap[K]) => void

/**
 * A tiny synchronous event bus. Listeners must be cheap and must not throw; a throwing
 * listener is isolated so it cannot break a query.
 */
export class QueryEvents {
  readonly #listeners: { [K in QueryEventName]?: Array<Listener<K>> } = {}
  readonly #onListenerError: (error: unknown, event: QueryEventName) => void

  constructor (onListenerError: (error: unknown, event: QueryEventName) => void = () => {}) {
    this.#onListenerError = onListenerError
  }

  on<K extends QueryEventName> (name: K, listener: Listener<K>): () => void {
    const list = (this.#listeners[name] ??= []) as Array<Listener<K>>
    list.push(listener)
    return () => {
      const i = list.indexOf(listener)
      if (i >= 0) list.splice(i, 1)
    }
  }

  emit<K extends QueryEventName> (name: K, event: QueryEventMap[K]): void {
    const list = this.#listeners[name] as Array<Listener<K>> | undefined
    if (list === undefined) return
    for (const listener of list) {
      try {
        listener(event)
      } catch (error) {
        this.#onListenerError(error, name)
      }
    }
  }
}
