/**
 * Capacity at the proxy: per-group running limits, bounded FIFO queues with a wait limit,
 * cluster selection by strategy among enabled, healthy clusters, spill-over to overflow groups,
 * active health checks and passive circuit breakers. Every slot taken is returned by exactly
 * one Lease.release, and every release wakes the queues that slot can serve.
 *
 * Overflow: a query goes to its own group when that group has a free slot and nobody queued;
 * otherwise to the first group of its overflow chain that has a free slot and nobody queued;
 * otherwise it queues in its own group. When a slot frees in an overflow group whose own queue
 * is empty, it serves the queues of the groups that overflow into it (oldest waiter first within
 * each group, groups in config order). See docs/capacity.md.
 */
import type { ClusterConfig, Config } from '../config/schema.ts'
import { abortReason, throwIfAborted } from '../core/cancellation.ts'
import type { Dialect } from '../core/dialect.ts'
import { errors } from '../core/errors.ts'
import type { EngineAdapter, EngineType } from '../engines/engine-adapter.ts'
import type { Logger } from '../observability/logger.ts'
import type { QueryEvents } from '../observability/query-events.ts'
import type { OfferDecision } from './admission-queue.ts'
import { validateCapacityConfig } from './capacity-config.ts'
import { buildTopology, clustersNeedingAdapters, openAdapters, usedClusters } from './capacity-topology.ts'
import type { Topology } from './capacity-topology.ts'
import type { CircuitBreakerOptions } from './circuit-breaker.ts'
import type { ClusterGroup, GroupSnapshot, QueueTicket } from './cluster-group.ts'
import type { ClusterState } from './cluster-state.ts'
import { HealthChecker } from './health-checker.ts'
import type { HealthThresholds } from './health-state.ts'
import { ClusterLease } from './cluster-lease.ts'
import type { Lease, LeaseOutcome } from './lease.ts'

export type { GroupSnapshot } from './cluster-group.ts'
export type { ClusterSnapshot } from './cluster-state.ts'

export interface GroupDescription { readonly name: string, readonly engine: EngineType, readonly dialect: Dialect, readonly translationOnError: 'fail' | 'passthrough', readonly retries: number }

export interface CapacityManagerOptions {
  /** Builds one EngineAdapter per cluster (the engine registry supplies it). */
  readonly createAdapter: (name: string, cluster: ClusterConfig) => Promise<EngineAdapter>
  readonly events: QueryEvents
  readonly logger: Logger
  /** Time between active health checks of a cluster. Default 10 s. */
  readonly healthCheckIntervalMs?: number
  /** A health check slower than this fails. Default: the smaller of 5 s and the interval. */
  readonly healthCheckTimeoutMs?: number
  readonly health?: HealthThresholds
  readonly circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>
}

export class CapacityManager {
  readonly #options: CapacityManagerOptions
  readonly #events: QueryEvents
  readonly #logger: Logger
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #now = (): number => performance.now()
  /** Retired clusters still running queries; closed when idle or at close(). */
  readonly #retired = new Set<ClusterState>()
  #topology: Topology
  #checker: HealthChecker<ClusterState>
  #isClosed = false
  #isReconfiguring = false

  private constructor (topology: Topology, options: CapacityManagerOptions) {
    this.#options = options
    this.#events = options.events
    this.#logger = options.logger
    this.#topology = topology
    this.#checker = this.#createChecker()
  }

  /** Validates cross-references (CONFIG_INVALID), then builds one adapter per cluster used by a group. */
  static async create (config: Config, options: CapacityManagerOptions): Promise<CapacityManager> {
    validateCapacityConfig(config)
    const used = usedClusters(config)
    const unused = Object.keys(config.clusters).filter((name) => !used.includes(name))
    if (unused.length > 0) options.logger.info({ clusters: unused }, 'clusters in no cluster group are not opened')
    const adapters = await openAdapters(config, used, options.createAdapter)
    const { topology } = buildTopology(config, undefined, adapters, options, () => performance.now())
    return new CapacityManager(topology, options)
  }

