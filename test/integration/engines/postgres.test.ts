/**
 * The PostgreSQL-wire adapter against a real PostgreSQL 15 (test/harness/servers/postgres.ts):
 * the shared engine contract (queries probed in pg_stat_activity), then every type round trip, multi-batch streaming, errors with SQLSTATE kinds, cancel verified in
 * pg_stat_activity, and health following a server that stops and comes back.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { formatType } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import { createPostgresWireAdapter } from '../../../src/engines/postgres-wire/index.ts'
import { PortalCursor } from '../../../src/engines/postgres-wire/portal-cursor.ts'
import type { PostgresClusterConfig } from '../../../src/engines/postgres-wire/options.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { runEngineContract } from '../../contract/engine-adapter.contract.ts'
import { ensurePostgres, startPostgres } from '../../harness/servers/postgres.ts'

const session: SessionContext = { user: 'test', protocol: 'postgresWire', headers: {}, clientTags: [], properties: {} }
const never = new AbortController().signal
let sequence = 0

function clusterConfig (url: string, extra: Partial<PostgresClusterConfig> = {}): PostgresClusterConfig {
  return { engine: 'postgres', endpoint: url, poolSize: 4, connectTimeoutMs: 5000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0, ...extra }
}

async function run (adapter: EngineAdapter, sql: string, parameters?: QueryParameter[], signal = never): Promise<{ columns: string[], types: string[], rows: unknown[][], batches: number }> {
  const result = await adapter.execute({ queryId: `pgtest_${++sequence}`, sql, session, ...(parameters === undefined ? {} : { parameters }) }, signal)
  const rows: unknown[][] = []
  let batches = 0
  for await (const batch of result.batches) { rows.push(...batch.rows); batches++ }
  return { columns: result.columns.map((c) => c.name), types: result.columns.map((c) => formatType(c.type)), rows, batches }
}

async function engineError (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected the query to fail')
}

/** A connection of its own that watches pg_stat_activity while the contract's queries run. */
let contractObserver: pg.Client | undefined

runEngineContract({
  name: 'postgres',
  create: async () => {
    const url = (await ensurePostgres()).QF_TEST_POSTGRES_URL!
    contractObserver = new pg.Client(url)
    await contractObserver.connect()
    return await createPostgresWireAdapter('pg-contract', clusterConfig(url), createSilentLogger())
  },
  dispose: async (adapter) => {
    await contractObserver?.end()
    await adapter.close()
  },
  sql: {
    // generate_series in the select list streams (ProjectSet); in FROM it would be materialised first.
    rows: (n) => `SELECT generate_series(1, ${n}) AS i, 'row' AS label`,
    longRunning: 'SELECT pg_sleep(600)',
    createTable: (table) => [`CREATE TABLE ${table} (id integer, name text)`],
  },
  // A backend still working on the statement, or holding its portal open ('idle' = finished).
  isQueryRunning: async (marker) => (await activeQueries(contractObserver!, marker, "state <> 'idle'")) > 0,
})

