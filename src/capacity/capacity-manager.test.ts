/**
 * CapacityManager: limits, queueing, selection, overflow, health, circuit breaking, shutdown, and
 * that no path leaks a slot.
 *
 * Clusters are real embedded DuckDB adapters. The health tests need a cluster whose health
 * checks fail on demand: there, the DuckDB adapter is wrapped so that its checkHealth answers
 * what the test sets (a test double for the health logic only; everything else goes to DuckDB).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ConfigSchema } from '../config/schema.ts'
import type { ClusterConfig, ConfigInput } from '../config/schema.ts'
import { errors } from '../core/errors.ts'
import type { QueryFluxError } from '../core/errors.ts'
import type { EngineAdapter } from '../engines/engine-adapter.ts'
import { createEngineAdapter } from '../engines/engine-registry.ts'
import { createSilentLogger } from '../observability/logger.ts'
import { QueryEvents } from '../observability/query-events.ts'
import type { QueryEventMap } from '../observability/query-events.ts'
import { CapacityManager } from './capacity-manager.ts'
import type { CapacityManagerOptions, GroupSnapshot } from './capacity-manager.ts'
import type { Lease } from './lease.ts'

interface Cluster {
  /** What the capacity manager was given. */
  readonly adapter: EngineAdapter
  /** The DuckDB adapter underneath. */
  readonly duckdb: EngineAdapter
  /** With scriptedHealth: what the next health checks answer. */
  healthy: boolean
}

const logger = createSilentLogger()

async function openCluster (name: string, config: ClusterConfig, scriptedHealth: boolean): Promise<Cluster> {
  const duckdb = await createEngineAdapter(name, config, logger)
  if (!scriptedHealth) return { adapter: duckdb, duckdb, healthy: true }
  const cluster: Cluster = {
    duckdb,
    healthy: true,
    adapter: {
      engine: duckdb.engine,
      dialect: duckdb.dialect,
      metadata: duckdb.metadata,
      execute: async (query, signal) => await duckdb.execute(query, signal),
      checkHealth: async () => ({ healthy: cluster.healthy, detail: cluster.healthy ? 'ok' : 'connection refused', checkedAt: Date.now() }),
      close: async () => await duckdb.close(),
    },
  }
  return cluster
}

async function isClosed (adapter: EngineAdapter): Promise<boolean> {
  return (await adapter.checkHealth(new AbortController().signal)).detail === 'the adapter is closed'
}

interface Setup { capacity: CapacityManager, clusters: Map<string, Cluster>, health: Array<QueryEventMap['clusterHealth']>, [Symbol.asyncDispose]: () => Promise<void> }

const duck = { engine: 'duckDb' as const, poolSize: 1 }
/** A broken slot hand-off shows up as a waiter that never wakes: fail instead of hanging. */
const HANG_GUARD_MS = 20_000

async function setup (input: Partial<ConfigInput> & Pick<ConfigInput, 'clusterGroups'>, options: Partial<CapacityManagerOptions> = {}, scriptedHealth = false): Promise<Setup> {
  const config = ConfigSchema.parse({ clusters: { a: duck, b: duck, c: duck }, ...input })
  const clusters = new Map<string, Cluster>()
  const events = new QueryEvents()
  const health: Array<QueryEventMap['clusterHealth']> = []
  events.on('clusterHealth', (e) => health.push(e))
  const capacity = await CapacityManager.create(config, {
    createAdapter: async (name, cluster) => { const c = await openCluster(name, cluster, scriptedHealth); clusters.set(name, c); return c.adapter },
    events,
    logger,
    ...options,
  })
  return { capacity, clusters, health, [Symbol.asyncDispose]: async () => await capacity.close() }
}

const signal = (): AbortSignal => new AbortController().signal
const settle = async <T>(p: Promise<T>): Promise<T | QueryFluxError> => await p.catch((e: QueryFluxError) => e)
const code = async (p: Promise<unknown>): Promise<string | undefined> => await p.then(() => undefined, (e: QueryFluxError) => e.code)
const group = (s: Setup, name = 'g'): GroupSnapshot => s.capacity.snapshot().find((g) => g.name === name)!

async function waitFor (predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5))
  assert.ok(predicate(), 'condition not reached')
}

