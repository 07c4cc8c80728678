/** `queryRegex`: ordered regex rules over the SQL text; the first that matches picks the group. */
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import { compileRegex, shorten, sqlForScan } from './compile-regex.ts'

export interface QueryRegexRule {
  readonly regex: string
  readonly targetGroup: string
  readonly flags: string
}

export class QueryRegexRouter implements Router {
  readonly type = 'queryRegex'
  readonly #rules: ReadonlyArray<{ readonly pattern: RegExp, readonly group: string }>

  /** `where` names the router in config errors, e.g. `routers[2] (queryRegex)`. */
  constructor (options: { readonly rules: readonly QueryRegexRule[] }, where: string) {
    this.#rules = options.rules.map((rule, i) => ({
      pattern: compileRegex(rule.regex, rule.flags, `${where} rules[${i}]`),
      group: rule.targetGroup,
    }))
  }

  get targets (): string[] {
    return this.#rules.map((r) => r.group)
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const sql = sqlForScan(request.sql)
    const saw = `sql "${shorten(request.sql)}"`
    for (const [i, rule] of this.#rules.entries()) {
      if (rule.pattern.test(sql)) return { matched: true, group: rule.group, saw, reason: `rule ${i} ${String(rule.pattern)} matched; group '${rule.group}'` }
    }
    return { matched: false, saw, reason: `none of ${this.#rules.length} rule(s) matched` }
  }
}
