/** `compound`: `all` or `any` of nested conditions; when they hold, `targetGroup`. */
import type { RoutingCondition } from '../../config/schema.ts'
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import { combineConditions, compileCondition } from './conditions.ts'
import type { CompiledCondition } from './conditions.ts'
import type { UserDirectory } from './user-directory.ts'

export interface CompoundRouterOptions {
  readonly combinator: 'all' | 'any'
  readonly conditions: readonly RoutingCondition[]
  readonly targetGroup: string
}

export class CompoundRouter implements Router {
  readonly type = 'compound'
  readonly #condition: CompiledCondition
  readonly #group: string

  constructor (options: CompoundRouterOptions, where: string, directory: UserDirectory) {
    const parts = options.conditions.map((c, i) => compileCondition(c, `${where}.conditions[${i}]`, directory))
    this.#condition = combineConditions(options.combinator, parts)
    this.#group = options.targetGroup
  }

  get targets (): string[] {
    return [this.#group]
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const { held, saw } = this.#condition(request)
    return held
      ? { matched: true, group: this.#group, saw, reason: `conditions held; group '${this.#group}'` }
      : { matched: false, saw, reason: 'conditions did not hold' }
  }
}