describe('limits and the queue', { timeout: HANG_GUARD_MS }, () => {
  test('a free slot is taken at once and released exactly once', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 2 } } })
    let queued = 0
    const lease = await s.capacity.acquire('g', { signal: signal(), onQueued: () => queued++ })
    assert.deepEqual([lease.group, lease.cluster, lease.adapter, queued], ['g', 'a', s.clusters.get('a')!.adapter, 0])
    assert.equal(group(s).running, 1)
    lease.release('success')
    lease.release('success')
    assert.equal(group(s).running, 0)
    assert.equal(group(s).clusters[0]!.running, 0)
  })

  test('over the limit queries wait in FIFO order and get the freed slots', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a', 'b'], maxRunningQueries: 2 } } })
    const running = [await s.capacity.acquire('g', { signal: signal() }), await s.capacity.acquire('g', { signal: signal() })]
    let queued = 0
    const order: number[] = []
    const waiting = [1, 2, 3].map(async (n) => { const l = await s.capacity.acquire('g', { signal: signal(), onQueued: () => queued++ }); order.push(n); return l })
    assert.deepEqual([group(s).queued, queued], [3, 3])
    running[0]!.release('success')
    const first = await waiting[0]!
    assert.equal(first.cluster, running[0]!.cluster, 'the freed cluster')
    assert.ok(first.queuedMs >= 0)
    running[1]!.release('queryError')
    first.release('success')
    const rest = await Promise.all(waiting.slice(1))
    assert.deepEqual(order, [1, 2, 3])
    assert.deepEqual(group(s), { ...group(s), running: 2, queued: 0 })
    for (const l of rest) l.release('success')
    assert.equal(group(s).running, 0)
  })

  test('a full queue refuses with QUEUE_FULL; maxQueuedQueries 0 never queues', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1, maxQueuedQueries: 1 }, z: { members: ['b'], maxRunningQueries: 1, maxQueuedQueries: 0 } } })
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const waiter = s.capacity.acquire('g', { signal: signal() })
    assert.equal(await code(s.capacity.acquire('g', { signal: signal() })), 'QUEUE_FULL')
    const z = await s.capacity.acquire('z', { signal: signal() })
    assert.equal(await code(s.capacity.acquire('z', { signal: signal() })), 'QUEUE_FULL')
    lease.release('success')
    ;(await waiter).release('success')
    z.release('success')
    assert.deepEqual([group(s).running, group(s).queued, group(s, 'z').running], [0, 0, 0])
  })

  test('a query that waits past queueTimeoutMs fails with QUEUE_TIMEOUT and leaves the queue', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1, queueTimeoutMs: 10 } } })
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const error = await settle(s.capacity.acquire('g', { signal: signal() })) as QueryFluxError
    assert.equal(error.code, 'QUEUE_TIMEOUT')
    assert.equal(error.details.group, 'g')
    assert.equal(group(s).queued, 0)
    lease.release('success')
    assert.equal(group(s).running, 0)
  })

  test('cancelling a queued query removes it at once; the slot goes to the next', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 } } })
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const controller = new AbortController()
    const cancelled = s.capacity.acquire('g', { signal: controller.signal })
    const next = s.capacity.acquire('g', { signal: signal() })
    controller.abort()
    assert.equal(group(s).queued, 1)
    assert.equal(await code(cancelled), 'CANCELLED')
    lease.release('success')
    ;(await next).release('success')
    assert.deepEqual([group(s).running, group(s).queued], [0, 0])
  })

  test('a query cancelled in the same tick its slot was granted gives the slot back', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 } } })
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const controller = new AbortController()
    const granted = s.capacity.acquire('g', { signal: controller.signal })
    const after = s.capacity.acquire('g', { signal: signal() })
    lease.release('success')
    controller.abort()
    assert.equal(await code(granted), 'CANCELLED')
    ;(await after).release('success')
    assert.equal(group(s).running, 0)
  })

  test('a signal that already fired never takes a slot', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'] } } })
    const controller = new AbortController()
    controller.abort()
    assert.equal(await code(s.capacity.acquire('g', { signal: controller.signal })), 'CANCELLED')
    assert.equal(group(s).running, 0)
  })

  test('per-cluster limits hold inside the group limit', async () => {
    await using s = await setup({ clusters: { a: { ...duck, maxRunningQueries: 1 }, b: { ...duck, maxRunningQueries: 2 } }, clusterGroups: { g: { members: ['a', 'b'], maxRunningQueries: 10 } } })
    const leases = await Promise.all([1, 2, 3].map(async () => await s.capacity.acquire('g', { signal: signal() })))
    assert.deepEqual(leases.map((l) => l.cluster).sort(), ['a', 'b', 'b'])
    const waiting = s.capacity.acquire('g', { signal: signal() })
    assert.equal(group(s).queued, 1)
    leases.find((l) => l.cluster === 'a')!.release('success')
    assert.equal((await waiting).cluster, 'a')
  })

  test('a cluster shared by two groups counts its running queries across both', async () => {
    await using s = await setup({ clusters: { a: { ...duck, maxRunningQueries: 1 } }, clusterGroups: { g: { members: ['a'] }, h: { members: ['a'] } } })
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const other = s.capacity.acquire('h', { signal: signal() })
    assert.equal(group(s, 'h').queued, 1)
    lease.release('success')
    const got = await other
    assert.deepEqual([got.group, got.cluster], ['h', 'a'])
    got.release('success')
  })
})