describe('PostgreSQL-wire adapter against PostgreSQL 15', () => {
  let url: string
  let adapter: EngineAdapter
  let observer: pg.Client

  before(async () => {
    const env = await ensurePostgres()
    url = env.QF_TEST_POSTGRES_URL!
    adapter = await createPostgresWireAdapter('pg-test', clusterConfig(url), createSilentLogger())
    observer = new pg.Client(url)
    await observer.connect()
  })
  after(async () => {
    await observer?.end()
    await adapter?.close()
  })

  test('round-trips every mapped type with edge values, NULLs and unicode', async () => {
    const table = `types_${process.pid}`
    await run(adapter, `DROP TABLE IF EXISTS ${table}`)
    await run(adapter, `CREATE TABLE ${table} (
      id int, b boolean, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric(38,10), nu numeric,
      t text, vc varchar(5), c char(3), by bytea, d date, tm time(3), tz timetz, ts timestamp, tstz timestamptz(3),
      iv interval, u uuid, j json, jb jsonb, ai int4[], at text[], m money)`)
    await run(adapter, `INSERT INTO ${table} VALUES
      (1, true, -32768, -2147483648, -9223372036854775808, 3.25, -1.5e300, -1234567890123456789012345678.0123456789, 1.123456789012345,
       'naïve ☃ 𝄞', 'ab', 'x', '\\x00ff10', '0044-03-15 BC', '23:59:59.999', '13:45:00.5+05:30', '2024-02-29 12:34:56.789012', '2024-01-01 00:00:00.5+02',
       '1 year 2 mons 3 days 04:05:06.000007', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"a": [1, 2]}', '{"b": null}', '{1,NULL,3}', '{"a,b","c\\"d",NULL}', 12.34),
      (2, false, 32767, 2147483647, 9223372036854775807, 'NaN', 'Infinity', 0, -0.00000000005,
       '', '', '', '', '2024-12-31', '00:00:00', '00:00:00+00', '1970-01-01 00:00:00', '1969-12-31 23:59:59.999+00',
       '-1 days -00:00:01', '00000000-0000-0000-0000-000000000000', 'null', '[]', '{}', '{}', 0),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
    const result = await run(adapter, `SELECT * FROM ${table} ORDER BY id`)
    assert.deepEqual(result.types, [
      'integer', 'boolean', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal(38,10)', 'decimal(38,10)',
      'varchar', 'varchar(5)', 'char(3)', 'varbinary', 'date', 'time(3)', 'time(6) with time zone', 'timestamp(6)', 'timestamp(3) with time zone',
      'interval day to second', 'uuid', 'json', 'json', 'array(integer)', 'array(varchar)', 'varchar',
    ])
    const [first, second, third] = result.rows
    assert.deepEqual(first, [
      1, true, -32768, -2147483648, -9223372036854775808n, 3.25, -1.5e300, '-1234567890123456789012345678.0123456789', '1.1234567890',
      'naïve ☃ 𝄞', 'ab', 'x  ', new Uint8Array([0x00, 0xff, 0x10]), '-0043-03-15', '23:59:59.999', '13:45:00.500000+05:30', '2024-02-29 12:34:56.789012', '2023-12-31 22:00:00.500 UTC',
      { months: 14, days: 3, micros: 14_706_000_007n }, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": null}', [1, null, 3], ['a,b', 'c"d', null], '$12.34',
    ])
    assert.deepEqual(second!.slice(0, 9), [2, false, 32767, 2147483647, 9223372036854775807n, Number.NaN, Number.POSITIVE_INFINITY, '0.0000000000', '-0.0000000001'])
    assert.deepEqual(second!.slice(13, 19), ['2024-12-31', '00:00:00.000', '00:00:00.000000+00:00', '1970-01-01 00:00:00.000000', '1969-12-31 23:59:59.999 UTC', { months: 0, days: -1, micros: -1_000_000n }])
    assert.deepEqual(second!.slice(19), ['00000000-0000-0000-0000-000000000000', 'null', '[]', [], [], '$0.00'])
    assert.deepEqual(third, [3, ...Array.from({ length: 24 }, () => null)])
    await run(adapter, `DROP TABLE ${table}`)
  })

  test('binds typed parameters natively ($1..$n)', async () => {
    const result = await run(adapter, 'SELECT $1::int8 + 1 AS a, $2 AS b, $3::numeric(10,2) AS c, $4 AS d, $5 AS e, $6 AS f', [
      { type: { kind: 'bigint' }, value: 9223372036854775806n },
      { type: { kind: 'varchar' }, value: "it's \\ fine" },
      { type: { kind: 'decimal', precision: 10, scale: 2 }, value: '12.30' },
      { type: { kind: 'varbinary' }, value: new Uint8Array([1, 2, 255]) },
      { type: { kind: 'date' }, value: '2020-02-29' },
      { type: { kind: 'boolean' }, value: null },
    ])
    assert.deepEqual(result.rows, [[9223372036854775807n, "it's \\ fine", '12.30', new Uint8Array([1, 2, 255]), '2020-02-29', null]])
  })

  test('streams a large result in several batches, pulling each only when asked', async () => {
    const result = await run(adapter, 'SELECT g, repeat(\'x\', 10) FROM generate_series(1, 4500) AS g')
    assert.equal(result.rows.length, 4500)
    assert.equal(result.batches, 5)
    assert.equal(result.rows.reduce((sum, row) => sum + (row[0] as number), 0), 4500 * 4501 / 2)
  })

  test('reports DML update counts and DDL without rows', async () => {
    const table = `dml_${process.pid}`
    const created = await adapter.execute({ queryId: 'pg_ddl', sql: `CREATE TABLE ${table} (x int)`, session }, never)
    assert.deepEqual(created.columns, [])
    const inserted = await adapter.execute({ queryId: 'pg_dml', sql: `INSERT INTO ${table} SELECT generate_series(1, 7)`, session }, never)
    assert.equal(inserted.updateCount, 7)
    await run(adapter, `DROP TABLE ${table}`)
  })

  test('passes engine errors with message, SQLSTATE and kind', async () => {
    const cases: Array<[string, string, string]> = [
      ['SELEC 1', '42601', 'syntax'],
      ['SELECT * FROM no_such_table', '42P01', 'undefinedTable'],
      ['SELECT no_such_column FROM pg_class', '42703', 'undefinedColumn'],
      ['SELECT no_such_function(1)', '42883', 'undefinedFunction'],
      ['SELECT 1 / 0', '22012', 'divisionByZero'],
      ["SELECT 'abc'::int", '22P02', 'invalidValue'],
      ['SELECT 2147483647::int4 + 1', '22003', 'numericOverflow'],
      ['CREATE TABLE no_such_schema.t (x int)', '3F000', 'undefinedSchema'],
    ]
    for (const [sql, sqlstate, kind] of cases) {
      const error = await engineError(run(adapter, sql))
      assert.equal(error.code, 'ENGINE_ERROR', sql)
      assert.equal(error.details.engineCode, sqlstate, sql)
      assert.equal(error.details.engineErrorKind, kind, sql)
      assert.match(error.message, /PostgreSQL cluster 'pg-test': /)
    }
    const syntax = await engineError(run(adapter, 'SELECT 1,\n  FROM x'))
    assert.deepEqual(syntax.details.position, { line: 2, column: 3 })
    // A failure mid-stream (after rows were sent) ends the stream with the engine error.
    const midStream = await engineError(run(adapter, 'SELECT 1 / (3000 - g) FROM generate_series(1, 5000) g'))
    assert.equal(midStream.details.engineErrorKind, 'divisionByZero')
  })

  test('cancel stops the query on the server and ends the stream with CANCELLED', async () => {
    const controller = new AbortController()
    const marker = `cancel_me_${process.pid}`
    const result = await adapter.execute({ queryId: 'pg_cancel', sql: `SELECT pg_sleep(60), '${marker}'`, session }, controller.signal)
    const reading = (async () => { for await (const batch of result.batches) void batch })()
    await waitFor(async () => (await activeQueries(observer, marker)) === 1)
    controller.abort()
    const error = await engineError(reading)
    assert.equal(error.code, 'CANCELLED')
    await waitFor(async () => (await activeQueries(observer, marker)) === 0)
    // The pool still works afterwards.
    assert.deepEqual((await run(adapter, 'SELECT 1')).rows, [[1]])
  })

  test('a backend that dies mid-stream fails the result with ENGINE_UNAVAILABLE; the process lives and the pool recovers', async () => {
    const marker = `die_mid_stream_${process.pid}`
    const result = await adapter.execute({ queryId: 'pg_die', sql: `SELECT i, '${marker}' FROM generate_series(1, 5000000) AS g(i)`, session }, never)
    const iterator = result.batches[Symbol.asyncIterator]()
    assert.ok((await iterator.next()).value.rows.length > 0)
    // Kill the backend while its client is checked out: pg emits 'error' on the client, which
    // must not reach the process as an unhandled error event.
    await observer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%${marker}%' AND pid <> pg_backend_pid()`)
    const error = await engineError((async () => { for (;;) if ((await iterator.next()).done === true) return })())
    assert.match(error.code, /ENGINE_UNAVAILABLE|ENGINE_ERROR/)
    await result.close()
    assert.deepEqual((await run(adapter, 'SELECT 3')).rows, [[3]])
  })

  test('closing a result early frees its connection for the next query', async () => {
    const single = await createPostgresWireAdapter('pg-single', clusterConfig(url, { poolSize: 1 }), createSilentLogger())
    try {
      const result = await single.execute({ queryId: 'pg_early', sql: 'SELECT generate_series(1, 100000)', session }, never)
      for await (const batch of result.batches) { assert.equal(batch.rows.length, 1000); break }
      assert.deepEqual((await run(single, 'SELECT 2')).rows, [[2]])
    } finally {
      await single.close()
    }
  })

  test('a stream failed between batches closes its portal, so the connection takes the next query', async (t) => {
    const client = new pg.Client(url)
    await client.connect()
    t.after(async () => await client.end())
    const cursor = new PortalCursor('SELECT generate_series(1, 1000000)', [], [], 100)
    client.query(cursor as unknown as pg.Submittable)
    assert.equal((await cursor.columns()).length, 1)
    assert.equal((await cursor.next())?.length, 100)
    cursor.fail(new Error('cancelled by the test'))
    // Close and Sync must go out: without them the server never sends ReadyForQuery and pg
    // queues everything after this portal forever.
    const next = client.query('SELECT 42 AS answer')
    const outcome = await Promise.race([next.then((r) => String(r.rows[0].answer)), sleep(20_000).then(() => 'no answer within 20 s')])
    assert.equal(outcome, '42')
    await cursor.finished.promise
  })

  test('queryTimeoutMs cancels a slow query with QUERY_TIMEOUT', async () => {
    const limited = await createPostgresWireAdapter('pg-timeout', clusterConfig(url, { queryTimeoutMs: 300 }), createSilentLogger())
    try {
      const error = await engineError(run(limited, 'SELECT pg_sleep(30)'))
      assert.equal(error.code, 'QUERY_TIMEOUT')
    } finally {
      await limited.close()
    }
  })

  test('lists schemas, tables and columns with mapped types', async () => {
    const table = `meta_${process.pid}`
    await run(adapter, `CREATE TABLE ${table} (a numeric(12,3) NOT NULL, b text[], c timestamptz)`)
    try {
      const tables = await adapter.metadata.listTables({ schema: 'public', table }, never)
      assert.deepEqual(tables.map((t) => [t.schema, t.name, t.type]), [['public', table, 'TABLE']])
      const columns = await adapter.metadata.listColumns({ schema: 'public', table }, never)
      assert.deepEqual(columns.map((c) => [c.name, c.type, c.ordinal, c.nullable]), [
        ['a', 'decimal(12,3)', 1, false], ['b', 'array(varchar)', 2, true], ['c', 'timestamp(6) with time zone', 3, true],
      ])
      assert.ok((await adapter.metadata.listSchemas(undefined, never)).some((s) => s.schema === 'public'))
    } finally {
      await run(adapter, `DROP TABLE ${table}`)
    }
  })

  test('health goes down when the server stops and back up when it returns', async (t) => {
    const server = await startPostgres({ dir: mkdtempSync(join(tmpdir(), 'qf-pg-health-')) })
    t.after(async () => await server.stop())
    const own = await createPostgresWireAdapter('pg-health', clusterConfig(server.env.QF_TEST_POSTGRES_URL!, { connectTimeoutMs: 2000 }), createSilentLogger())
    t.after(async () => await own.close())
    const up = await own.checkHealth(never)
    assert.equal(up.healthy, true)
    assert.match(up.detail, /^PostgreSQL 15/)
    await server.halt()
    const down = await own.checkHealth(never)
    assert.equal(down.healthy, false)
    assert.match(down.detail, /unavailable/)
    const failed = await engineError(run(own, 'SELECT 1'))
    assert.equal(failed.code, 'ENGINE_UNAVAILABLE')
    await server.restart()
    assert.equal((await own.checkHealth(never)).healthy, true)
    await waitFor(async () => await run(own, 'SELECT 1').then(() => true, () => false))
  })
})

async function activeQueries (client: pg.Client, marker: string, stateCondition = "state = 'active'"): Promise<number> {
  const result = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${stateCondition} AND query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`])
  return result.rows[0].n as number
}

async function sleep (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms).unref())
}

async function waitFor (check: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.fail(`condition not met within ${limitMs} ms`)
}
