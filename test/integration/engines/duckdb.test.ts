/**
 * The embedded DuckDB adapter: the shared engine contract, then DuckDB's own behaviour: every
 * type round trip (results and bound parameters), time zones, initSql, one database shared by
 * the pool, pool concurrency and waiting, cancel (within 1 s, never a quiet short result),
 * connection state that must not leak between queries, close(), and a 10M-row stream whose
 * memory stays bounded.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatType } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { QueryResult } from '../../../src/core/query-result.ts'
import { DuckDbAdapter } from '../../../src/engines/duckdb/adapter.ts'
import { createDuckDbAdapter } from '../../../src/engines/duckdb/index.ts'
import type { DuckDbClusterConfig } from '../../../src/engines/duckdb/options.ts'
import { resolveDuckDbOptions } from '../../../src/engines/duckdb/options.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { runEngineContract } from '../../contract/engine-adapter.contract.ts'

const LONG_QUERY = 'SELECT sum(hash(i)) FROM range(100000000000) t(i)'
const never = new AbortController().signal
const baseSession: SessionContext = { user: 'test', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} }
let sequence = 0

function config (extra: Partial<DuckDbClusterConfig> = {}): DuckDbClusterConfig {
  return { engine: 'duckDb', initSql: [], poolSize: 4, enabled: true, weight: 1, priority: 0, ...extra }
}

async function open (extra: Partial<DuckDbClusterConfig> = {}): Promise<DuckDbAdapter> {
  return await DuckDbAdapter.open('duck-test', resolveDuckDbOptions('duck-test', config(extra)), createSilentLogger())
}

function execute (adapter: DuckDbAdapter, sql: string, options: { parameters?: QueryParameter[], signal?: AbortSignal, session?: Partial<SessionContext> } = {}): Promise<QueryResult> {
  return adapter.execute({
    queryId: `duck_${++sequence}`, sql, session: { ...baseSession, ...options.session },
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
  }, options.signal ?? never)
}

async function run (adapter: DuckDbAdapter, sql: string, options: Parameters<typeof execute>[2] = {}): Promise<{ result: QueryResult, types: string[], rows: unknown[][] }> {
  const result = await execute(adapter, sql, options)
  const rows: unknown[][] = []
  for await (const batch of result.batches) rows.push(...batch.rows)
  return { result, types: result.columns.map((c) => formatType(c.type)), rows }
}

async function failure (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected a failure')
}

runEngineContract({
  name: 'duckdb',
  create: async () => await createDuckDbAdapter('contract', config(), createSilentLogger()),
  sql: {
    rows: (n) => `SELECT i, 'row ' || i AS label FROM range(${n}) t(i)`,
    longRunning: LONG_QUERY,
    createTable: (table) => [`CREATE TABLE ${table} (id INTEGER, name VARCHAR)`],
  },
  // DuckDB has no process list: a query is over once its connection is back in the pool.
  isQueryRunning: async (_marker, adapter) => (adapter as DuckDbAdapter).stats().leased > 0,
})

describe('DuckDB adapter', () => {
  let adapter: DuckDbAdapter
  before(async () => { adapter = await open() })
  after(async () => { await adapter?.close() })

  test('maps every DuckDB type and value, NULLs included', async () => {
    const { types, rows } = await run(adapter, `SELECT
      true AS b, (-128)::TINYINT AS i1, 32767::SMALLINT AS i2, (-2147483648)::INTEGER AS i4, 9223372036854775807::BIGINT AS i8,
      (-170141183460469231731687303715884105728)::HUGEINT AS h, 340282366920938463463374607431768211455::UHUGEINT AS uh,
      255::UTINYINT AS u1, 65535::USMALLINT AS u2, 4294967295::UINTEGER AS u4, 18446744073709551615::UBIGINT AS u8,
      1.5::FLOAT AS f4, 'NaN'::DOUBLE AS f8, -12345678901234567890.123456789012345678::DECIMAL(38,18) AS d38, 1.50::DECIMAL(4,2) AS d4,
      -0.05::DECIMAL(3,2) AS dneg, 'naïve ☃'::VARCHAR AS v, '\\x00\\xFFab'::BLOB AS bl, DATE '0044-03-15' AS dt, DATE '0044-03-15 (BC)' AS dbc,
      'infinity'::DATE AS dinf, TIME '23:59:59.123456' AS tm, '13:45:00.5+05:30'::TIMETZ AS ttz, TIMESTAMP '2024-02-29 12:34:56.789012' AS ts,
      '2024-01-02 03:04:05'::TIMESTAMP_S AS ts0, '2024-01-02 03:04:05.678'::TIMESTAMP_MS AS ts3, '2024-01-02 03:04:05.123456789'::TIMESTAMP_NS AS ts9,
      TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' AS tstz, INTERVAL '1 year 2 months 3 days 04:05:06.000007' AS iv,
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::UUID AS u, [1, NULL, 3] AS li, ['a', 'b']::VARCHAR[2] AS ar,
      {'x': 1, 'y': 'two'} AS st, MAP {'k1': 1.5, 'k2': NULL} AS mp, 'sad'::ENUM('sad', 'ok') AS en, '{"a": [1]}'::JSON AS js,
      '101'::BIT AS bt, union_value(num := 2) AS un, 123456789012345678901234567890::BIGNUM AS bn`)
    assert.deepEqual(types, [
      'boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'decimal(38,0)', 'decimal(38,0)', 'smallint', 'integer', 'bigint',
      'decimal(20,0)', 'real', 'double', 'decimal(38,18)', 'decimal(4,2)', 'decimal(3,2)', 'varchar', 'varbinary', 'date', 'date',
      'date', 'time(6)', 'time(6) with time zone', 'timestamp(6)', 'timestamp(0)', 'timestamp(3)', 'timestamp(9)',
      'timestamp(6) with time zone', 'interval day to second', 'uuid', 'array(integer)', 'array(varchar)', 'row(x integer, y varchar)',
      'map(varchar, decimal(2,1))', 'varchar', 'json', 'varchar', 'varchar', 'varchar'])
    assert.deepEqual(rows, [[
      true, -128, 32767, -2147483648, 9223372036854775807n, '-170141183460469231731687303715884105728', '340282366920938463463374607431768211455',
      255, 65535, 4294967295n, '18446744073709551615', 1.5, Number.NaN, '-12345678901234567890.123456789012345678', '1.50', '-0.05',
      'naïve ☃', new Uint8Array([0, 255, 97, 98]), '0044-03-15', '-0043-03-15', 'infinity', '23:59:59.123456', '13:45:00.500000+05:30',
      '2024-02-29 12:34:56.789012', '2024-01-02 03:04:05', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.123456789',
      '2024-01-02 03:04:05.123456 UTC', { months: 14, days: 3, micros: 14_706_000_007n }, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      [1, null, 3], ['a', 'b'], [1, 'two'], new Map([['k1', '1.5'], ['k2', null]]), 'sad', '{"a": [1]}', '101', '2',
      '123456789012345678901234567890']])
    const nulls = await run(adapter, 'SELECT NULL::INTEGER, NULL::DECIMAL(10,2), NULL::TIMESTAMPTZ, NULL::INTEGER[], NULL::STRUCT(a INT), [NULL]::DATE[]')
    assert.deepEqual(nulls.rows, [[null, null, null, null, null, [null]]])
  })

  test('binds typed parameters natively and returns them unchanged', async () => {
    const parameters: QueryParameter[] = [
      { type: { kind: 'boolean' }, value: false },
      { type: { kind: 'integer' }, value: -7 },
      { type: { kind: 'bigint' }, value: -9223372036854775808n },
      { type: { kind: 'double' }, value: 0.1 },
      { type: { kind: 'decimal', precision: 38, scale: 10 }, value: '-1234567890123456789012345678.0123456789' },
      { type: { kind: 'varchar' }, value: "it's ☃" },
      { type: { kind: 'varbinary' }, value: new Uint8Array([1, 2, 0, 255]) },
      { type: { kind: 'date' }, value: '2024-02-29' },
      { type: { kind: 'time', precision: 6 }, value: '01:02:03.000004' },
      { type: { kind: 'timestamp', precision: 6 }, value: '1969-12-31 23:59:59.999999' },
      { type: { kind: 'timestampWithTimeZone', precision: 6 }, value: '2024-07-01 12:00:00.000000 Europe/Berlin' },
      { type: { kind: 'intervalDayToSecond' }, value: { months: 1, days: -2, micros: 3_000_000n } },
      { type: { kind: 'uuid' }, value: '00000000-0000-0000-0000-0000000000ff' },
      { type: { kind: 'array', element: { kind: 'integer' } }, value: [1, null, 2] },
      { type: { kind: 'map', key: { kind: 'varchar' }, value: { kind: 'bigint' } }, value: new Map([['a', 1n]]) },
      { type: { kind: 'row', fields: [{ name: 'x', type: { kind: 'integer' } }, { name: 'y', type: { kind: 'varchar' } }] }, value: [5, 'z'] },
      { type: { kind: 'integer' }, value: null },
    ]
    const { types, rows } = await run(adapter, `SELECT ${parameters.map((_, i) => `$${i + 1}`).join(', ')}`, { parameters })
    assert.deepEqual(types, ['boolean', 'integer', 'bigint', 'double', 'decimal(38,10)', 'varchar', 'varbinary', 'date', 'time(6)',
      'timestamp(6)', 'timestamp(6) with time zone', 'interval day to second', 'uuid', 'array(integer)', 'map(varchar, bigint)',
      'row(x integer, y varchar)', 'integer'])
    assert.deepEqual(rows, [[false, -7, -9223372036854775808n, 0.1, '-1234567890123456789012345678.0123456789', "it's ☃",
      new Uint8Array([1, 2, 0, 255]), '2024-02-29', '01:02:03.000004', '1969-12-31 23:59:59.999999', '2024-07-01 10:00:00.000000 UTC',
      { months: 1, days: -2, micros: 3_000_000n }, '00000000-0000-0000-0000-0000000000ff', [1, null, 2], new Map([['a', 1n]]), [5, 'z'], null]])
    const wrongCount = await failure(run(adapter, 'SELECT $1, $2', { parameters: [{ type: { kind: 'integer' }, value: 1 }] }))
    assert.equal(wrongCount.code, 'BAD_REQUEST')
  })

  test('renders TIMESTAMP WITH TIME ZONE in the session zone and gives DuckDB the same zone', async () => {
    const sql = "SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00', TIMESTAMPTZ '2024-01-01 12:00:00+00', current_setting('TimeZone'), TIMESTAMPTZ '2024-07-01 12:00:00+00'::DATE"
    const berlin = await run(adapter, sql, { session: { timeZone: 'Europe/Berlin' } })
    assert.deepEqual(berlin.rows, [['2024-07-01 14:00:00.000000 Europe/Berlin', '2024-01-01 13:00:00.000000 Europe/Berlin', 'Europe/Berlin', '2024-07-01']])
    const offset = await run(adapter, sql, { session: { timeZone: '+05:30' } })
    assert.deepEqual(offset.rows[0]!.slice(0, 2), ['2024-07-01 17:30:00.000000 +05:30', '2024-01-01 17:30:00.000000 +05:30'])
    assert.ok(offset.result.warnings.some((w) => w.includes('+05:30')))
    const utc = await run(adapter, sql)
    assert.deepEqual(utc.rows, [['2024-07-01 12:00:00.000000 UTC', '2024-01-01 12:00:00.000000 UTC', 'UTC', '2024-07-01']])
    const unknown = await failure(run(adapter, 'SELECT 1', { session: { timeZone: 'Mars/Olympus' } }))
    assert.equal(unknown.code, 'BAD_REQUEST')
  })

  test('maps DuckDB errors to kinds with the message and the position, without the LINE excerpt', async () => {
    const cases: Array<[string, string]> = [
      ['SELEC 1', 'syntax'],
      ['SELECT * FROM no_such_table', 'undefinedTable'],
      ['SELECT no_such_column FROM range(1)', 'undefinedColumn'],
      ['SELECT no_such_function(1)', 'undefinedFunction'],
      ["SELECT 'abc'::INTEGER", 'invalidValue'],
      ['SELECT 127::TINYINT + 1::TINYINT', 'numericOverflow'],
      ["SELECT 'x' + 1", 'typeMismatch'],
      ['SELECT * FROM no_schema.t', 'undefinedTable'],
    ]
    for (const [sql, kind] of cases) {
      const error = await failure(run(adapter, sql))
      assert.equal(error.code, 'ENGINE_ERROR', sql)
      assert.equal(error.details.engineErrorKind, kind, `${sql}: ${error.message}`)
      assert.doesNotMatch(error.message, /LINE \d+:/)
    }
    const positioned = await failure(run(adapter, 'SELECT 1,\n  no_such_column FROM range(1)'))
    assert.deepEqual(positioned.details.position, { line: 2, column: 3 })
    assert.match(positioned.message, /^Binder Error: Referenced column "no_such_column" not found/)
    await run(adapter, 'CREATE TABLE pk_test (id INTEGER PRIMARY KEY)')
    await run(adapter, 'INSERT INTO pk_test VALUES (1)')
    const duplicate = await failure(run(adapter, 'INSERT INTO pk_test VALUES (1)'))
    assert.equal(duplicate.details.engineErrorKind, 'constraintViolation')
    await run(adapter, 'DROP TABLE pk_test')
  })

  test('reports update counts for DML and CREATE TABLE AS, none for other DDL', async () => {
    assert.equal((await run(adapter, 'CREATE TABLE counts AS SELECT i FROM range(10) t(i)')).result.updateCount, 10)
    assert.equal((await run(adapter, 'INSERT INTO counts SELECT i FROM range(5) t(i)')).result.updateCount, 5)
    assert.equal((await run(adapter, 'UPDATE counts SET i = i + 1 WHERE i < 3')).result.updateCount, 6)
    assert.equal((await run(adapter, 'DELETE FROM counts WHERE i > 5')).result.updateCount, 4)
    const view = await run(adapter, 'CREATE VIEW counts_view AS SELECT * FROM counts')
    assert.equal(view.result.updateCount, undefined)
    assert.deepEqual(view.result.columns, [])
    const drop = await run(adapter, 'DROP VIEW counts_view; DROP TABLE counts')
    assert.equal(drop.result.updateCount, undefined)
    assert.deepEqual(drop.rows, [])
  })

  test('USE reports the new catalog and schema, and no session state leaks to the next query', async () => {
    await run(adapter, "ATTACH ':memory:' AS other_db")
    await run(adapter, 'CREATE SCHEMA other_db.s; CREATE TABLE other_db.s.only_there AS SELECT 42 AS x')
    const use = await run(adapter, 'USE other_db.s')
    assert.deepEqual(use.result.sessionUpdate, { catalog: 'other_db', schema: 's' })
    for (let i = 0; i < 8; i++) {
      const { rows } = await run(adapter, 'SELECT current_database(), current_schema(), current_setting(\'search_path\')')
      assert.deepEqual(rows[0]!.slice(0, 2), ['memory', 'main'])
    }
    assert.deepEqual((await run(adapter, 'SELECT x FROM only_there', { session: { catalog: 'other_db', schema: 's' } })).rows, [[42]])
    await run(adapter, "SET search_path = 'other_db.s'")
    const begin = await run(adapter, 'BEGIN TRANSACTION')
    assert.ok(begin.result.warnings.some((w) => w.includes('autocommit')))
    for (let i = 0; i < 8; i++) {
      assert.equal((await failure(run(adapter, 'SELECT x FROM only_there'))).details.engineErrorKind, 'undefinedTable')
    }
    const missing = await run(adapter, 'SELECT 1', { session: { catalog: 'no_such_catalog' } })
    assert.ok(missing.result.warnings.some((w) => w.includes('no_such_catalog')))
    await run(adapter, 'DETACH other_db')
  })

  test('lists attached catalogs, views and typed columns', async () => {
    await run(adapter, 'CREATE SCHEMA meta; CREATE TABLE meta.t (a DECIMAL(10,2) NOT NULL, b INTEGER[], c STRUCT(x VARCHAR), d TIMESTAMPTZ)')
    await run(adapter, 'CREATE VIEW meta.v AS SELECT a FROM meta.t')
    assert.deepEqual(await adapter.metadata.listCatalogs(never), ['memory'])
    assert.ok((await adapter.metadata.listSchemas('memory', never)).some((s) => s.schema === 'meta'))
    assert.deepEqual((await adapter.metadata.listTables({ schema: 'meta' }, never)).map((t) => [t.name, t.type]), [['t', 'TABLE'], ['v', 'VIEW']])
    const columns = await adapter.metadata.listColumns({ schema: 'meta', table: 't' }, never)
    assert.deepEqual(columns.map((c) => [c.name, c.type, c.ordinal, c.nullable]), [
      ['a', 'decimal(10,2)', 1, false], ['b', 'array(integer)', 2, true], ['c', 'row(x varchar)', 3, true],
      ['d', 'timestamp(6) with time zone', 4, true]])
    await run(adapter, 'DROP SCHEMA meta CASCADE')
  })
})

describe('DuckDB clusters', () => {
  test('initSql runs once at open, and a failing statement names itself', async () => {
    const ok = await open({ initSql: ['CREATE TABLE seeded AS SELECT 7 AS n', 'CREATE VIEW seeded_view AS SELECT n * 2 AS m FROM seeded'] })
    try {
      assert.deepEqual((await run(ok, 'SELECT m FROM seeded_view')).rows, [[14]])
    } finally {
      await ok.close()
    }
    const error = await failure(open({ initSql: ['SELECT 1', 'CREATE VIEW broken AS SELECT * FROM missing_table'] }))
    assert.equal(error.code, 'ENGINE_UNAVAILABLE')
    assert.match(error.message, /clusters\.duck-test\.initSql\[1\] failed: Catalog Error: Table with name missing_table does not exist/)
    assert.match(error.message, /CREATE VIEW broken/)
  })

  test('a database file keeps its tables across adapters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-duckdb-'))
    try {
      const first = await open({ databasePath: join(dir, 'db.duckdb') })
      await run(first, 'CREATE TABLE kept AS SELECT 1 AS x')
      await first.close()
      const second = await open({ databasePath: join(dir, 'db.duckdb') })
      assert.deepEqual((await run(second, 'SELECT x FROM kept')).rows, [[1]])
      assert.deepEqual(await second.metadata.listCatalogs(never), ['db'])
      await second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('pooled connections share one in-memory database', async () => {
    const adapter = await open({ poolSize: 3 })
    try {
      await run(adapter, 'CREATE TABLE shared AS SELECT 5 AS v')
      const held = await Promise.all([0, 1, 2].map(() => execute(adapter, 'SELECT v FROM shared')))
      assert.equal(adapter.stats().leased, 3)
      for (const result of held) {
        const rows = []
        for await (const batch of result.batches) rows.push(...batch.rows)
        assert.deepEqual(rows, [[5]])
      }
      assert.equal(adapter.stats().leased, 0)
    } finally {
      await adapter.close()
    }
  })

  test('with poolSize 2 two long queries run at once, a third waits and its abort ends the wait', async () => {
    const adapter = await open({ poolSize: 2 })
    try {
      const controllers = [new AbortController(), new AbortController()]
      const long = controllers.map((c) => failure(execute(adapter, LONG_QUERY, { signal: c.signal })))
      await until(() => adapter.stats().leased === 2)
      // Both are now inside DuckDB; neither has finished, so they run side by side.
      let settled = 0
      for (const p of long) void p.then(() => settled++)
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(settled, 0)
      const waiting = new AbortController()
      const third = failure(execute(adapter, 'SELECT 1', { signal: waiting.signal }))
      await until(() => adapter.stats().waiting === 1)
      waiting.abort()
      assert.equal((await third).code, 'CANCELLED')
      assert.equal(adapter.stats().waiting, 0)
      for (const c of controllers) c.abort()
      for (const error of await Promise.all(long)) assert.equal(error.code, 'CANCELLED')
      assert.deepEqual((await run(adapter, 'SELECT 1')).rows, [[1]])
    } finally {
      await adapter.close()
    }
  })

  test('abort of a long query ends it within 1 s with CANCELLED', async () => {
    const adapter = await open({ poolSize: 1 })
    try {
      const controller = new AbortController()
      const pending = failure(execute(adapter, LONG_QUERY, { signal: controller.signal }))
      await new Promise((resolve) => setTimeout(resolve, 300))
      const abortedAt = performance.now()
      controller.abort()
      const error = await pending
      const took = performance.now() - abortedAt
      assert.equal(error.code, 'CANCELLED')
      assert.ok(took < 1000, `cancel took ${Math.round(took)} ms`)
      assert.deepEqual((await run(adapter, 'SELECT 2')).rows, [[2]])
    } finally {
      await adapter.close()
    }
  })

  test('a coded abort reason (query timeout) is what the stream throws', async () => {
    const adapter = await open({ poolSize: 1 })
    try {
      const controller = new AbortController()
      const result = await execute(adapter, 'SELECT i FROM range(100000000) t(i)', { signal: controller.signal })
      const { errors } = await import('../../../src/core/errors.ts')
      const error = await failure((async () => {
        for await (const batch of result.batches) { if (batch.rows.length > 0) controller.abort(errors.queryTimeout(5)) }
      })())
      assert.equal(error.code, 'QUERY_TIMEOUT')
      assert.equal(adapter.stats().leased, 0)
    } finally {
      await adapter.close()
    }
  })

  test('close() fails running and waiting queries with ENGINE_UNAVAILABLE and refuses new ones', async () => {
    const adapter = await open({ poolSize: 1 })
    const streaming = await execute(adapter, 'SELECT i FROM range(100000000) t(i)')
    const waiting = failure(execute(adapter, 'SELECT 1'))
    const iterator = streaming.batches[Symbol.asyncIterator]()
    assert.equal((await iterator.next()).done, false)
    await adapter.close()
    assert.equal((await waiting).code, 'ENGINE_UNAVAILABLE')
    assert.equal((await failure(iterator.next())).code, 'ENGINE_UNAVAILABLE')
    assert.equal((await failure(execute(adapter, 'SELECT 1'))).code, 'ENGINE_UNAVAILABLE')
    assert.equal((await adapter.checkHealth(never)).healthy, false)
  })

  test('close() at any moment of concurrent queries, streams, waits and catalog reads neither crashes nor hangs', async () => {
    // Disconnecting or closing under a running DuckDB call crashes the process (SIGSEGV):
    // this races close() against every stage a query can be in.
    for (let i = 0; i < 24; i++) {
      const adapter = await open({ poolSize: 2 })
      const controller = new AbortController()
      const drain = async (result: QueryResult): Promise<void> => { for await (const batch of result.batches) assert.ok(batch.rows.length > 0) }
      const work = [
        execute(adapter, LONG_QUERY, { signal: controller.signal }).then(drain),
        execute(adapter, 'SELECT i FROM range(100000000) t(i)', { signal: controller.signal }).then(drain),
        execute(adapter, 'SELECT $1::INTEGER', { signal: controller.signal, parameters: [{ type: { kind: 'integer' }, value: 1 }] }).then(drain),
        adapter.metadata.listColumns({}, never),
        adapter.checkHealth(never),
      ].map((p) => p.then(() => 'ok', (e: QueryFluxError) => e.code))
      await new Promise((resolve) => setTimeout(resolve, (i % 8) * 6))
      if (i % 2 === 1) controller.abort()
      await adapter.close()
      for (const outcome of await Promise.all(work)) assert.ok(['ok', 'CANCELLED', 'ENGINE_UNAVAILABLE'].includes(outcome), outcome)
    }
  })

  test('streams 10M rows chunk by chunk with RSS growth under 300 MB', { timeout: 300_000 }, async (t) => {
    const adapter = await open({ poolSize: 1 })
    try {
      globalThis.gc?.()
      const before = process.memoryUsage().rss
      let peak = before
      let rows = 0
      let batches = 0
      const started = performance.now()
      const result = await execute(adapter, "SELECT i, i * 2 AS doubled, 'row ' || i AS label FROM range(10000000) t(i)")
      for await (const batch of result.batches) {
        rows += batch.rows.length
        if (++batches % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss)
      }
      const seconds = (performance.now() - started) / 1000
      peak = Math.max(peak, process.memoryUsage().rss)
      t.diagnostic(`10M rows x 3 columns in ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s), ${batches} batches, RSS ${mb(before)} -> peak ${mb(peak)} MB`)
      assert.equal(rows, 10_000_000)
      assert.ok(peak - before < 300 * 1024 * 1024, `RSS grew by ${mb(peak - before)} MB`)
    } finally {
      await adapter.close()
    }
  })
})

function mb (bytes: number): number {
  return Math.round(bytes / 1024 / 1024)
}

/** Waits (bounded) for a condition that other async work makes true. */
async function until (condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.ok(condition(), 'condition not reached within 5 s')
}
