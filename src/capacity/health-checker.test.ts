/**
 * Active health checks on a schedule, with a time limit.
 *
 * The adapters here are test doubles for the checking algorithm only (their checkHealth is
 * scripted: healthy, failing, throwing or never answering); no engine is under test.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { EngineAdapter, HealthStatus } from '../engines/engine-adapter.ts'
import { errors } from '../core/errors.ts'
import { HealthChecker } from './health-checker.ts'
import type { HealthCheckResult } from './health-checker.ts'

function scriptedAdapter (checkHealth: (signal: AbortSignal) => Promise<HealthStatus>): EngineAdapter {
  return {
    engine: 'duckDb',
    dialect: 'duckdb',
    checkHealth,
    execute: async () => { throw errors.notSupported('test double') },
    metadata: {
      listCatalogs: async () => [], listSchemas: async () => [], listTables: async () => [], listColumns: async () => [],
    },
    close: async () => {},
  }
}

function collect (n: number): { results: Array<[string, HealthCheckResult]>, done: Promise<void>, onResult: (t: { name: string }, r: HealthCheckResult) => void } {
  const results: Array<[string, HealthCheckResult]> = []
  let resolve!: () => void
  const done = new Promise<void>((r) => { resolve = r })
  return { results, done, onResult: (t, r) => { results.push([t.name, r]); if (results.length === n) resolve() } }
}

test('checks every target at once, then again every interval', async () => {
  let calls = 0
  const ok = scriptedAdapter(async () => ({ healthy: true, detail: `v${++calls}`, checkedAt: Date.now() }))
  const { results, done, onResult } = collect(3)
  const checker = new HealthChecker([{ name: 'a', adapter: ok }], { intervalMs: 5, onResult })
  checker.start()
  await done
  await checker.stop()
  assert.deepEqual(results.slice(0, 3).map(([name, r]) => [name, r.isOk, r.detail]), [['a', true, 'v1'], ['a', true, 'v2'], ['a', true, 'v3']])
  assert.equal(checker.isRunning, false)
})

test('an unhealthy answer, a throw and a check past its time limit all fail', async () => {
  const checker = new HealthChecker([], { intervalMs: 1000, timeoutMs: 20, onResult: () => {} })
  const down = await checker.check({ name: 'down', adapter: scriptedAdapter(async () => ({ healthy: false, detail: 'connection refused', checkedAt: 0 })) })
  assert.deepEqual([down.isOk, down.detail], [false, 'connection refused'])
  const thrown = await checker.check({ name: 'x', adapter: scriptedAdapter(async () => { throw new Error('socket hang up') }) })
  assert.deepEqual([thrown.isOk, thrown.detail], [false, 'socket hang up'])
  // This adapter ignores its signal and never answers: the checker must not wait for it.
  const hung = await checker.check({ name: 'hung', adapter: scriptedAdapter(async () => await new Promise<HealthStatus>(() => {})) })
  assert.deepEqual([hung.isOk, hung.detail], [false, 'health check timed out after 20 ms'])
})

test('the adapter gets a signal that fires at the time limit', async () => {
  let seen: AbortSignal | undefined
  const checker = new HealthChecker([], { intervalMs: 1000, timeoutMs: 10, onResult: () => {} })
  await checker.check({ name: 'a', adapter: scriptedAdapter(async (signal) => { seen = signal; return await new Promise<HealthStatus>(() => {}) }) })
  assert.equal(seen?.aborted, true)
})

test('stop aborts checks in flight, waits for them and schedules nothing more', async () => {
  let started = 0
  let resolveStarted!: () => void
  const isStarted = new Promise<void>((r) => { resolveStarted = r })
  const slow = scriptedAdapter(async (signal) => {
    started++
    resolveStarted()
    return await new Promise<HealthStatus>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
  })
  const results: HealthCheckResult[] = []
  const checker = new HealthChecker([{ name: 'a', adapter: slow }], { intervalMs: 1, timeoutMs: 60_000, onResult: (_t, r) => results.push(r) })
  checker.start()
  checker.start()
  await isStarted
  await checker.stop()
  assert.equal(started, 1, 'start twice runs one schedule')
  assert.deepEqual(results, [], 'a check cut short by stop is not reported')
})
