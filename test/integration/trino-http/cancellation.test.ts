/**
 * Cancellation and capacity through the Trino frontend: DELETE on nextUri, partialCancelUri and
 * /v1/query/{id}; a client that stops polling; QUEUED answers while a group is full; queue-full
 * errors; draining on stop. Outcomes are checked in the service's state, not by timing.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { get, post, run, startTrinoFrontend, waitFor } from './start-frontend.ts'

const LONG = 'SELECT count(*) FROM range(100000000000) a'
const oneSlot = (maxQueuedQueries: number) => ({
  queryflux: { adminApi: { enabled: false } },
  clusters: { duckdb: { engine: 'duckDb' as const, poolSize: 2 } },
  clusterGroups: { default: { members: ['duckdb'], maxRunningQueries: 1, maxQueuedQueries } },
  routingFallback: 'default',
})

async function startRunning (url: string, sql = LONG): Promise<{ id: string, nextUri: string }> {
  let page = await post(url, sql)
  const id = page.json.id as string
  // Poll until the engine is working on it (RUNNING), as a client would.
  for (let i = 0; i < 50 && page.json.stats.state !== 'RUNNING'; i++) page = await get(page.json.nextUri as string)
  assert.equal(page.json.stats.state, 'RUNNING')
  return { id, nextUri: page.json.nextUri as string }
}

test('DELETE on nextUri cancels a running query, frees the slot and the next poll says USER_CANCELED', async () => {
  await using trino = await startTrinoFrontend()
  const { id, nextUri } = await startRunning(trino.url)
  assert.equal(trino.load().running, 1)
  const response = await fetch(nextUri, { method: 'DELETE' })
  assert.equal(response.status, 204)
  await waitFor('slot freed', () => trino.load().running === 0)
  const info = trino.qf.service.list().find((q) => q.queryId === id)!
  assert.equal(info.state, 'FAILED')
  assert.equal(info.error?.code, 'CANCELLED')
  const after = await get(nextUri)
  assert.equal(after.json.stats.state, 'FAILED')
  assert.equal(after.json.error.errorName, 'USER_CANCELED')
  assert.equal(after.json.nextUri, undefined)
})

test('DELETE /v1/query/{id} (the npm client) and the partialCancelUri cancel too', async () => {
  await using trino = await startTrinoFrontend()
  const a = await startRunning(trino.url)
  assert.equal((await fetch(`${trino.url}/v1/query/${a.id}`, { method: 'DELETE' })).status, 204)
  await waitFor('first cancelled', () => trino.load().running === 0)
  let page = await post(trino.url, LONG)
  while (page.json.partialCancelUri === undefined) page = await get(page.json.nextUri as string)
  assert.equal((await fetch(page.json.partialCancelUri as string, { method: 'DELETE' })).status, 204)
  await waitFor('second cancelled', () => trino.load().running === 0)
})

test('a client that stops polling has its query cancelled after clientTimeoutMs', async () => {
  await using trino = await startTrinoFrontend({ clientTimeoutMs: 300 })
  const { id } = await startRunning(trino.url)
  await waitFor('abandoned query cancelled', () => trino.load().running === 0)
  const info = trino.qf.service.list().find((q) => q.queryId === id)!
  assert.equal(info.error?.code, 'CANCELLED')
  assert.match(info.error.message, /clientTimeoutMs/)
})

test('HEAD heartbeats keep a query alive without reading rows', async () => {
  await using trino = await startTrinoFrontend({ clientTimeoutMs: 400 })
  const { id, nextUri } = await startRunning(trino.url)
  for (let i = 0; i < 8; i++) {
    assert.equal((await fetch(nextUri, { method: 'HEAD' })).status, 200)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.equal(trino.qf.service.get(id)?.state, 'RUNNING')
  await fetch(nextUri, { method: 'DELETE' })
  await waitFor('slot freed', () => trino.load().running === 0)
})

test('while the group is full a query stays QUEUED with a nextUri, and runs once a slot frees', async () => {
  await using trino = await startTrinoFrontend({ config: oneSlot(10) })
  const blocker = await startRunning(trino.url)
  const waiting = await post(trino.url, 'SELECT 7')
  const polled = await get(waiting.json.nextUri as string)
  assert.equal(polled.json.stats.state, 'QUEUED')
  assert.equal(polled.json.stats.queued, true)
  assert.ok(polled.json.nextUri !== undefined)
  assert.equal(trino.load().queued, 1)
  await fetch(blocker.nextUri, { method: 'DELETE' })
  let page = polled
  const rows: unknown[] = []
  while (page.json.nextUri !== undefined) { page = await get(page.json.nextUri as string); rows.push(...((page.json.data as unknown[] | undefined) ?? [])) }
  assert.deepEqual(rows, [[7]])
  assert.equal(page.json.stats.state, 'FINISHED')
})

test('a full queue fails with QUERY_QUEUE_FULL (INSUFFICIENT_RESOURCES)', async () => {
  await using trino = await startTrinoFrontend({ config: oneSlot(0) })
  const blocker = await startRunning(trino.url)
  const { last } = await run(trino.url, 'SELECT 1')
  assert.equal(last.json.stats.state, 'FAILED')
  assert.equal(last.json.error.errorName, 'QUERY_QUEUE_FULL')
  assert.equal(last.json.error.errorType, 'INSUFFICIENT_RESOURCES')
  assert.equal(last.json.error.errorCode, 131074)
  await fetch(blocker.nextUri, { method: 'DELETE' })
})

test('stop() lets a reading client finish, refuses new statements, then closes', async () => {
  const trino = await startTrinoFrontend({ targetPageBytes: 1024 })
  try {
    const first = await post(trino.url, 'SELECT i FROM range(5000) t(i)')
    const stopped = trino.frontend.stop(AbortSignal.timeout(10_000))
    const refused = await run(trino.url, 'SELECT 1')
    assert.equal(refused.last.json.error.errorName, 'SERVER_SHUTTING_DOWN')
    let page = first
    let rows = 0
    while (page.json.nextUri !== undefined) { page = await get(page.json.nextUri as string); rows += (page.json.data as unknown[] | undefined)?.length ?? 0 }
    assert.equal(rows, 5000)
    await stopped
    await assert.rejects(fetch(`${trino.url}/v1/info`))
  } finally {
    await trino.qf.close()
  }
})