describe('selection', { timeout: HANG_GUARD_MS }, () => {
  test('the group strategy spreads queries; excluded clusters are skipped', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a', 'b', 'c'], strategy: 'roundRobin' } } })
    const names: string[] = []
    for (let i = 0; i < 6; i++) { const l = await s.capacity.acquire('g', { signal: signal() }); names.push(l.cluster); l.release('success') }
    assert.deepEqual(names, ['a', 'b', 'c', 'a', 'b', 'c'])
    const l = await s.capacity.acquire('g', { signal: signal(), exclude: ['a', 'b'] })
    assert.equal(l.cluster, 'c')
    l.release('success')
    const error = await settle(s.capacity.acquire('g', { signal: signal(), exclude: ['a', 'b', 'c'] })) as QueryFluxError
    assert.equal(error.code, 'ENGINE_UNAVAILABLE')
    assert.match(error.message, /a: already failed for this query/)
  })

  test('failover sends everything to the best priority until it is disabled', async () => {
    await using s = await setup({ clusters: { a: { ...duck, priority: 2 }, b: { ...duck, priority: 1 } }, clusterGroups: { g: { members: ['a', 'b'], strategy: 'failover' } } })
    for (let i = 0; i < 3; i++) { const l = await s.capacity.acquire('g', { signal: signal() }); assert.equal(l.cluster, 'b'); l.release('success') }
    s.capacity.setClusterEnabled('b', false)
    const l = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(l.cluster, 'a')
    l.release('success')
  })

  test('describeGroup and pickCluster', async () => {
    await using s = await setup({ translation: { onError: 'passthrough' }, clusterGroups: { g: { members: ['a', 'b'], retries: 3 }, h: { members: ['c'], translation: { onError: 'fail' } } } })
    assert.deepEqual(s.capacity.describeGroup('g'), { name: 'g', engine: 'duckDb', dialect: 'duckdb', translationOnError: 'passthrough', retries: 3 })
    assert.equal(s.capacity.describeGroup('h')?.translationOnError, 'fail')
    assert.equal(s.capacity.describeGroup('nope'), undefined)
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const picked = s.capacity.pickCluster('g')
    assert.notEqual(picked.cluster, lease.cluster, 'the less loaded one')
    assert.equal(group(s).running, 1, 'no slot taken')
    lease.release('success')
    s.capacity.setClusterEnabled('c', false)
    assert.throws(() => s.capacity.pickCluster('h'), (e: QueryFluxError) => e.code === 'ENGINE_UNAVAILABLE')
  })
})

