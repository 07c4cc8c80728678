/**
 * Capacity over real embedded DuckDB clusters: group limits while real queries run, a cancelled
 * query handing its slot to a queued one, active health checks reading DuckDB's version, a
 * cluster whose engine goes away turning unhealthy and receiving nothing, and shutdown closing
 * the engines.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CapacityManager } from '../../../src/capacity/capacity-manager.ts'
import type { CapacityManagerOptions } from '../../../src/capacity/capacity-manager.ts'
import { ConfigSchema } from '../../../src/config/schema.ts'
import type { ConfigInput } from '../../../src/config/schema.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { Lease } from '../../../src/capacity/lease.ts'
import { createEngineAdapter } from '../../../src/engines/engine-registry.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { QueryEvents } from '../../../src/observability/query-events.ts'
import type { QueryEventMap } from '../../../src/observability/query-events.ts'

const LONG = 'SELECT count(*) FROM range(100000000000) a'
const session = { user: 'alice', protocol: 'trinoHttp' as const, headers: {}, clientTags: [], properties: {} }

async function open (clusterGroups: ConfigInput['clusterGroups'], options: Partial<CapacityManagerOptions> = {}): Promise<{ capacity: CapacityManager, health: Array<QueryEventMap['clusterHealth']> } & AsyncDisposable> {
  const config = ConfigSchema.parse({ clusters: { d1: { engine: 'duckDb', poolSize: 2 }, d2: { engine: 'duckDb', poolSize: 2 } }, clusterGroups })
  const logger = createSilentLogger()
  const events = new QueryEvents()
  const health: Array<QueryEventMap['clusterHealth']> = []
  events.on('clusterHealth', (e) => health.push(e))
  const capacity = await CapacityManager.create(config, { createAdapter: async (name, cluster) => await createEngineAdapter(name, cluster, logger), events, logger, ...options })
  return { capacity, health, [Symbol.asyncDispose]: async () => await capacity.close() }
}

async function scalar (lease: Lease, sql: string, signal = new AbortController().signal): Promise<unknown> {
  const result = await lease.adapter.execute({ queryId: `q${Math.random()}`, sql, session }, signal)
  let value: unknown
  for await (const batch of result.batches) value ??= batch.rows[0]?.[0]
  return value
}

async function waitFor (predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10))
  assert.ok(predicate(), 'condition not reached within 10 s')
}

test('the group limit holds while real queries run; cancelling one hands its slot to the queued query', async () => {
  await using env = await open({ g: { members: ['d1', 'd2'], maxRunningQueries: 1 } })
  const first = await env.capacity.acquire('g', { signal: new AbortController().signal })
  const cancel = new AbortController()
  const running = scalar(first, LONG, cancel.signal).then(() => 'finished', (e: QueryFluxError) => e.code)
  let queued = 0
  const second = env.capacity.acquire('g', { signal: new AbortController().signal, onQueued: () => queued++ })
  assert.deepEqual([env.capacity.snapshot()[0]!.running, env.capacity.snapshot()[0]!.queued, queued], [1, 1, 1])
  cancel.abort()
  assert.equal(await running, 'CANCELLED')
  first.release('cancelled')
  const lease = await second
  assert.equal(BigInt(await scalar(lease, 'SELECT 40 + 2') as number), 42n)
  lease.release('success')
  assert.deepEqual([env.capacity.snapshot()[0]!.running, env.capacity.snapshot()[0]!.queued], [0, 0])
})

test('active checks read DuckDB\'s version; a cluster whose engine is gone turns unhealthy and gets nothing', async () => {
  await using env = await open({ g: { members: ['d1', 'd2'], strategy: 'roundRobin' } }, { healthCheckIntervalMs: 20, healthCheckTimeoutMs: 10_000, health: { unhealthyThreshold: 2, healthyThreshold: 1 } })
  env.capacity.start()
  await waitFor(() => env.capacity.snapshot()[0]!.clusters.every((c) => c.lastCheckAt !== null))
  for (const cluster of env.capacity.snapshot()[0]!.clusters) {
    assert.equal(cluster.healthy, true)
    assert.match(cluster.healthDetail, /v\d+\.\d+/, 'DuckDB version')
  }
  const lease = await env.capacity.acquire('g', { signal: new AbortController().signal })
  const gone = lease.cluster
  await lease.adapter.close()
  lease.release('engineFailure')
  await waitFor(() => env.health.length > 0)
  assert.deepEqual(env.health[0], { group: 'g', cluster: gone, healthy: false, detail: 'the adapter is closed' })
  for (let i = 0; i < 4; i++) {
    const next = await env.capacity.acquire('g', { signal: new AbortController().signal })
    assert.notEqual(next.cluster, gone)
    assert.equal(BigInt(await scalar(next, 'SELECT 1') as number), 1n)
    next.release('success')
  }
})

test('close ends queued waits with SHUTTING_DOWN and closes the engines', async () => {
  const env = await open({ g: { members: ['d1'], maxRunningQueries: 1 } })
  const lease = await env.capacity.acquire('g', { signal: new AbortController().signal })
  const queued = env.capacity.acquire('g', { signal: new AbortController().signal }).then(() => 'granted', (e: QueryFluxError) => e.code)
  await env.capacity.close()
  assert.equal(await queued, 'SHUTTING_DOWN')
  const after = await scalar(lease, 'SELECT 1').then(() => 'ran', (e: QueryFluxError) => e.code)
  assert.notEqual(after, 'ran', 'the engine was closed')
  lease.release('cancelled')
})