  /**
   * Applies a new config at runtime (admin API, shared config store). Validation and new
   * adapters come first: if either fails, nothing changed. Then, in one step: groups keep their
   * running and queued queries under the new limits; removed groups fail their queued queries
   * with ENGINE_UNAVAILABLE; clusters whose connection settings changed get a new adapter, and
   * removed or replaced clusters finish what runs on them, then close. Queues are woken, since
   * limits may have grown.
   */
  async reconfigure (config: Config): Promise<void> {
    if (this.#isClosed) throw errors.shuttingDown()
    if (this.#isReconfiguring) throw errors.badRequest('another configuration change is being applied: retry when it is done')
    validateCapacityConfig(config)
    this.#isReconfiguring = true
    try {
      const adapters = await openAdapters(config, clustersNeedingAdapters(config, this.#topology), this.#options.createAdapter)
      if (this.#isClosed) {
        await Promise.allSettled([...adapters.values()].map(async (a) => await a.close()))
        throw errors.shuttingDown()
      }
      const { topology, retired, removedGroups } = buildTopology(config, this.#topology, adapters, this.#options, this.#now)
      this.#topology = topology
      for (const group of removedGroups) group.queue.rejectAll(errors.engineUnavailable(`cluster group '${group.name}'`, 'it was removed from the configuration', undefined, { group: group.name }))
      for (const cluster of retired) this.#retire(cluster)
      const wasChecking = this.#checker.isRunning
      void this.#checker.stop()
      this.#checker = this.#createChecker()
      if (wasChecking) this.#checker.start()
      this.#logger.info({ groups: [...topology.groups.keys()], newClusters: [...adapters.keys()], retiredClusters: retired.map((c) => c.name) }, 'capacity configuration applied')
      for (const group of topology.groups.values()) this.#dispatch(group)
    } finally {
      this.#isReconfiguring = false
    }
  }

  /**
   * Waits for a slot in the group (or an overflow group with room), picks a cluster by the
   * group's strategy and returns a Lease. Calls `onQueued` once if it has to wait. Rejects with
   * QUEUE_FULL, QUEUE_TIMEOUT, ENGINE_UNAVAILABLE, SHUTTING_DOWN, or the signal's reason (the
   * waiter leaves the queue at once). `exclude` names clusters not to use (retries).
   */
  async acquire (groupName: string, options: { signal: AbortSignal, onQueued?: () => void, exclude?: readonly string[] }): Promise<Lease> {
    if (this.#isClosed) throw errors.shuttingDown()
    throwIfAborted(options.signal)
    const group = this.#group(groupName)
    const ticket: QueueTicket = { exclude: new Set(options.exclude), enqueuedAt: this.#now() }
    for (const candidate of [group, ...group.overflowChain]) {
      const lease = candidate.queue.length === 0 ? this.#tryTake(candidate, ticket) : undefined
      if (lease !== undefined) return lease
    }
    if (!group.isUsable(ticket.exclude)) throw this.#unavailable(group, ticket)
    if (group.queue.isFull) throw errors.queueFull(group.name, group.config.maxQueuedQueries)
    options.onQueued?.()
    const granted = group.queue.wait(ticket, {
      signal: options.signal,
      timeoutMs: group.config.queueTimeoutMs,
      onTimeout: (waitedMs) => errors.queueTimeout(group.name, waitedMs),
      onFull: () => errors.queueFull(group.name, group.config.maxQueuedQueries),
    })
    // Others queued ahead may be waiting for clusters this query does not need.
    if (group.hasRoom) this.#dispatch(group)
    const lease = await granted
    if (options.signal.aborted) {
      lease.release('cancelled')
      throw abortReason(options.signal)
    }
    return lease
  }

  describeGroup (name: string): GroupDescription | undefined {
    const group = this.#topology.groups.get(name)
    if (group === undefined) return undefined
    return {
      name,
      engine: group.engine,
      dialect: group.dialect,
      translationOnError: group.config.translation?.onError ?? this.#topology.translationOnError,
      retries: group.config.retries,
    }
  }

  /** A healthy enabled cluster of the group for metadata calls (no slot taken); throws ENGINE_UNAVAILABLE. */
  pickCluster (groupName: string): { readonly cluster: string, readonly adapter: EngineAdapter } {
    const group = this.#group(groupName)
    const none = new Set<string>()
    if (!group.isUsable(none)) throw this.#unavailable(group, { exclude: none, enqueuedAt: 0 })
    const up = group.members.filter((c) => c.isUp)
    const cluster = up.reduce((best, c) => (c.running < best.running ? c : best), up[0]!)
    return { cluster: cluster.name, adapter: cluster.adapter }
  }

  /** Live state per group (running, queued, limits) and per cluster (running, health, enabled). */
  snapshot (): GroupSnapshot[] {
    return [...this.#topology.groups.values()].map((g) => g.snapshot())
  }

  /** A disabled cluster receives no new queries; running ones finish. Throws BAD_REQUEST for an unknown name. */
  setClusterEnabled (clusterName: string, enabled: boolean): void {
    const cluster = this.#topology.clusters.get(clusterName)
    if (cluster === undefined) throw errors.badRequest(`no cluster named '${clusterName}' in any cluster group`)
    if (cluster.isEnabled === enabled) return
    cluster.isEnabled = enabled
    this.#logger.info({ cluster: clusterName, enabled }, enabled ? 'cluster enabled' : 'cluster disabled')
    for (const group of this.#topology.groupsOfCluster.get(clusterName) ?? []) this.#dispatch(group)
  }

  /** Starts active health checks (events 'clusterHealth' on change). */
  start (): void {
    if (!this.#isClosed) this.#checker.start()
  }

  /** Stops health checks, rejects queued waiters with SHUTTING_DOWN, closes adapters. */
  async close (): Promise<void> {
    if (this.#isClosed) return
    this.#isClosed = true
    for (const group of this.#topology.groups.values()) group.queue.rejectAll(errors.shuttingDown())
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    await this.#checker.stop()
    const clusters = [...this.#topology.clusters.values(), ...this.#retired]
    this.#retired.clear()
    const results = await Promise.allSettled(clusters.map(async (c) => await c.adapter.close()))
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') this.#logger.warn({ cluster: clusters[i]!.name, err: result.reason }, 'closing the cluster adapter failed')
    }
  }

  #createChecker (): HealthChecker<ClusterState> {
    return new HealthChecker([...this.#topology.clusters.values()], {
      intervalMs: this.#options.healthCheckIntervalMs,
      timeoutMs: this.#options.healthCheckTimeoutMs,
      onResult: (cluster, result) => this.#onHealthResult(cluster, result.isOk, result.detail, result.checkedAt),
    })
  }

  /** A cluster that left the config: it takes nothing new and closes once its queries end. */
  #retire (cluster: ClusterState): void {
    if (cluster.running > 0) { this.#retired.add(cluster); return }
    this.#closeRetired(cluster)
  }

  #closeRetired (cluster: ClusterState): void {
    this.#retired.delete(cluster)
    cluster.adapter.close().catch((error: unknown) => this.#logger.warn({ cluster: cluster.name, err: error }, 'closing a retired cluster adapter failed'))
  }

  #group (name: string): ClusterGroup {
    const group = this.#topology.groups.get(name)
    if (group === undefined) throw errors.internal(`cluster group '${name}' does not exist`)
    return group
  }

  #unavailable (group: ClusterGroup, ticket: QueueTicket): Error {
    return errors.engineUnavailable(`cluster group '${group.name}'`, group.unavailableReason(ticket.exclude), undefined, { group: group.name })
  }

  /** Takes a slot in `group` for the ticket if one is free now. */
  #tryTake (group: ClusterGroup, ticket: QueueTicket): Lease | undefined {
    if (!group.isUsable(ticket.exclude)) return undefined
    const cluster = group.pick(ticket.exclude)
    if (cluster === undefined) return undefined
    group.take(cluster)
    return new ClusterLease(group.name, cluster.name, cluster.adapter, Math.round(this.#now() - ticket.enqueuedAt), (outcome) => this.#release(group, cluster, outcome))
  }

  #release (group: ClusterGroup, cluster: ClusterState, outcome: LeaseOutcome): void {
    group.give(cluster)
    if (this.#isClosed) return
    if (cluster.isRetired) {
      if (cluster.running === 0 && this.#retired.has(cluster)) this.#closeRetired(cluster)
      this.#dispatch(group)
      return
    }
    const transition = cluster.breaker.record(outcome)
    if (transition === 'opened') {
      this.#logger.warn({ cluster: cluster.name, failures: cluster.breaker.consecutiveFailures }, 'circuit opened: the cluster receives no queries until a trial succeeds')
      const timer = setTimeout(() => { this.#timers.delete(timer); this.#availabilityMayHaveChanged(cluster) }, cluster.breaker.coolDownMs + 1)
      timer.unref()
      this.#timers.add(timer)
    } else if (transition === 'closed') {
      this.#logger.info({ cluster: cluster.name }, 'circuit closed: the cluster answered again')
    }
    this.#availabilityMayHaveChanged(cluster)
    this.#dispatch(group)
  }

  #onHealthResult (cluster: ClusterState, isOk: boolean, detail: string, checkedAt: number): void {
    if (cluster.health.record(isOk, detail, checkedAt)) {
      const level = isOk ? 'info' : 'warn'
      this.#logger[level]({ cluster: cluster.name, detail }, isOk ? 'cluster healthy again' : 'cluster unhealthy: it receives no queries')
    }
    this.#availabilityMayHaveChanged(cluster)
  }

  /** Emits clusterHealth when the cluster's health (checks + circuit) flipped, and wakes its groups. */
  #availabilityMayHaveChanged (cluster: ClusterState): void {
    if (cluster.isRetired) return
    const isHealthy = cluster.isHealthy
    if (isHealthy === cluster.wasAvailable) return
    cluster.wasAvailable = isHealthy
    const groups = this.#topology.groupsOfCluster.get(cluster.name) ?? []
    for (const group of groups) this.#events.emit('clusterHealth', { group: group.name, cluster: cluster.name, healthy: isHealthy, detail: cluster.healthDetail })
    for (const group of groups) this.#dispatch(group)
  }

  /** Serves the group's queue with its free slots, then the queues of groups overflowing into it. */
  #dispatch (group: ClusterGroup): void {
    if (this.#isClosed) return
    this.#serve(group, group)
    for (const upstream of group.upstream) {
      if (group.queue.length > 0 || !group.hasRoom) break
      this.#serve(upstream, group)
    }
    // A slot freed here may be one a group sharing these clusters can use.
    for (const cluster of group.members) {
      if (!cluster.canTake) continue
      for (const other of this.#topology.groupsOfCluster.get(cluster.name) ?? []) if (other !== group && other.queue.length > 0 && other.hasRoom) this.#serve(other, other)
    }
  }

  /** Hands `from`'s waiters slots in `into` (the same group, or one it overflows into). */
  #serve (from: ClusterGroup, into: ClusterGroup): void {
    if (from.queue.length === 0) return
    from.queue.offer((ticket): OfferDecision<Lease> => {
      if (!into.isUsable(ticket.exclude)) {
        if (into !== from) return 'skip'
        // Nothing in the group can ever take it: an overflow group with room now, or fail.
        for (const overflow of from.overflowChain) {
          const lease = overflow.queue.length === 0 ? this.#tryTake(overflow, ticket) : undefined
          if (lease !== undefined) return { grant: lease }
        }
        return { reject: this.#unavailable(from, ticket) }
      }
      if (!into.hasRoom || !into.hasFreeMember) return 'stop'
      const lease = this.#tryTake(into, ticket)
      return lease === undefined ? 'skip' : { grant: lease }
    })
  }
}