describe('overflow', { timeout: HANG_GUARD_MS }, () => {
  test('a full group spills to its overflow group while it has a free slot, then queues at home', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1, overflow: 'spill' }, spill: { members: ['b'], maxRunningQueries: 1 } } })
    const home = await s.capacity.acquire('g', { signal: signal() })
    const spilled = await s.capacity.acquire('g', { signal: signal() })
    assert.deepEqual([spilled.group, spilled.cluster], ['spill', 'b'])
    const waiting = s.capacity.acquire('g', { signal: signal() })
    assert.equal(group(s).queued, 1)
    // The overflow group's free slot serves the home group's queue.
    spilled.release('success')
    const third = await waiting
    assert.equal(third.group, 'spill')
    home.release('success')
    third.release('success')
    assert.deepEqual([group(s).running, group(s, 'spill').running], [0, 0])
  })

  test('an overflow group with its own queue is not jumped', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1, overflow: 'spill' }, spill: { members: ['b'], maxRunningQueries: 1 } } })
    const a = await s.capacity.acquire('g', { signal: signal() })
    const b = await s.capacity.acquire('spill', { signal: signal() })
    const spillWaiter = s.capacity.acquire('spill', { signal: signal() })
    const homeWaiter = s.capacity.acquire('g', { signal: signal() })
    b.release('success')
    const first = await spillWaiter
    assert.equal(first.group, 'spill')
    assert.equal(group(s).queued, 1)
    first.release('success')
    const second = await homeWaiter
    assert.equal(second.group, 'spill')
    second.release('success')
    a.release('success')
  })

  test('overflow cycles are followed once and never loop', async () => {
    await using s = await setup({ clusterGroups: {
      g: { members: ['a'], maxRunningQueries: 1, overflow: 'h' },
      h: { members: ['b'], maxRunningQueries: 1, overflow: 'i' },
      i: { members: ['c'], maxRunningQueries: 1, overflow: 'g' },
    } })
    const leases = await Promise.all([1, 2, 3].map(async () => await s.capacity.acquire('g', { signal: signal() })))
    assert.deepEqual(leases.map((l) => l.group), ['g', 'h', 'i'])
    const waiting = s.capacity.acquire('h', { signal: signal() })
    assert.equal(group(s, 'h').queued, 1)
    leases[0]!.release('success')
    assert.equal((await waiting).group, 'g', 'h overflows to i, then g')
  })

  test('a group with no usable cluster spills to a free overflow group, else ENGINE_UNAVAILABLE', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], overflow: 'spill' }, spill: { members: ['b'], maxRunningQueries: 1 } } })
    s.capacity.setClusterEnabled('a', false)
    const spilled = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(spilled.group, 'spill')
    const error = await settle(s.capacity.acquire('g', { signal: signal() })) as QueryFluxError
    assert.equal(error.code, 'ENGINE_UNAVAILABLE')
    assert.match(error.message, /cluster group 'g' is unavailable: no enabled healthy cluster \(a: disabled\)/)
    spilled.release('success')
  })
})

