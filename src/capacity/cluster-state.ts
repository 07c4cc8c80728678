/**
 * One cluster as capacity sees it: its adapter, running count (across every group it is a member
 * of), the operator's enabled switch, active health and the passive circuit breaker.
 */
import type { ClusterConfig } from '../config/schema.ts'
import type { EngineAdapter } from '../engines/engine-adapter.ts'
import { CircuitBreaker } from './circuit-breaker.ts'
import type { CircuitBreakerOptions, CircuitState } from './circuit-breaker.ts'
import { HealthState } from './health-state.ts'
import type { HealthThresholds } from './health-state.ts'

export interface ClusterSnapshot {
  readonly name: string
  readonly engine: ClusterConfig['engine']
  readonly running: number
  /** The cluster's own limit; null when only its groups' limits apply. */
  readonly maxRunningQueries: number | null
  readonly enabled: boolean
  /** Active checks say healthy and the circuit is not open. */
  readonly healthy: boolean
  /** The last health check's detail, or why the circuit is open. */
  readonly healthDetail: string
  /** ISO time of the last health check; null before the first. */
  readonly lastCheckAt: string | null
  readonly circuit: CircuitState
  readonly consecutiveFailures: number
  readonly weight: number
  readonly priority: number
}

export class ClusterState {
  readonly name: string
  /** Replaced in place by a reconfiguration that changes only limits, weight, priority or enabled. */
  config: ClusterConfig
  readonly adapter: EngineAdapter
  readonly health: HealthState
  readonly breaker: CircuitBreaker
  running = 0
  isEnabled: boolean
  /** The availability last announced in a clusterHealth event. */
  wasAvailable = true
  /** Removed or replaced by a reconfiguration: takes nothing new; closed once idle. */
  isRetired = false

  constructor (name: string, config: ClusterConfig, adapter: EngineAdapter, options: { health?: HealthThresholds, circuitBreaker?: CircuitBreakerOptions } = {}) {
    this.name = name
    this.config = config
    this.adapter = adapter
    this.isEnabled = config.enabled
    this.health = new HealthState(options.health)
    this.breaker = new CircuitBreaker(options.circuitBreaker)
  }

  /** Healthy by active checks and circuit not open (half-open counts: it takes trial queries). */
  get isHealthy (): boolean {
    return this.health.isHealthy && this.breaker.state !== 'open'
  }

  /** May receive queries at all (it may still be at its limit). */
  get isUp (): boolean {
    return this.isEnabled && !this.isRetired && this.isHealthy
  }

  /** May take one more query right now. */
  get canTake (): boolean {
    return this.isUp && this.breaker.canAdmit() && this.running < (this.config.maxRunningQueries ?? Infinity)
  }

  get healthDetail (): string {
    if (this.breaker.state === 'open') {
      return `circuit open after ${this.breaker.consecutiveFailures} consecutive engine failures; trial query in ${Math.ceil(this.breaker.remainingOpenMs / 1000)} s`
    }
    return this.health.detail
  }

  snapshot (): ClusterSnapshot {
    const checkedAt = this.health.checkedAt
    return {
      name: this.name,
      engine: this.config.engine,
      running: this.running,
      maxRunningQueries: this.config.maxRunningQueries ?? null,
      enabled: this.isEnabled,
      healthy: this.isHealthy,
      healthDetail: this.healthDetail,
      lastCheckAt: checkedAt === undefined ? null : new Date(checkedAt).toISOString(),
      circuit: this.breaker.state,
      consecutiveFailures: this.breaker.consecutiveFailures,
      weight: this.config.weight,
      priority: this.config.priority,
    }
  }
}
