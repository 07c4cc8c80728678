/**
 * One cluster group: its limit on running queries across the group, its queue, its selection
 * strategy and its members. Slot accounting lives here (take/give); waking waiters and leases
 * live in CapacityManager, which sees every group.
 */
import type { ClusterGroupConfig } from '../config/schema.ts'
import type { Dialect } from '../core/dialect.ts'
import type { EngineType } from '../engines/engine-adapter.ts'
import { AdmissionQueue } from './admission-queue.ts'
import type { ClusterSnapshot, ClusterState } from './cluster-state.ts'
import type { Lease } from './lease.ts'
import { createStrategy } from './strategies/create-strategy.ts'
import type { Candidate, SelectionStrategy } from './strategies/selection-strategy.ts'

/** What a queued query carries. */
export interface QueueTicket {
  /** Clusters this query must not use (ones it already failed on). */
  readonly exclude: ReadonlySet<string>
  readonly enqueuedAt: number
}

export interface GroupSnapshot {
  readonly name: string
  readonly engine: EngineType
  readonly dialect: Dialect
  readonly enabled: boolean
  readonly strategy: ClusterGroupConfig['strategy']
  readonly running: number
  readonly queued: number
  readonly maxRunningQueries: number
  readonly maxQueuedQueries: number
  readonly queueTimeoutMs: number
  /** How long the oldest queued query has waited, in ms; null when none waits. */
  readonly oldestQueuedMs: number | null
  readonly overflow: string | null
  readonly clusters: readonly ClusterSnapshot[]
}

export class ClusterGroup {
  readonly name: string
  readonly queue: AdmissionQueue<QueueTicket, Lease>
  // The rest changes only through update() (runtime reconfiguration).
  config: ClusterGroupConfig
  engine: EngineType
  dialect: Dialect
  members: readonly ClusterState[]
  #strategy: SelectionStrategy
  readonly #now: () => number
  running = 0
  /** Groups to try, in order, when this one has no free slot (cycle-free, without this group). */
  overflowChain: readonly ClusterGroup[] = []
  /** Groups whose overflow chain contains this group. */
  upstream: readonly ClusterGroup[] = []

  constructor (name: string, config: ClusterGroupConfig, members: readonly ClusterState[], now: () => number) {
    this.name = name
    this.config = config
    this.members = members
    this.engine = members[0]!.config.engine
    this.dialect = members[0]!.adapter.dialect
    this.#now = now
    this.queue = new AdmissionQueue({ maxLength: config.maxQueuedQueries, now })
    this.#strategy = createStrategy(config.strategy, members.length)
  }

  /**
   * Applies a new config and member list; running counts and queued queries stay. The strategy
   * starts afresh only when the strategy or the members changed.
   */
  update (config: ClusterGroupConfig, members: readonly ClusterState[]): void {
    const isSameMembers = members.length === this.members.length && members.every((m, i) => m === this.members[i])
    if (config.strategy !== this.config.strategy || !isSameMembers) this.#strategy = createStrategy(config.strategy, members.length)
    this.config = config
    this.members = members
    this.engine = members[0]!.config.engine
    this.dialect = members[0]!.adapter.dialect
    this.queue.maxLength = config.maxQueuedQueries
  }

  get hasRoom (): boolean {
    return this.running < this.config.maxRunningQueries
  }

  /** Enabled, with a member that is up and not excluded (it may be busy). */
  isUsable (exclude: ReadonlySet<string>): boolean {
    return this.config.enabled && this.members.some((c) => c.isUp && !exclude.has(c.name))
  }

  /** Why `isUsable` is false, for ENGINE_UNAVAILABLE. */
  unavailableReason (exclude: ReadonlySet<string>): string {
    if (!this.config.enabled) return 'the group is disabled'
    const states = this.members.map((c) => {
      if (exclude.has(c.name)) return `${c.name}: already failed for this query`
      if (!c.isEnabled) return `${c.name}: disabled`
      return `${c.name}: ${c.healthDetail}`
    })
    return `no enabled healthy cluster (${states.join('; ')})`
  }

  /** Whether some member could take a query now, ignoring exclusions. */
  get hasFreeMember (): boolean {
    return this.members.some((c) => c.canTake)
  }

  /** Picks a member for a query by the group's strategy, or undefined if none can take it now. */
  pick (exclude: ReadonlySet<string>): ClusterState | undefined {
    if (!this.hasRoom) return undefined
    const candidates: Candidate[] = []
    for (const [index, cluster] of this.members.entries()) {
      if (!cluster.canTake || exclude.has(cluster.name)) continue
      const limit = cluster.config.maxRunningQueries ?? this.config.maxRunningQueries
      candidates.push({ name: cluster.name, index, running: cluster.running, limit, weight: cluster.config.weight, priority: cluster.config.priority })
    }
    if (candidates.length === 0) return undefined
    return this.members[this.#strategy.pick(candidates).index]
  }

  take (cluster: ClusterState): void {
    this.running++
    cluster.running++
    cluster.breaker.admitted()
  }

  give (cluster: ClusterState): void {
    this.running--
    cluster.running--
  }

  snapshot (): GroupSnapshot {
    const oldest = this.queue.oldestEnqueuedAt
    return {
      name: this.name,
      engine: this.engine,
      dialect: this.dialect,
      enabled: this.config.enabled,
      strategy: this.config.strategy,
      running: this.running,
      queued: this.queue.length,
      maxRunningQueries: this.config.maxRunningQueries,
      maxQueuedQueries: this.config.maxQueuedQueries,
      queueTimeoutMs: this.config.queueTimeoutMs,
      oldestQueuedMs: oldest === undefined ? null : Math.round(this.#now() - oldest),
      overflow: this.config.overflow ?? null,
      clusters: this.members.map((c) => c.snapshot()),
    }
  }
}
