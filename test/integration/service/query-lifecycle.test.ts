/**
 * The QueryService's promises about a query's life, over real routing, capacity, translation
 * and embedded DuckDB: the slot is freed exactly once however the query ends, cancellation is
 * never a quiet short result, queueing and its limits, and shutdown draining.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Protocol } from '../../../src/core/protocol.ts'
import type { QueryRequest } from '../../../src/core/query-request.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import { createTestQueryService } from '../../harness/query-service.ts'

const LONG = 'SELECT count(*) FROM range(100000000000) a'
const session = { user: 'alice', protocol: Protocol.trinoHttp, headers: {}, clientTags: [], properties: {} }
const request = (sql: string, extra: Partial<QueryRequest> = {}): QueryRequest => ({ sql, session, ...extra })

const oneGroup = (maxRunningQueries: number, maxQueuedQueries: number, queueTimeoutMs = 60_000) => ({
  queryflux: { adminApi: { enabled: false } },
  clusters: { duckdb: { engine: 'duckDb' as const, poolSize: 4 } },
  clusterGroups: { default: { members: ['duckdb'], maxRunningQueries, maxQueuedQueries, queueTimeoutMs } },
  routingFallback: 'default',
})

function running (qf: { capacity: { snapshot (): Array<{ running: number, queued: number }> } }): { running: number, queued: number } {
  const g = qf.capacity.snapshot()[0]!
  return { running: g.running, queued: g.queued }
}

async function waitFor (predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10))
  assert.ok(predicate(), 'condition not reached within 5 s')
}

test('a result read to the end finishes the query and frees the slot', async () => {
  await using qf = await createTestQueryService()
  const execution = qf.service.submit(request('SELECT i FROM range(100000) t(i)'))
  const result = await execution.result
  assert.equal(result.columns[0]!.name, 'i')
  let rows = 0
  for await (const batch of result.batches) rows += batch.rows.length
  assert.equal(rows, 100_000)
  await execution.done
  assert.equal(execution.state, 'FINISHED')
  assert.equal(execution.info().rows, 100_000)
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('closing a result early frees the slot', async () => {
  await using qf = await createTestQueryService()
  const execution = qf.service.submit(request('SELECT i FROM range(10000000) t(i)'))
  const result = await execution.result
  for await (const batch of result.batches) { assert.ok(batch.rows.length > 0); break }
  await execution.done
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
  const again = qf.service.submit(request('SELECT 2'))
  await (await again.result).close()
  await again.done
})

test('cancelling a running query fails it with CANCELLED and frees the slot', async () => {
  await using qf = await createTestQueryService()
  const execution = qf.service.submit(request(LONG))
  await waitFor(() => execution.state === 'RUNNING')
  execution.cancel()
  const error = await execution.result.then(async (r) => { for await (const _ of r.batches); return undefined }, (e: QueryFluxError) => e)
  assert.equal(error?.code, 'CANCELLED')
  await execution.done
  assert.equal(execution.state, 'FAILED')
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('a client AbortSignal cancels the query', async () => {
  await using qf = await createTestQueryService()
  const controller = new AbortController()
  const execution = qf.service.submit(request(LONG, { signal: controller.signal }))
  await waitFor(() => execution.state === 'RUNNING')
  controller.abort()
  await execution.done
  assert.equal(execution.info().error?.code, 'CANCELLED')
})

test('an engine error reaches the caller coded and frees the slot', async () => {
  await using qf = await createTestQueryService()
  const execution = qf.service.submit(request('SELECT * FROM no_such_table'))
  const error = await execution.result.then(() => undefined, (e: QueryFluxError) => e)
  assert.equal(error?.code, 'ENGINE_ERROR')
  assert.equal(error?.details.engineErrorKind, 'undefinedTable')
  assert.equal(error?.details.group, 'default')
  await execution.done
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('queries beyond maxRunningQueries wait in the queue and run in order when a slot frees', async () => {
  await using qf = await createTestQueryService({ config: oneGroup(1, 10) })
  const first = qf.service.submit(request(LONG))
  await waitFor(() => first.state === 'RUNNING')
  const second = qf.service.submit(request('SELECT 2 AS two'))
  await waitFor(() => running(qf).queued === 1)
  assert.equal(second.state, 'QUEUED')
  first.cancel()
  const result = await second.result
  const rows = []
  for await (const batch of result.batches) rows.push(...batch.rows)
  assert.deepEqual(rows, [[2]])
  await Promise.all([first.done, second.done])
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('a full queue refuses with QUEUE_FULL and a cancelled waiter leaves the queue', async () => {
  await using qf = await createTestQueryService({ config: oneGroup(1, 1) })
  const first = qf.service.submit(request(LONG))
  await waitFor(() => first.state === 'RUNNING')
  const waiting = qf.service.submit(request('SELECT 1'))
  await waitFor(() => running(qf).queued === 1)
  const refused = await qf.service.submit(request('SELECT 1')).result.then(() => undefined, (e: QueryFluxError) => e)
  assert.equal(refused?.code, 'QUEUE_FULL')
  waiting.cancel()
  await waiting.done
  assert.equal(waiting.info().error?.code, 'CANCELLED')
  assert.equal(running(qf).queued, 0)
  first.cancel()
  await first.done
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('a waiter past queueTimeoutMs fails with QUEUE_TIMEOUT', async () => {
  await using qf = await createTestQueryService({ config: oneGroup(1, 5, 200) })
  const first = qf.service.submit(request(LONG))
  await waitFor(() => first.state === 'RUNNING')
  const late = await qf.service.submit(request('SELECT 1')).result.then(() => undefined, (e: QueryFluxError) => e)
  assert.equal(late?.code, 'QUEUE_TIMEOUT')
  first.cancel()
  await first.done
  assert.deepEqual(running(qf), { running: 0, queued: 0 })
})

test('drain refuses new queries and cancels running ones when its deadline passes', async () => {
  await using qf = await createTestQueryService()
  const long = qf.service.submit(request(LONG))
  await waitFor(() => long.state === 'RUNNING')
  const deadline = new AbortController()
  const drained = qf.service.drain(deadline.signal)
  const refused = await qf.service.submit(request('SELECT 1')).result.then(() => undefined, (e: QueryFluxError) => e)
  assert.equal(refused?.code, 'SHUTTING_DOWN')
  deadline.abort()
  await drained
  assert.equal(long.info().error?.code, 'SHUTTING_DOWN')
})

test('the routing trace and translated SQL are kept with the query', async () => {
  await using qf = await createTestQueryService()
  const execution = qf.service.submit(request('SELECT 1'))
  await (await execution.result).close()
  await execution.done
  const info = execution.info()
  assert.equal(info.routingTrace?.decidedBy, 'routingFallback')
  assert.equal(info.sourceDialect, 'trino')
  assert.equal(info.targetDialect, 'duckdb')
  assert.equal(typeof info.translatedSql, 'string')
})
