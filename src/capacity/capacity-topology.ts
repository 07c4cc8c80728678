/**
 * The groups and clusters built from one config, and how a new config maps onto the previous
 * one: groups keep their identity (running counts, queued queries) across a reconfiguration;
 * clusters keep their adapter, running count, health and circuit unless their connection
 * settings changed, in which case a fresh cluster with a new adapter takes their place and the
 * old one is retired (it finishes what runs on it, then closes).
 */
import { isDeepStrictEqual } from 'node:util'
import type { ClusterConfig, Config } from '../config/schema.ts'
import type { EngineAdapter } from '../engines/engine-adapter.ts'
import { overflowChain } from './capacity-config.ts'
import type { CircuitBreakerOptions } from './circuit-breaker.ts'
import { ClusterGroup } from './cluster-group.ts'
import { ClusterState } from './cluster-state.ts'
import type { HealthThresholds } from './health-state.ts'

export interface Topology {
  readonly groups: ReadonlyMap<string, ClusterGroup>
  readonly clusters: ReadonlyMap<string, ClusterState>
  readonly groupsOfCluster: ReadonlyMap<string, readonly ClusterGroup[]>
  readonly translationOnError: 'fail' | 'passthrough'
}

export interface TopologyChange {
  readonly topology: Topology
  /** Clusters that left (removed, or replaced by a new adapter). */
  readonly retired: readonly ClusterState[]
  /** Groups that are no longer configured. */
  readonly removedGroups: readonly ClusterGroup[]
}

export interface ClusterOptions {
  readonly health?: HealthThresholds
  readonly circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>
}

/** Cluster settings that a running cluster can take without a new adapter. */
const SOFT_KEYS = new Set(['enabled', 'weight', 'priority', 'maxRunningQueries'])

function connectionPart (config: ClusterConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !SOFT_KEYS.has(key)))
}

/** Clusters used by some group, in first-use order. */
export function usedClusters (config: Pick<Config, 'clusterGroups'>): string[] {
  return [...new Set(Object.values(config.clusterGroups).flatMap((g) => g.members))]
}

/** The used clusters that need a new adapter: new ones, and ones whose connection settings changed. */
export function clustersNeedingAdapters (config: Config, previous: Topology | undefined): string[] {
  return usedClusters(config).filter((name) => {
    const current = previous?.clusters.get(name)
    return current === undefined || !isDeepStrictEqual(connectionPart(current.config), connectionPart(config.clusters[name]!))
  })
}

/** Builds the topology for `config`, reusing what it can of `previous`; `adapters` has one per clustersNeedingAdapters name. */
export function buildTopology (config: Config, previous: Topology | undefined, adapters: ReadonlyMap<string, EngineAdapter>, options: ClusterOptions, now: () => number): TopologyChange {
  const clusters = new Map<string, ClusterState>()
  const retired: ClusterState[] = []
  for (const name of usedClusters(config)) {
    const clusterConfig = config.clusters[name]!
    const current = previous?.clusters.get(name)
    const adapter = adapters.get(name)
    if (current !== undefined && adapter === undefined) {
      if (current.config.enabled !== clusterConfig.enabled) current.isEnabled = clusterConfig.enabled
      current.config = clusterConfig
      clusters.set(name, current)
      continue
    }
    if (current !== undefined) retired.push(current)
    clusters.set(name, new ClusterState(name, clusterConfig, adapter!, options))
  }
  for (const [name, cluster] of previous?.clusters ?? []) if (!clusters.has(name)) retired.push(cluster)
  for (const cluster of retired) cluster.isRetired = true

  const groups = new Map<string, ClusterGroup>()
  const groupsOfCluster = new Map<string, ClusterGroup[]>()
  for (const [name, groupConfig] of Object.entries(config.clusterGroups)) {
    const members = groupConfig.members.map((m) => clusters.get(m)!)
    const existing = previous?.groups.get(name)
    const group = existing ?? new ClusterGroup(name, groupConfig, members, now)
    if (existing !== undefined) existing.update(groupConfig, members)
    groups.set(name, group)
    for (const member of groupConfig.members) groupsOfCluster.set(member, [...(groupsOfCluster.get(member) ?? []), group])
  }
  for (const group of groups.values()) group.overflowChain = overflowChain(config, group.name).map((n) => groups.get(n)!)
  for (const group of groups.values()) group.upstream = [...groups.values()].filter((g) => g.overflowChain.includes(group))
  const removedGroups = [...previous?.groups.values() ?? []].filter((g) => groups.get(g.name) !== g)
  for (const group of removedGroups) { group.overflowChain = []; group.upstream = [] }
  return {
    topology: { groups, clusters, groupsOfCluster, translationOnError: config.translation.onError },
    retired,
    removedGroups,
  }
}

/** One adapter per name, in parallel; if any fails, the others are closed and its error thrown. */
export async function openAdapters (config: Config, names: readonly string[], createAdapter: (name: string, cluster: ClusterConfig) => Promise<EngineAdapter>): Promise<Map<string, EngineAdapter>> {
  const settled = await Promise.allSettled(names.map(async (name) => await createAdapter(name, config.clusters[name]!)))
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed !== undefined) {
    await Promise.allSettled(settled.map(async (s) => { if (s.status === 'fulfilled') await s.value.close() }))
    throw failed.reason
  }
  return new Map(names.map((name, i) => [name, (settled[i] as PromiseFulfilledResult<EngineAdapter>).value]))
}
