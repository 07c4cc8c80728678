/** What one router saw and decided; kept with the query's history and returned by dry runs. */
export interface RouterStep {
  /** Position in the `routers:` list (0-based). */
  readonly index: number
  readonly type: string
  /** What the router looked at, e.g. `protocol=trinoHttp` or `header x-tenant=acme`. */
  readonly saw: string
  readonly matched: boolean
  /** The group it chose when it matched. */
  readonly group?: string
  /** Why it matched or not, in words. */
  readonly reason: string
  readonly elapsedMs: number
}

export interface RoutingTrace {
  readonly steps: readonly RouterStep[]
  readonly group: string
  /** `routers[i] (<type>)` or `routingFallback`. */
  readonly decidedBy: string
  readonly reason: string
}
