/**
 * The condition language of `compound` routers: leaves test protocol, a header, the SQL text,
 * a client tag, the user or a user group; `all`, `any` and `not` nest them. Conditions are
 * compiled once (regexes included), then evaluated per query. Evaluation short-circuits, and
 * what each evaluated leaf saw is rendered for the trace, e.g.
 * `all(protocol=trinoHttp ✓, any(header x-tenant=acme ✗, user bob ✓))`.
 */
import type { RoutingCondition } from '../../config/schema.ts'
import type { QueryRequest } from '../../core/query-request.ts'
import { compileRegex, shorten, sqlForScan } from './compile-regex.ts'
import type { UserDirectory } from './user-directory.ts'

export interface ConditionResult {
  readonly held: boolean
  /** What was looked at, with ✓/✗ per leaf. */
  readonly saw: string
}

export type CompiledCondition = (request: QueryRequest) => ConditionResult

const mark = (held: boolean): string => (held ? '✓' : '✗')

function leaf (held: boolean, saw: string): ConditionResult {
  return { held, saw: `${saw} ${mark(held)}` }
}

/** Compiles one condition; `where` is its config path, used in CONFIG_INVALID messages. */
export function compileCondition (condition: RoutingCondition, where: string, directory: UserDirectory): CompiledCondition {
  if ('all' in condition) return combineConditions('all', condition.all.map((c, i) => compileCondition(c, `${where}.all[${i}]`, directory)))
  if ('any' in condition) return combineConditions('any', condition.any.map((c, i) => compileCondition(c, `${where}.any[${i}]`, directory)))
  if ('not' in condition) {
    const inner = compileCondition(condition.not, `${where}.not`, directory)
    return (request) => {
      const result = inner(request)
      return { held: !result.held, saw: `not(${result.saw})` }
    }
  }
  if ('protocol' in condition) {
    const wanted = condition.protocol
    return (request) => leaf(request.session.protocol === wanted, `protocol=${request.session.protocol}`)
  }
  if ('header' in condition) return compileHeader(condition, where)
  if ('queryRegex' in condition) {
    const pattern = compileRegex(condition.queryRegex, 'i', `${where}.queryRegex`)
    return (request) => leaf(pattern.test(sqlForScan(request.sql)), `sql ${String(pattern)}`)
  }
  if ('clientTag' in condition) {
    const tag = condition.clientTag
    return (request) => leaf(request.session.clientTags.includes(tag), `clientTag ${tag}`)
  }
  if ('user' in condition) {
    const user = condition.user
    return (request) => leaf(request.session.user === user, `user ${request.session.user}`)
  }
  const userGroup = condition.userGroup
  return (request) => leaf(directory.isMember(request.session.user, userGroup), `user ${request.session.user} in ${userGroup}`)
}

function compileHeader (condition: { header: string, value?: string | undefined, regex?: string | undefined }, where: string): CompiledCondition {
  const name = condition.header.toLowerCase()
  const pattern = condition.regex === undefined ? undefined : compileRegex(condition.regex, '', `${where}.regex`)
  const expected = condition.value
  return (request) => {
    const value = request.session.headers[name]
    if (value === undefined) return leaf(false, `header ${name} absent`)
    const held = (expected === undefined || value === expected) && (pattern === undefined || pattern.test(value))
    return leaf(held, `header ${name}=${shorten(value, 60)}`)
  }
}

export function combineConditions (kind: 'all' | 'any', parts: readonly CompiledCondition[]): CompiledCondition {
  return (request) => {
    const seen: string[] = []
    for (const part of parts) {
      const result = part(request)
      seen.push(result.saw)
      // all: stop at the first failure; any: stop at the first success.
      if (result.held !== (kind === 'all')) return { held: result.held, saw: `${kind}(${seen.join(', ')})` }
    }
    return { held: kind === 'all', saw: `${kind}(${seen.join(', ')})` }
  }
}