describe('enabled, health and circuit', { timeout: HANG_GUARD_MS }, () => {
  test('disabling the last cluster fails the queued queries; enabling serves new ones', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 } } })
    const running = await s.capacity.acquire('g', { signal: signal() })
    const queued = s.capacity.acquire('g', { signal: signal() })
    s.capacity.setClusterEnabled('a', false)
    assert.equal(await code(queued), 'ENGINE_UNAVAILABLE')
    assert.equal(await code(s.capacity.acquire('g', { signal: signal() })), 'ENGINE_UNAVAILABLE')
    running.release('success')
    s.capacity.setClusterEnabled('a', true)
    ;(await s.capacity.acquire('g', { signal: signal() })).release('success')
    assert.throws(() => s.capacity.setClusterEnabled('nope', true), (e: QueryFluxError) => e.code === 'BAD_REQUEST')
    assert.equal(group(s).running, 0)
  })

  test('enabling a cluster wakes queries queued for want of a free one', async () => {
    await using s = await setup({ clusters: { a: { ...duck, maxRunningQueries: 1 }, b: { ...duck, enabled: false } }, clusterGroups: { g: { members: ['a', 'b'] } } })
    const held = await s.capacity.acquire('g', { signal: signal() })
    const waiting = s.capacity.acquire('g', { signal: signal() })
    s.capacity.setClusterEnabled('b', true)
    assert.equal((await waiting).cluster, 'b')
    held.release('success')
  })

  test('active checks mark a failing cluster unhealthy after N failures, emit clusterHealth, and bring it back', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a', 'b'], strategy: 'roundRobin' } } }, { healthCheckIntervalMs: 2, health: { unhealthyThreshold: 2, healthyThreshold: 2 } }, true)
    s.clusters.get('a')!.healthy = false
    s.capacity.start()
    await waitFor(() => s.health.length === 1)
    assert.deepEqual(s.health[0], { group: 'g', cluster: 'a', healthy: false, detail: 'connection refused' })
    const snap = group(s).clusters.find((c) => c.name === 'a')!
    assert.equal(snap.healthy, false)
    for (let i = 0; i < 4; i++) { const l = await s.capacity.acquire('g', { signal: signal() }); assert.equal(l.cluster, 'b'); l.release('success') }
    s.clusters.get('a')!.healthy = true
    await waitFor(() => s.health.length === 2)
    assert.deepEqual(s.health[1], { group: 'g', cluster: 'a', healthy: true, detail: 'ok' })
  })

  test('K engine failures open the circuit: the cluster gets nothing until the cool-down, then one trial', async () => {
    await using s = await setup({ clusterGroups: { g: { members: ['a', 'b'], strategy: 'failover' } } }, { circuitBreaker: { failureThreshold: 2, coolDownMs: 30 } })
    for (let i = 0; i < 2; i++) { const l = await s.capacity.acquire('g', { signal: signal() }); assert.equal(l.cluster, 'a'); l.release('engineFailure') }
    assert.deepEqual(s.health.map((e) => [e.cluster, e.healthy]), [['a', false]])
    assert.match(s.health[0]!.detail, /circuit open after 2 consecutive engine failures/)
    const snap = group(s).clusters.find((c) => c.name === 'a')!
    assert.deepEqual([snap.circuit, snap.healthy], ['open', false])
    const during = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(during.cluster, 'b')
    during.release('success')
    await waitFor(() => s.health.length === 2)
    assert.deepEqual(s.health.map((e) => [e.cluster, e.healthy]), [['a', false], ['a', true]])
    const trial = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(trial.cluster, 'a')
    const meanwhile = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(meanwhile.cluster, 'b', 'one trial at a time')
    trial.release('success')
    meanwhile.release('success')
    const after = await s.capacity.acquire('g', { signal: signal() })
    assert.equal(after.cluster, 'a')
    after.release('success')
  })
})

describe('lifecycle', { timeout: HANG_GUARD_MS }, () => {
  test('close rejects queued queries with SHUTTING_DOWN, closes every adapter and refuses new queries', async () => {
    const s = await setup({ clusterGroups: { g: { members: ['a', 'b'], maxRunningQueries: 1 } } }, { healthCheckIntervalMs: 1 })
    s.capacity.start()
    const lease = await s.capacity.acquire('g', { signal: signal() })
    const queued = code(s.capacity.acquire('g', { signal: signal() }))
    await s.capacity.close()
    assert.equal(await queued, 'SHUTTING_DOWN')
    assert.equal(await code(s.capacity.acquire('g', { signal: signal() })), 'SHUTTING_DOWN')
    for (const cluster of s.clusters.values()) assert.equal(await isClosed(cluster.duckdb), true)
    lease.release('success')
    assert.equal(group(s).running, 0)
    await s.capacity.close()
  })

  test('config cross-references are checked before any adapter opens', async () => {
    const invalid = async (input: Partial<ConfigInput> & Pick<ConfigInput, 'clusterGroups'>, message: RegExp): Promise<void> => {
      const error = await settle(setup(input)) as QueryFluxError
      assert.equal(error.code, 'CONFIG_INVALID')
      assert.match(error.message, message)
    }
    await invalid({ clusterGroups: { g: { members: ['a', 'ghost'] } } }, /clusterGroups\.g\.members\[1\]: no cluster named 'ghost'/)
    await invalid({ clusters: { a: duck, t: { engine: 'trino', endpoint: 'http://x' } }, clusterGroups: { g: { members: ['a', 't'] } } }, /clusters of different engines \(duckDb, trino\)/)
    await invalid({ clusterGroups: { g: { members: ['a'], overflow: 'nope' } } }, /clusterGroups\.g\.overflow: no cluster group named 'nope'/)
    await invalid({ clusterGroups: { g: { members: ['a'], overflow: 'g' } } }, /cannot overflow into itself/)
  })

  test('when one adapter cannot be created, the others are closed', async () => {
    const opened: EngineAdapter[] = []
    const config = ConfigSchema.parse({ clusters: { a: duck, b: duck }, clusterGroups: { g: { members: ['a', 'b'] } } })
    const error = await settle(CapacityManager.create(config, {
      createAdapter: async (name, cluster) => {
        if (name === 'b') throw errors.configInvalid('clusters.b: bad')
        const adapter = await createEngineAdapter(name, cluster, logger)
        opened.push(adapter)
        return adapter
      },
      events: new QueryEvents(),
      logger,
    }))
    assert.equal((error as QueryFluxError).message, 'clusters.b: bad')
    assert.equal(opened.length, 1)
    assert.equal(await isClosed(opened[0]!), true)
  })
})

