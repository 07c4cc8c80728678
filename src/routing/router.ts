import type { QueryRequest } from '../core/query-request.ts'

export interface RouterVerdict {
  readonly matched: boolean
  /** Set when matched. */
  readonly group?: string
  /** What the router looked at, for the trace. */
  readonly saw: string
  readonly reason: string
}

/** One entry of the ordered `routers:` list. Evaluation must not throw for any request. */
export interface Router {
  readonly type: string
  evaluate (request: QueryRequest): RouterVerdict | Promise<RouterVerdict>
}
