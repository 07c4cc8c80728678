/**
 * Statements the PostgreSQL frontend answers itself (SET, SHOW, BEGIN/COMMIT, FETCH from a
 * cursor, pg_catalog queries from the emulation) never reach the QueryService, yet they show
 * in the query history, in GET /api/queries and in queryflux_frontend_statements_total.
 * Driven by the `pg` client against the embedded DuckDB.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startFrontend } from './frontend.ts'
import { createAdminServer } from '../../../src/admin/admin-server.ts'
import { Metrics } from '../../../src/observability/metrics.ts'
import { QueryHistory } from '../../../src/observability/query-history.ts'
import { isQueryId } from '../../../src/core/query-id.ts'
import type { QueryInfo } from '../../../src/service/query-execution.ts'

async function counter (metrics: Metrics, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('queryflux_frontend_statements_total')?.get()
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
  return value?.value ?? 0
}

/** The statement's history entry (newest first), waiting briefly: it is recorded when its result closes. */
async function entry (history: QueryHistory, sql: string): Promise<QueryInfo> {
  for (let i = 0; i < 200; i++) {
    const found = history.list({ limit: 1000 }).find((q) => q.sql === sql)
    if (found !== undefined) return found
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`no history entry for ${sql}`)
}

test('SET, SHOW, BEGIN/COMMIT and a pg_catalog query from pg are in history and counted, the engine query once', async (t) => {
  const fe = await startFrontend(t)
  const history = new QueryHistory({ events: fe.qf.events, limit: 100 })
  const metrics = new Metrics({ events: fe.qf.events, capacitySnapshot: () => fe.qf.capacity.snapshot() })
  t.after(() => { history.close(); metrics.close() })
  const client = await fe.connect()

  await client.query("SET application_name = 'h7'")
  assert.equal((await client.query('SHOW application_name')).rows[0].application_name, 'h7')
  await client.query('BEGIN')
  await client.query('COMMIT')
  const catalog = await client.query("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = 'main'")
  assert.equal(catalog.rows.length, 1)
  await client.query('SELECT 42 AS answer')

  const set = await entry(history, "SET application_name = 'h7'")
  assert.equal(set.state, 'FINISHED')
  assert.equal(set.answeredBy, 'frontend')
  assert.equal(set.answeredKind, 'session')
  assert.equal(set.protocol, 'postgresWire')
  assert.equal(set.user, 'tester')
  assert.ok(isQueryId(set.queryId))
  assert.equal(set.group, undefined)
  assert.equal(set.cluster, undefined)
  assert.equal((await entry(history, 'SHOW application_name')).rows, 1)
  assert.equal((await entry(history, 'BEGIN')).answeredKind, 'transaction')
  const pgCatalog = await entry(history, "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = 'main'")
  assert.equal(pgCatalog.answeredKind, 'catalog')
  assert.equal(pgCatalog.rows, 1)
  assert.ok(pgCatalog.endedAt! >= pgCatalog.createdAt)

  // The engine query is the QueryService's: recorded once, with its group, not as answered.
  const engine = history.list({ limit: 1000 }).filter((q) => q.sql === 'SELECT 42 AS answer')
  assert.equal(engine.length, 1)
  assert.equal(engine[0]!.answeredBy, undefined)
  assert.equal(engine[0]!.group, 'default')

  assert.equal(await counter(metrics, { protocol: 'postgresWire', kind: 'session', outcome: 'success' }), 2)
  assert.equal(await counter(metrics, { protocol: 'postgresWire', kind: 'transaction', outcome: 'success' }), 2)
  assert.equal(await counter(metrics, { protocol: 'postgresWire', kind: 'catalog', outcome: 'success' }), 1)
  const text = (await metrics.render()).body
  assert.match(text, /queryflux_frontend_statement_duration_seconds_count\{protocol="postgresWire",kind="catalog"\} 1/)
})

test('a refused SET and cursor FETCH/CLOSE are recorded with their outcome; /api/queries lists them', async (t) => {
  const fe = await startFrontend(t)
  const history = new QueryHistory({ events: fe.qf.events, limit: 100 })
  const metrics = new Metrics({ events: fe.qf.events, capacitySnapshot: () => fe.qf.capacity.snapshot() })
  const admin = createAdminServer({
    config: { host: '127.0.0.1', port: 0 },
    service: fe.qf.service,
    capacity: fe.qf.capacity,
    metrics,
    history,
    configView: () => ({}),
    logger: fe.qf.logger,
  })
  const { port } = await admin.start()
  t.after(async () => { await admin.stop(); metrics.close() })
  const client = await fe.connect()

  await assert.rejects(client.query('SET server_version = 1'), /server_version/)
  await client.query('BEGIN')
  await client.query('DECLARE c CURSOR FOR SELECT * FROM range(5)')
  assert.equal((await client.query('FETCH 2 FROM c')).rows.length, 2)
  await client.query('CLOSE c')
  await client.query('COMMIT')

  const refused = await entry(history, 'SET server_version = 1')
  assert.equal(refused.state, 'FAILED')
  assert.equal(typeof refused.error?.code, 'string')
  assert.equal(await counter(metrics, { kind: 'session', outcome: refused.error!.code }), 1)
  const fetched = await entry(history, 'FETCH 2 FROM c')
  assert.equal(fetched.answeredKind, 'cursor')
  assert.equal(fetched.rows, 2)
  assert.equal((await entry(history, 'CLOSE c')).answeredKind, 'cursor')
  // DECLARE runs its query on the engine: the service's record, not an answered one.
  assert.equal(history.list({ answeredBy: 'frontend', limit: 1000 }).some((q) => q.sql.startsWith('DECLARE')), false)

  const listed = await (await fetch(`http://127.0.0.1:${port}/api/queries`)).json() as { queries: QueryInfo[] }
  const answered = listed.queries.filter((q) => q.answeredBy === 'frontend').map((q) => q.sql)
  assert.deepEqual(answered, ['COMMIT', 'CLOSE c', 'FETCH 2 FROM c', 'BEGIN', 'SET server_version = 1'])
  assert.ok(listed.queries.some((q) => q.sql === 'SELECT * FROM range(5)' && q.group === 'default'))
  const one = await (await fetch(`http://127.0.0.1:${port}/api/queries/${fetched.queryId}`)).json() as QueryInfo
  assert.equal(one.answeredBy, 'frontend')
})
