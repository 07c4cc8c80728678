/** `header`: the value of one request header picks the group (exact, case-sensitive value match). */
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import { shorten } from './compile-regex.ts'

export interface HeaderRouterOptions {
  /** Header name; matched case-insensitively (session.headers keys are lower-case). */
  readonly headerName: string
  readonly headerValueToGroup: Readonly<Record<string, string>>
}

export class HeaderRouter implements Router {
  readonly type = 'header'
  readonly #name: string
  readonly #groups: ReadonlyMap<string, string>

  constructor (options: HeaderRouterOptions) {
    this.#name = options.headerName.toLowerCase()
    this.#groups = new Map(Object.entries(options.headerValueToGroup))
  }

  get targets (): string[] {
    return [...this.#groups.values()]
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const value = request.session.headers[this.#name]
    if (value === undefined) return { matched: false, saw: `header ${this.#name} absent`, reason: `the request has no '${this.#name}' header` }
    const saw = `header ${this.#name}=${shorten(value, 60)}`
    const group = this.#groups.get(value)
    if (group === undefined) return { matched: false, saw, reason: `value '${shorten(value, 60)}' has no mapping` }
    return { matched: true, group, saw, reason: `value '${value}' maps to group '${group}'` }
  }
}
