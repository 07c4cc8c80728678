/**
 * Statements the Trino HTTP frontend answers itself (USE, SET SESSION, START TRANSACTION,
 * SHOW CATALOGS from engine metadata) never reach the QueryService, yet they show in the query
 * history under the queryId the client saw, and in queryflux_frontend_statements_total.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Metrics } from '../../../src/observability/metrics.ts'
import { QueryHistory } from '../../../src/observability/query-history.ts'
import type { QueryInfo } from '../../../src/service/query-execution.ts'
import { run, startTrinoFrontend, waitFor } from './start-frontend.ts'

async function counter (metrics: Metrics, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('queryflux_frontend_statements_total')?.get()
  return metric?.values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))?.value ?? 0
}

test('USE, SET SESSION, START TRANSACTION and SHOW CATALOGS are in history with the client\'s queryId and counted', async (t) => {
  await using trino = await startTrinoFrontend()
  const history = new QueryHistory({ events: trino.qf.events, limit: 100 })
  const metrics = new Metrics({ events: trino.qf.events, capacitySnapshot: () => trino.qf.capacity.snapshot() })
  t.after(() => { history.close(); metrics.close() })
  const find = (sql: string): QueryInfo | undefined => history.list().find((q) => q.sql === sql)

  const use = await run(trino.url, 'USE memory.main')
  await run(trino.url, "SET SESSION query_max_run_time = '1h'")
  await run(trino.url, 'START TRANSACTION')
  const catalogs = await run(trino.url, 'SHOW CATALOGS')
  assert.ok(catalogs.rows.length > 0)
  await run(trino.url, 'SELECT 1')
  await waitFor('SHOW CATALOGS recorded', () => find('SHOW CATALOGS') !== undefined)

  const used = find('USE memory.main')!
  assert.equal(used.queryId, use.last.json.id)
  assert.equal(used.state, 'FINISHED')
  assert.equal(used.answeredBy, 'frontend')
  assert.equal(used.answeredKind, 'session')
  assert.equal(used.protocol, 'trinoHttp')
  assert.equal(used.user, 'test')
  assert.equal(used.group, undefined)
  assert.equal(find('START TRANSACTION')!.answeredKind, 'transaction')
  const shown = find('SHOW CATALOGS')!
  assert.equal(shown.answeredKind, 'metadata')
  assert.equal(shown.rows, catalogs.rows.length)
  assert.equal(shown.queryId, catalogs.last.json.id)
  // The engine query is the QueryService's record only.
  const select = history.list().filter((q) => q.sql === 'SELECT 1')
  assert.equal(select.length, 1)
  assert.equal(select[0]!.answeredBy, undefined)

  assert.equal(await counter(metrics, { protocol: 'trinoHttp', kind: 'session', outcome: 'success' }), 2)
  assert.equal(await counter(metrics, { protocol: 'trinoHttp', kind: 'transaction', outcome: 'success' }), 1)
  assert.equal(await counter(metrics, { protocol: 'trinoHttp', kind: 'metadata', outcome: 'success' }), 1)
})

test('a refused DEALLOCATE of an unknown prepared statement is recorded as FAILED with its code', async (t) => {
  await using trino = await startTrinoFrontend()
  const history = new QueryHistory({ events: trino.qf.events, limit: 100 })
  const metrics = new Metrics({ events: trino.qf.events, capacitySnapshot: () => trino.qf.capacity.snapshot() })
  t.after(() => { history.close(); metrics.close() })

  const refused = await run(trino.url, 'DEALLOCATE PREPARE nope')
  assert.ok(refused.last.json.error !== undefined)
  await waitFor('DEALLOCATE recorded', () => history.list().length > 0)
  const entry = history.list()[0]!
  assert.equal(entry.sql, 'DEALLOCATE PREPARE nope')
  assert.equal(entry.state, 'FAILED')
  assert.equal(entry.answeredKind, 'prepared')
  assert.equal(entry.error?.code, 'BAD_REQUEST')
  assert.equal(await counter(metrics, { protocol: 'trinoHttp', kind: 'prepared', outcome: 'BAD_REQUEST' }), 1)
})
