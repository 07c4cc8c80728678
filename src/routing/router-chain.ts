/**
 * Ordered routing: routers are consulted in config order, the first that matches decides, and
 * `routingFallback` catches the rest. Every decision comes with a RoutingTrace of each router
 * consulted: what it saw, whether it matched and why. A router that fails (a script that raises
 * or overruns its time limit) is recorded as not matched with the reason; routing goes on.
 */
import type { Config } from '../config/schema.ts'
import { errors } from '../core/errors.ts'
import type { QueryRequest } from '../core/query-request.ts'
import type { Router, RouterVerdict } from './router.ts'
import type { RouterStep, RoutingTrace } from './routing-trace.ts'
import { createRouter } from './routers/create-router.ts'
import type { ConfiguredRouter } from './routers/create-router.ts'
import { UserDirectory } from './routers/user-directory.ts'

export interface RouteDecision { readonly group: string, readonly trace: RoutingTrace }

export interface RouterChainOptions {
  /**
   * The configured cluster groups. When set, a router that names any other group (a script
   * returning a typo) is recorded as not matched instead of sending the query nowhere.
   */
  readonly groups?: ReadonlySet<string>
}

const FALLBACK = 'routingFallback'

export class RouterChain {
  readonly #routers: readonly Router[]
  readonly #fallback: string | undefined
  readonly #groups: ReadonlySet<string> | undefined

  constructor (routers: readonly Router[], fallback: string | undefined, options: RouterChainOptions = {}) {
    this.#routers = routers
    this.#fallback = fallback
    this.#groups = options.groups
  }

  /**
   * Builds routers from config.routers / config.routingFallback (user groups from
   * config.auth.users[].groups and user routers' userGroups). Throws CONFIG_INVALID naming the
   * router for a bad regex, a missing script, or a target group that is not configured.
   */
  static fromConfig (config: Pick<Config, 'routers' | 'routingFallback' | 'auth' | 'clusterGroups'>): RouterChain {
    const groups = new Set(Object.keys(config.clusterGroups))
    const directory = UserDirectory.fromConfig(config)
    const routers: ConfiguredRouter[] = []
    try {
      for (const [index, routerConfig] of config.routers.entries()) {
        const router = createRouter(routerConfig, index, directory)
        routers.push(router)
        for (const target of router.targets ?? []) {
          if (!groups.has(target)) {
            throw errors.configInvalid(`routers[${index}] (${router.type}) sends queries to cluster group '${target}', which is not defined: add it under clusterGroups or fix the name (defined: ${[...groups].join(', ') || 'none'})`)
          }
        }
      }
      if (config.routingFallback !== undefined && !groups.has(config.routingFallback)) {
        throw errors.configInvalid(`routingFallback names cluster group '${config.routingFallback}', which is not defined: add it under clusterGroups or fix the name`)
      }
    } catch (error) {
      for (const router of routers) void router.close?.()
      throw error
    }
    return new RouterChain(routers, config.routingFallback, { groups })
  }

  /**
   * First router that matches wins, else routingFallback; throws ROUTING_NO_MATCH with the
   * trace in `details.trace` when nothing matches. Never throws for a router's own failure.
   */
  async route (request: QueryRequest): Promise<RouteDecision> {
    const steps: RouterStep[] = []
    for (const [index, router] of this.#routers.entries()) {
      const startedAt = performance.now()
      const verdict = this.#checked(await this.#evaluate(router, request))
      const step: RouterStep = {
        index,
        type: router.type,
        saw: verdict.saw,
        matched: verdict.matched,
        ...(verdict.matched ? { group: verdict.group } : {}),
        reason: verdict.reason,
        elapsedMs: roundMs(performance.now() - startedAt),
      }
      steps.push(step)
      if (verdict.matched && verdict.group !== undefined) {
        const trace = { steps, group: verdict.group, decidedBy: `routers[${index}] (${router.type})`, reason: verdict.reason }
        return { group: verdict.group, trace }
      }
    }
    if (this.#fallback !== undefined) {
      const reason = steps.length === 0 ? `no routers configured; routingFallback is '${this.#fallback}'` : `no router matched; routingFallback is '${this.#fallback}'`
      return { group: this.#fallback, trace: { steps, group: this.#fallback, decidedBy: FALLBACK, reason } }
    }
    throw errors.routingNoMatch({ trace: { steps, group: '', decidedBy: 'none', reason: 'no router matched and no routingFallback is set' } })
  }

  /** Waits until every router is ready (pythonScript routers compile their script); throws CONFIG_INVALID. */
  async warmUp (): Promise<void> {
    for (const router of this.#routers) await (router as ConfiguredRouter).warmUp?.()
  }

  /** Releases what routers hold (pythonScript workers). */
  async close (): Promise<void> {
    await Promise.allSettled(this.#routers.map(async (router) => await (router as ConfiguredRouter).close?.()))
  }

  async #evaluate (router: Router, request: QueryRequest): Promise<RouterVerdict> {
    try {
      return await router.evaluate(request)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return { matched: false, saw: '(router failed)', reason: `router failed: ${message}` }
    }
  }

  #checked (verdict: RouterVerdict): RouterVerdict {
    if (!verdict.matched) return verdict
    if (verdict.group === undefined || verdict.group === '') return { matched: false, saw: verdict.saw, reason: `${verdict.reason}; but it named no group` }
    if (this.#groups !== undefined && !this.#groups.has(verdict.group)) {
      return { matched: false, saw: verdict.saw, reason: `chose group '${verdict.group}', which is not a configured cluster group` }
    }
    return verdict
  }
}

function roundMs (ms: number): number {
  return Math.round(ms * 1000) / 1000
}
