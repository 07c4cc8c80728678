/**
 * Statements the frontend answers itself: USE, SET/RESET SESSION, PREPARE/EXECUTE/DEALLOCATE,
 * EXECUTE IMMEDIATE with parameters, transactions, version(); and the metadata statements
 * Trino clients send (SHOW …, DESCRIBE, system.jdbc.*), answered from DuckDB's metadata.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DUCKDB_WITH_TABLES, run, startTrinoFrontend } from './start-frontend.ts'

test('USE answers X-Trino-Set-Catalog and X-Trino-Set-Schema; X-Presto clients get X-Presto', async () => {
  await using trino = await startTrinoFrontend()
  const { pages, last } = await run(trino.url, 'USE memory.main')
  assert.equal(last.json.updateType, 'USE')
  const headers = pages.map((p) => p.headers).find((h) => h.has('x-trino-set-schema'))!
  assert.equal(headers.get('x-trino-set-catalog'), 'memory')
  assert.equal(headers.get('x-trino-set-schema'), 'main')
  const presto = await run(trino.url, 'USE other', { 'X-Presto-User': 'p', 'X-Presto-Catalog': 'memory' })
  const prestoHeaders = presto.pages.map((p) => p.headers).find((h) => h.has('x-presto-set-schema'))!
  assert.equal(prestoHeaders.get('x-presto-set-catalog'), 'memory')
})

test('SET SESSION and RESET SESSION round-trip through headers; SHOW SESSION lists them', async () => {
  await using trino = await startTrinoFrontend()
  const set = await run(trino.url, `SET SESSION query_max_run_time = '10 m'`)
  assert.equal(set.last.json.updateType, 'SET SESSION')
  assert.equal(set.pages.map((p) => p.headers.get('x-trino-set-session')).find((h) => h !== null), 'query_max_run_time=10%20m')
  const reset = await run(trino.url, 'RESET SESSION query_max_run_time')
  assert.equal(reset.pages.map((p) => p.headers.get('x-trino-clear-session')).find((h) => h !== null), 'query_max_run_time')
  const show = await run(trino.url, 'SHOW SESSION', { 'X-Trino-Session': 'a=1,b=x%20y' })
  assert.deepEqual(show.rows.map((r) => [r[0], r[1]]), [['a', '1'], ['b', 'x y']])
})

test('PREPARE, EXECUTE … USING with the prepared-statement header, DEALLOCATE', async () => {
  await using trino = await startTrinoFrontend()
  const prepared = await run(trino.url, 'PREPARE my_query FROM SELECT ? + 1, ?')
  const added = prepared.pages.map((p) => p.headers.get('x-trino-added-prepare')).find((h) => h !== null)!
  assert.equal(added, `my_query=${encodeURIComponent('SELECT ? + 1, ?')}`)
  const executed = await run(trino.url, `EXECUTE my_query USING 41, 'x'`, { 'X-Trino-Prepared-Statement': added })
  assert.deepEqual(executed.rows, [[42, 'x']])
  const missing = await run(trino.url, 'EXECUTE nope USING 1')
  assert.equal(missing.last.json.error.errorName, 'GENERIC_USER_ERROR')
  assert.match(missing.last.json.error.message as string, /Prepared statement not found: nope/)
  const wrongCount = await run(trino.url, 'EXECUTE my_query USING 1', { 'X-Trino-Prepared-Statement': added })
  assert.match(wrongCount.last.json.error.message as string, /expected 2 but found 1/)
  const deallocated = await run(trino.url, 'DEALLOCATE PREPARE my_query', { 'X-Trino-Prepared-Statement': added })
  assert.equal(deallocated.pages.map((p) => p.headers.get('x-trino-deallocated-prepare')).find((h) => h !== null), 'my_query')
})

test('EXECUTE IMMEDIATE binds typed parameters, bigint beyond 2^53 included', async () => {
  await using trino = await startTrinoFrontend()
  const { last, pages } = await run(trino.url, `EXECUTE IMMEDIATE 'SELECT ?, ?, ?, ?' USING 9007199254740993, 'it''s', DATE '2020-01-02', DECIMAL '1.50'`)
  assert.equal(last.json.error, undefined)
  const data = pages.find((p) => p.json.data !== undefined)!
  assert.match(data.text, /\[\[9007199254740993,"it's","2020-01-02","1.50"\]\]/)
})

test('transactions are accepted as no-ops with a warning; version() answers', async () => {
  await using trino = await startTrinoFrontend()
  const started = await run(trino.url, 'START TRANSACTION')
  const id = started.pages.map((p) => p.headers.get('x-trino-started-transaction-id')).find((h) => h !== null)
  assert.match(id ?? '', /^[0-9a-f-]{36}$/)
  assert.equal(started.last.json.warnings.length, 1)
  const committed = await run(trino.url, 'COMMIT', { 'X-Trino-Transaction-Id': id! })
  assert.equal(committed.pages.map((p) => p.headers.get('x-trino-clear-transaction-id')).find((h) => h !== null), 'true')
  assert.deepEqual((await run(trino.url, 'SELECT version()')).rows, [['476-queryflux']])
})

test('SHOW CATALOGS / SCHEMAS / TABLES and DESCRIBE against DuckDB', async () => {
  await using trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES })
  const catalogs = (await run(trino.url, 'SHOW CATALOGS')).rows.map((r) => r[0])
  assert.ok(catalogs.includes('memory'), `catalogs: ${catalogs.join(', ')}`)
  const schemas = (await run(trino.url, 'SHOW SCHEMAS FROM memory')).rows.map((r) => r[0])
  assert.ok(schemas.includes('main') && schemas.includes('sales'), `schemas: ${schemas.join(', ')}`)
  assert.deepEqual((await run(trino.url, 'SHOW TABLES FROM memory.sales')).rows, [['invoices']])
  const described = await run(trino.url, 'DESCRIBE orders', { 'X-Trino-Catalog': 'memory', 'X-Trino-Schema': 'main' })
  assert.deepEqual(described.last.json.columns.map((c: { name: string }) => c.name), ['Column', 'Type', 'Extra', 'Comment'])
  assert.deepEqual(described.rows, [['id', 'bigint', '', ''], ['price', 'decimal(10,2)', '', '']])
  const missing = await run(trino.url, 'DESCRIBE memory.main.nope')
  assert.equal(missing.last.json.error.errorName, 'TABLE_NOT_FOUND')
})

test('the JDBC DatabaseMetaData queries over system.jdbc are answered', async () => {
  await using trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES })
  const tables = await run(trino.url, `SELECT TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS,
  TYPE_CAT, TYPE_SCHEM, TYPE_NAME,   SELF_REFERENCING_COL_NAME, REF_GENERATION
FROM system.jdbc.tables
WHERE TABLE_CAT = 'memory' AND TABLE_SCHEM LIKE 'sales' ESCAPE '\\' AND TABLE_NAME LIKE '%' ESCAPE '\\'
ORDER BY TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME`)
  assert.deepEqual(tables.rows.map((r) => r.slice(0, 4)), [['memory', 'sales', 'invoices', 'TABLE']])
  const columns = await run(trino.url, `SELECT COLUMN_NAME, DATA_TYPE, TYPE_NAME, ORDINAL_POSITION FROM system.jdbc.columns
WHERE TABLE_CAT = 'memory' AND TABLE_SCHEM = 'main' AND TABLE_NAME = 'orders' ORDER BY TABLE_CAT, TABLE_SCHEM, TABLE_NAME, ORDINAL_POSITION`)
  assert.deepEqual(columns.rows, [['id', -5, 'bigint', 1], ['price', 3, 'decimal(10,2)', 2]])
  const types = columns.last.json.columns ?? columns.pages.find((p) => p.json.columns !== undefined)!.json.columns
  assert.deepEqual(types.map((c: { type: string }) => c.type), ['varchar', 'bigint', 'varchar', 'bigint'])
})

test('information_schema goes to DuckDB itself, which has one', async () => {
  await using trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES })
  const { rows, last } = await run(trino.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'sales'`)
  assert.equal(last.json.error, undefined)
  assert.deepEqual(rows, [['invoices']])
  const executed = trino.qf.service.list().find((q) => q.queryId === last.json.id)
  assert.ok(executed !== undefined, 'the query ran through the QueryService')
})
