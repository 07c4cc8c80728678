/** `protocolBased`: the client's protocol picks the group. */
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'

export interface ProtocolRouterOptions {
  readonly trinoHttp?: string | undefined
  readonly postgresWire?: string | undefined
  readonly mysqlWire?: string | undefined
  readonly flightSql?: string | undefined
}

export class ProtocolRouter implements Router {
  readonly type = 'protocolBased'
  readonly #groups: ReadonlyMap<string, string>

  constructor (options: ProtocolRouterOptions) {
    this.#groups = new Map(Object.entries(options).filter((e): e is [string, string] => typeof e[1] === 'string'))
  }

  /** Target groups, for config validation. */
  get targets (): string[] {
    return [...this.#groups.values()]
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const protocol = request.session.protocol
    const saw = `protocol=${protocol}`
    const group = this.#groups.get(protocol)
    if (group === undefined) return { matched: false, saw, reason: `no group configured for protocol '${protocol}'` }
    return { matched: true, group, saw, reason: `protocol '${protocol}' maps to group '${group}'` }
  }
}
