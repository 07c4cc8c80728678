/**
 * The unmodified `trino-client` npm package against the Trino HTTP frontend over embedded
 * DuckDB: results, many pages, errors (which this client puts in the result), cancel through
 * DELETE /v1/query/{id}, metadata, and USE / SET SESSION carried in the client's headers.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BasicAuth, Trino } from 'trino-client'
import type { QueryResult } from 'trino-client'
import { DUCKDB_WITH_TABLES, startTrinoFrontend, waitFor } from '../../integration/trino-http/start-frontend.ts'
import type { RunningTrinoFrontend } from '../../integration/trino-http/start-frontend.ts'

let trino: RunningTrinoFrontend
before(async () => { trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES }) })
after(async () => { await trino[Symbol.asyncDispose]() })

const client = (options: { catalog?: string, schema?: string } = {}): Trino => Trino.create({ server: trino.url, auth: new BasicAuth('npm-test'), ...options })

async function collect (source: Trino, sql: string): Promise<{ rows: unknown[][], results: QueryResult[] }> {
  const results: QueryResult[] = []
  for await (const result of await source.query(sql)) results.push(result)
  return { rows: results.flatMap((r) => r.data ?? []), results }
}

test('SELECT 42', async () => {
  const { rows, results } = await collect(client(), 'SELECT 42 AS answer')
  assert.deepEqual(rows, [[42]])
  assert.deepEqual(results.find((r) => r.columns !== undefined)?.columns?.map((c) => [c.name, c.type]), [['answer', 'integer']])
})

test('values as JSON gives them to JavaScript', async () => {
  const { rows } = await collect(client(), `SELECT true, CAST(1.5 AS DOUBLE), CAST('123.45' AS DECIMAL(10,2)), 'x', DATE '2020-01-02',
    TIMESTAMP '2020-01-02 03:04:05.123 UTC', ARRAY[1, 2], MAP(ARRAY['a'], ARRAY[1]), CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)), CAST(NULL AS VARCHAR)`)
  assert.deepEqual(rows, [[true, 1.5, '123.45', 'x', '2020-01-02', '2020-01-02 03:04:05.123000 UTC', [1, 2], { a: 1 }, [1, 'a'], null]])
})

test('a 100,000-row result over many pages: exact count and sum', async () => {
  // About 3 MB of rows: more than one 1 MiB page whatever the engine's speed.
  const { rows, results } = await collect(client(), `SELECT i, 'a text that makes each row about thirty bytes' AS pad FROM range(100000) t(i)`)
  assert.equal(rows.length, 100_000)
  assert.equal(rows.reduce((acc, row) => acc + (row[0] as number), 0), (99_999 * 100_000) / 2)
  assert.ok(results.filter((r) => r.data !== undefined).length > 1, 'more than one data page')
  assert.equal(results[results.length - 1]!.stats?.state, 'FINISHED')
})

test('a failing query: errorName and message in the result', async () => {
  const { results } = await collect(client(), 'SELECT * FROM no_such_table')
  const error = results.find((r) => r.error !== undefined)?.error
  assert.equal(error?.errorName, 'TABLE_NOT_FOUND')
  assert.equal(error?.errorType, 'USER_ERROR')
  assert.match(error?.message ?? '', /no_such_table/)
})

test('cancel(queryId) stops the DuckDB query and frees its slot', async () => {
  const source = client()
  const sql = 'SELECT count(*) FROM range(100000000000) a'
  // This client's iterator polls until data arrives, so the id comes from the query list (as an
  // operator would read it) while the query runs.
  await source.query(sql)
  await waitFor('query running', () => trino.qf.service.list().some((q) => q.sql === sql && q.state === 'RUNNING'))
  const { queryId } = trino.qf.service.list().find((q) => q.sql === sql && q.state === 'RUNNING')!
  await source.cancel(queryId)
  await waitFor('slot freed', () => trino.load().running === 0)
  assert.equal(trino.qf.service.list().find((q) => q.queryId === queryId)?.error?.code, 'CANCELLED')
})

test('SHOW CATALOGS / SCHEMAS / TABLES and DESCRIBE', async () => {
  const source = client({ catalog: 'memory', schema: 'main' })
  assert.deepEqual((await collect(source, 'SHOW CATALOGS')).rows, [['memory']])
  assert.deepEqual((await collect(source, 'SHOW SCHEMAS')).rows, [['main'], ['sales']])
  assert.deepEqual((await collect(source, 'SHOW TABLES')).rows, [['orders']])
  assert.deepEqual((await collect(source, 'DESCRIBE orders')).rows, [['id', 'bigint', '', ''], ['price', 'decimal(10,2)', '', '']])
})

test('USE and SET SESSION change what the client sends next', async () => {
  const source = client()
  await collect(source, 'USE memory.sales')
  assert.deepEqual((await collect(source, 'SHOW TABLES')).rows, [['invoices']])
  await collect(source, `SET SESSION query_max_run_time = '5m'`)
  assert.deepEqual((await collect(source, 'SHOW SESSION')).rows.map((r) => [r[0], r[1]]), [['query_max_run_time', '5m']])
})