// Each run opens three DuckDB instances (≈12 ms each), hence fewer runs and a longer guard.
describe('no slot ever leaks', { timeout: 6 * HANG_GUARD_MS }, () => {
  type Step = { kind: 'acquire', group: 'g' | 'h', exclude: boolean } | { kind: 'cancel', pick: number } | { kind: 'release', pick: number, outcome: 'success' | 'engineFailure' | 'cancelled' | 'queryError' } | { kind: 'toggle', cluster: 'a' | 'b' | 'c' }
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('acquire' as const), group: fc.constantFrom('g' as const, 'h' as const), exclude: fc.boolean() }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('release' as const), pick: fc.nat(), outcome: fc.constantFrom('success' as const, 'engineFailure' as const, 'cancelled' as const, 'queryError' as const) }),
    fc.record({ kind: fc.constant('toggle' as const), cluster: fc.constantFrom('a' as const, 'b' as const, 'c' as const) }),
  )

  test('random acquire / cancel / release / enable sequences end with nothing running or queued', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
      await using s = await setup({
        clusters: { a: { ...duck, maxRunningQueries: 2 }, b: duck, c: duck },
        clusterGroups: { g: { members: ['a', 'b'], maxRunningQueries: 3, maxQueuedQueries: 4, overflow: 'h' }, h: { members: ['b', 'c'], maxRunningQueries: 2, maxQueuedQueries: 2, overflow: 'g' } },
      }, { circuitBreaker: { failureThreshold: 3, coolDownMs: 60_000 } })
      const held: Lease[] = []
      const pending: Array<{ controller: AbortController, done: Promise<void> }> = []
      const enabled = { a: true, b: true, c: true }
      for (const st of steps) {
        if (st.kind === 'acquire') {
          const controller = new AbortController()
          const done = s.capacity.acquire(st.group, { signal: controller.signal, exclude: st.exclude ? ['b'] : [] }).then((l) => { held.push(l) }, () => {})
          pending.push({ controller, done })
        } else if (st.kind === 'cancel' && pending.length > 0) {
          pending[st.pick % pending.length]!.controller.abort()
        } else if (st.kind === 'release' && held.length > 0) {
          const [lease] = held.splice(st.pick % held.length, 1)
          lease!.release(st.outcome)
          lease!.release('success')
        } else if (st.kind === 'toggle') {
          enabled[st.cluster] = !enabled[st.cluster]
          s.capacity.setClusterEnabled(st.cluster, enabled[st.cluster])
        }
        await new Promise((r) => setImmediate(r))
        const snap = s.capacity.snapshot()
        const g = snap.find((x) => x.name === 'g')!
        const h = snap.find((x) => x.name === 'h')!
        assert.equal(g.running + h.running, held.length, 'every running slot belongs to a held lease')
        assert.ok(g.running <= 3 && h.running <= 2)
        assert.ok(g.clusters.find((c) => c.name === 'a')!.running <= 2)
      }
      for (const p of pending) p.controller.abort()
      await Promise.all(pending.map(async (p) => await p.done))
      for (const lease of held.splice(0)) lease.release('success')
      for (const g of s.capacity.snapshot()) {
        assert.deepEqual([g.running, g.queued], [0, 0], g.name)
        for (const c of g.clusters) assert.equal(c.running, 0, c.name)
      }
    }), { numRuns: 60 })
  })
})
