/**
 * The admin API on a real port over a real QueryService and embedded DuckDB: metrics after a
 * query, listing and cancelling queries, dry runs, enabling/disabling clusters, token, bad input.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createAdminServer } from '../../../src/admin/admin-server.ts'
import { Metrics } from '../../../src/observability/metrics.ts'
import { QueryHistory } from '../../../src/observability/query-history.ts'
import { createLogger } from '../../../src/observability/logger.ts'
import { Protocol } from '../../../src/core/protocol.ts'
import type { QueryRequest } from '../../../src/core/query-request.ts'
import { createTestQueryService } from '../../harness/query-service.ts'

const session = { user: 'alice', protocol: Protocol.trinoHttp, headers: {}, clientTags: [], properties: {} }
const request = (sql: string): QueryRequest => ({ sql, session })

async function drain (service: { submit (r: QueryRequest): { result: Promise<{ batches: AsyncIterable<unknown> }> } }, sql: string): Promise<void> {
  const result = await service.submit(request(sql)).result
  for await (const _ of result.batches) { /* consume */ }
}

async function startAdmin (token?: string) {
  const qf = await createTestQueryService()
  const metrics = new Metrics({ events: qf.events, capacitySnapshot: () => qf.capacity.snapshot() })
  const history = new QueryHistory({ events: qf.events, limit: 100 })
  const admin = createAdminServer({
    config: { host: '127.0.0.1', port: 0, token },
    service: qf.service,
    capacity: qf.capacity,
    metrics,
    history,
    configView: () => ({ ok: true }),
    logger: createLogger({ level: 'silent' }),
  })
  const { port } = await admin.start()
  const base = `http://127.0.0.1:${port}`
  return { qf, base, [Symbol.asyncDispose]: async () => { await admin.stop(); await qf.close() } }
}

test('metrics expose queryflux_* series after a query', async () => {
  await using env = await startAdmin()
  await drain(env.qf.service, 'SELECT 42')
  const text = await (await fetch(`${env.base}/metrics`)).text()
  assert.match(text, /queryflux_queries_total\{group="default",cluster="duckdb",protocol="trinoHttp",outcome="success"\} 1/)
  assert.match(text, /queryflux_queued_queries\{group="default"\} 0/)
  assert.match(text, /queryflux_running_queries\{group="default",cluster="duckdb"\} 0/)
  assert.match(text, /queryflux_query_duration_seconds_bucket/)
  assert.match(text, /queryflux_routing_decisions_total\{router="routingFallback",group="default"\} 1/)
})

test('lists a finished query with its routing trace, and cancels a running one', async () => {
  await using env = await startAdmin()
  await drain(env.qf.service, 'SELECT 1')
  const list = await (await fetch(`${env.base}/api/queries`)).json() as { queries: Array<{ queryId: string, state: string, routingTrace: unknown }> }
  assert.equal(list.queries[0]!.state, 'FINISHED')
  const one = await (await fetch(`${env.base}/api/queries/${list.queries[0]!.queryId}`)).json() as { routingTrace: { group: string } }
  assert.equal(one.routingTrace.group, 'default')

  const execution = env.qf.service.submit(request('SELECT count(*) FROM range(10000000000) a'))
  await execution.result.catch(() => {})
  for (let i = 0; i < 200 && execution.state !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 10))
  const res = await fetch(`${env.base}/api/queries/${execution.queryId}`, { method: 'DELETE' })
  assert.equal(res.status, 204)
  await execution.done
  assert.equal(execution.info().error?.code, 'CANCELLED')
  assert.equal((await fetch(`${env.base}/api/queries/nope`, { method: 'DELETE' })).status, 404)
})

test('dry run returns the group and trace without running the query', async () => {
  await using env = await startAdmin()
  const res = await fetch(`${env.base}/api/routing/dry-run`, { method: 'POST', body: JSON.stringify({ sql: 'SELECT 1', user: 'bob' }) })
  assert.equal(res.status, 200)
  const body = await res.json() as { group: string, trace: { decidedBy: string }, targetDialect: string }
  assert.equal(body.group, 'default')
  assert.equal(body.trace.decidedBy, 'routingFallback')
  assert.equal(body.targetDialect, 'duckdb')
  assert.equal(env.qf.service.list().length, 0)
})

test('disabling a cluster shows in the snapshot; enabling restores it', async () => {
  await using env = await startAdmin()
  assert.equal((await fetch(`${env.base}/api/clusters/duckdb/disable`, { method: 'POST' })).status, 200)
  const groups = await (await fetch(`${env.base}/api/groups`)).json() as { groups: Array<{ clusters: Array<{ name: string, enabled: boolean }> }> }
  assert.equal(groups.groups[0]!.clusters[0]!.enabled, false)
  const failed = await env.qf.service.submit(request('SELECT 1')).result.then(() => undefined, (e: { code: string }) => e.code)
  assert.equal(failed, 'ENGINE_UNAVAILABLE')
  assert.equal((await fetch(`${env.base}/api/clusters/duckdb`, { method: 'PATCH', body: '{"enabled":true}' })).status, 200)
  await drain(env.qf.service, 'SELECT 1')
  assert.equal((await fetch(`${env.base}/api/clusters/nope/enable`, { method: 'POST' })).status, 404)
})

test('bad input gets a coded JSON error, never a crash', async () => {
  await using env = await startAdmin()
  const bad = await fetch(`${env.base}/api/routing/dry-run`, { method: 'POST', body: '{not json' })
  assert.equal(bad.status, 400)
  assert.equal((await bad.json() as { error: { code: string } }).error.code, 'BAD_REQUEST')
  assert.equal((await fetch(`${env.base}/api/routing/dry-run`, { method: 'POST', body: '{}' })).status, 400)
  assert.equal((await fetch(`${env.base}/api/nothing-here`)).status, 404)
  assert.equal((await fetch(`${env.base}/api/groups`, { method: 'DELETE' })).status, 405)
  const spec = await (await fetch(`${env.base}/api/openapi.json`)).json() as { openapi: string, paths: Record<string, unknown> }
  assert.equal(spec.openapi, '3.1.0')
  assert.ok('/api/routing/dry-run' in spec.paths)
})

test('a configured token is required on /api but not on /metrics', async () => {
  await using env = await startAdmin('s3cret')
  assert.equal((await fetch(`${env.base}/api/groups`)).status, 401)
  assert.equal((await fetch(`${env.base}/api/groups`, { headers: { authorization: 'Bearer wrong!' } })).status, 401)
  assert.equal((await fetch(`${env.base}/api/groups`, { headers: { authorization: 'Bearer s3cret' } })).status, 200)
  assert.equal((await fetch(`${env.base}/metrics`)).status, 200)
})
