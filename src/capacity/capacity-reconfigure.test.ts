/**
 * CapacityManager.reconfigure: runtime changes keep running and queued queries, apply new limits,
 * open adapters for new or changed clusters, retire removed ones once idle, and change nothing
 * when the new config or a new adapter fails. Clusters are real embedded DuckDB adapters.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigSchema } from '../config/schema.ts'
import type { ConfigInput } from '../config/schema.ts'
import { errors } from '../core/errors.ts'
import type { QueryFluxError } from '../core/errors.ts'
import type { EngineAdapter } from '../engines/engine-adapter.ts'
import { createEngineAdapter } from '../engines/engine-registry.ts'
import { createSilentLogger } from '../observability/logger.ts'
import { QueryEvents } from '../observability/query-events.ts'
import { CapacityManager } from './capacity-manager.ts'
import type { GroupSnapshot } from './capacity-manager.ts'

const logger = createSilentLogger()
const duck = { engine: 'duckDb' as const, poolSize: 1 }
const signal = (): AbortSignal => new AbortController().signal
const code = async (p: Promise<unknown>): Promise<string | undefined> => await p.then(() => undefined, (e: QueryFluxError) => e.code)

type Input = Partial<ConfigInput> & Pick<ConfigInput, 'clusterGroups'>
const parse = (input: Input): ReturnType<typeof ConfigSchema.parse> => ConfigSchema.parse({ clusters: { a: duck, b: duck }, ...input })

interface Env extends AsyncDisposable { capacity: CapacityManager, opened: Array<{ name: string, adapter: EngineAdapter }>, failNext: Set<string> }

async function open (input: Input): Promise<Env> {
  const opened: Env['opened'] = []
  const failNext = new Set<string>()
  const capacity = await CapacityManager.create(parse(input), {
    createAdapter: async (name, cluster) => {
      if (failNext.delete(name)) throw errors.engineUnavailable(`cluster '${name}'`, 'cannot connect')
      const adapter = await createEngineAdapter(name, cluster, logger)
      opened.push({ name, adapter })
      return adapter
    },
    events: new QueryEvents(),
    logger,
  })
  return { capacity, opened, failNext, [Symbol.asyncDispose]: async () => await capacity.close() }
}

const group = (env: Env, name = 'g'): GroupSnapshot | undefined => env.capacity.snapshot().find((g) => g.name === name)
const isClosed = async (adapter: EngineAdapter): Promise<boolean> => (await adapter.checkHealth(signal())).detail === 'the adapter is closed'

describe('CapacityManager.reconfigure', { timeout: 30_000 }, () => {
  test('a higher limit admits queued queries at once; a lower one holds new queries until enough finish', async () => {
    await using env = await open({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 } } })
    const first = await env.capacity.acquire('g', { signal: signal() })
    const queued = env.capacity.acquire('g', { signal: signal() })
    await env.capacity.reconfigure(parse({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 2 } } }))
    const second = await queued
    assert.deepEqual([group(env)!.running, group(env)!.maxRunningQueries], [2, 2])
    await env.capacity.reconfigure(parse({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 } } }))
    const third = env.capacity.acquire('g', { signal: signal() })
    first.release('success')
    assert.equal(group(env)!.queued, 1, 'still 1 running against a limit of 1')
    second.release('success')
    ;(await third).release('success')
    assert.equal(group(env)!.running, 0)
    assert.equal(env.opened.length, 1, 'the unchanged cluster kept its adapter')
  })

  test('new groups and clusters open; removed groups fail their queued queries; removed clusters close once idle', async () => {
    await using env = await open({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 }, old: { members: ['b'], maxRunningQueries: 1 } } })
    const onB = await env.capacity.acquire('old', { signal: signal() })
    const waitingOld = code(env.capacity.acquire('old', { signal: signal() }))
    await env.capacity.reconfigure(parse({ clusters: { a: duck, c: duck }, clusterGroups: { g: { members: ['a'], maxRunningQueries: 1 }, fresh: { members: ['c'] } } }))
    assert.equal(await waitingOld, 'ENGINE_UNAVAILABLE')
    assert.equal(env.capacity.describeGroup('old'), undefined)
    assert.deepEqual(env.capacity.snapshot().map((g) => g.name), ['g', 'fresh'])
    const onC = await env.capacity.acquire('fresh', { signal: signal() })
    assert.equal(onC.cluster, 'c')
    onC.release('success')
    const b = env.opened.find((o) => o.name === 'b')!.adapter
    assert.equal(await isClosed(b), false, 'b still runs a query')
    onB.release('success')
    assert.equal(await isClosed(b), true)
  })

  test('a cluster whose connection settings change gets a new adapter; limit-only changes keep it', async () => {
    await using env = await open({ clusterGroups: { g: { members: ['a'] } } })
    const running = await env.capacity.acquire('g', { signal: signal() })
    await env.capacity.reconfigure(parse({ clusters: { a: { ...duck, maxRunningQueries: 5, weight: 3 } }, clusterGroups: { g: { members: ['a'] } } }))
    assert.equal(env.opened.length, 1)
    await env.capacity.reconfigure(parse({ clusters: { a: { ...duck, initSql: ['CREATE TABLE t AS SELECT 1 AS x'] } }, clusterGroups: { g: { members: ['a'] } } }))
    assert.equal(env.opened.length, 2)
    const next = await env.capacity.acquire('g', { signal: signal() })
    assert.equal(next.adapter, env.opened[1]!.adapter)
    assert.equal(group(env)!.running, 2, 'the group counts queries on the old and the new adapter')
    assert.equal(await isClosed(env.opened[0]!.adapter), false)
    running.release('success')
    assert.equal(await isClosed(env.opened[0]!.adapter), true)
    next.release('success')
  })

  test('a runtime enable switch survives a change that leaves the configured enabled flag alone', async () => {
    await using env = await open({ clusterGroups: { g: { members: ['a', 'b'] } } })
    env.capacity.setClusterEnabled('a', false)
    await env.capacity.reconfigure(parse({ clusterGroups: { g: { members: ['a', 'b'], maxRunningQueries: 7 } } }))
    assert.equal(group(env)!.clusters.find((c) => c.name === 'a')!.enabled, false)
    await env.capacity.reconfigure(parse({ clusters: { a: { ...duck, enabled: false }, b: duck }, clusterGroups: { g: { members: ['a', 'b'] } } }))
    await env.capacity.reconfigure(parse({ clusterGroups: { g: { members: ['a', 'b'] } } }))
    assert.equal(group(env)!.clusters.find((c) => c.name === 'a')!.enabled, true, 'the configured flag changed back to true')
  })

  test('an invalid config or an adapter that cannot open changes nothing', async () => {
    await using env = await open({ clusterGroups: { g: { members: ['a'], maxRunningQueries: 3 } } })
    assert.equal(await code(env.capacity.reconfigure(parse({ clusterGroups: { g: { members: ['a', 'ghost'], maxRunningQueries: 9 } } }))), 'CONFIG_INVALID')
    env.failNext.add('c')
    assert.equal(await code(env.capacity.reconfigure(parse({ clusters: { a: duck, b: duck, c: duck }, clusterGroups: { g: { members: ['a'], maxRunningQueries: 9 }, h: { members: ['b'] }, i: { members: ['c'] } } }))), 'ENGINE_UNAVAILABLE')
    assert.deepEqual(env.capacity.snapshot().map((g) => [g.name, g.maxRunningQueries]), [['g', 3]])
    const b = env.opened.find((o) => o.name === 'b')!.adapter
    assert.equal(await isClosed(b), true, 'the adapter opened for the failed change was closed')
  })
})
