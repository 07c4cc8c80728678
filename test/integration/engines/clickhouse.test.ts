/**
 * The ClickHouse adapter against a real ClickHouse 18.16 (test/harness/servers/clickhouse.ts):
 * the shared engine contract (queries probed in system.processes), then every type round trip, multi-batch streaming, errors with exception-code kinds, cancel
 * verified in system.processes, and health following a server that stops and comes back.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatType } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import { createClickHouseAdapter } from '../../../src/engines/clickhouse/index.ts'
import type { ClickHouseClusterConfig } from '../../../src/engines/clickhouse/options.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { runEngineContract } from '../../contract/engine-adapter.contract.ts'
import { ensureClickhouse, startClickhouse } from '../../harness/servers/clickhouse.ts'

const session: SessionContext = { user: 'test', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} }
const never = new AbortController().signal
let sequence = 0

function clusterConfig (url: string, extra: Partial<ClickHouseClusterConfig> = {}): ClickHouseClusterConfig {
  return {
    engine: 'clickHouse', endpoint: `${url}/qf`, auth: { type: 'basic', username: 'qf', password: 'qf' },
    poolSize: 4, connectTimeoutMs: 5000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0, ...extra,
  }
}

async function run (adapter: EngineAdapter, sql: string, parameters?: QueryParameter[], signal = never, queryId = `chtest_${process.pid}_${++sequence}`): Promise<{ types: string[], rows: unknown[][], batches: number }> {
  const result = await adapter.execute({ queryId, sql, session, ...(parameters === undefined ? {} : { parameters }) }, signal)
  const rows: unknown[][] = []
  let batches = 0
  for await (const batch of result.batches) { rows.push(...batch.rows); batches++ }
  return { types: result.columns.map((c) => formatType(c.type)), rows, batches }
}

async function engineError (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected the query to fail')
}

let contractUrl: string | undefined

runEngineContract({
  name: 'clickhouse',
  create: async () => {
    contractUrl = (await ensureClickhouse()).QF_TEST_CLICKHOUSE_URL!
    return await createClickHouseAdapter('ch-contract', clusterConfig(contractUrl), createSilentLogger())
  },
  sql: {
    rows: (n) => `SELECT number, toString(number) AS label FROM system.numbers LIMIT ${n}`,
    // Counts an endless table: no row comes back until it is killed.
    longRunning: 'SELECT count() FROM system.numbers',
    createTable: (table) => [`CREATE TABLE ${table} (id Int32, name String) ENGINE = Memory`],
  },
  // Over HTTP of its own, not through the adapter under test.
  isQueryRunning: async (marker) => (await processesLike(contractUrl!, marker)) > 0,
  skip: [{
    reason: 'ClickHouse 18.16 reports no written-row count over HTTP (no X-ClickHouse-Summary header, which came in 19.x; ' +
      'progress headers carry read rows only), so an INSERT has no updateCount; DDL without rows is tested below',
    tests: ['DML reports updateCount and DDL returns no rows'],
  }],
})

describe('ClickHouse adapter against ClickHouse 18.16', () => {
  let url: string
  let adapter: EngineAdapter

  before(async () => {
    const env = await ensureClickhouse()
    url = env.QF_TEST_CLICKHOUSE_URL!
    adapter = await createClickHouseAdapter('ch-test', clusterConfig(url), createSilentLogger())
  })
  after(async () => { await adapter?.close() })

  test('round-trips every mapped type with edge values, NULLs and unicode', async () => {
    const table = `types_${process.pid}`
    await run(adapter, `DROP TABLE IF EXISTS ${table}`)
    await run(adapter, `CREATE TABLE ${table} (
      id UInt8, i8 Int8, i16 Int16, i32 Int32, i64 Int64, u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64,
      f32 Float32, f64 Float64, d9 Decimal(9, 2), d38 Decimal128(10), s String, fs FixedString(4), dt Date, dtm DateTime,
      dtz DateTime('Asia/Tokyo'), u UUID, e Enum8('a' = 1, 'b' = 2), ns Nullable(String), ni Nullable(Int64),
      arr Array(Int64), astr Array(Nullable(String)), nested Array(Array(UInt8)), tup Tuple(UInt8, String)
    ) ENGINE = Memory`)
    await run(adapter, `INSERT INTO ${table} VALUES
      (1, -128, -32768, -2147483648, -9223372036854775808, 255, 65535, 4294967295, 18446744073709551615,
       0.5, -1.7976931348623157e308, -9999999.99, -1234567890123456789012345678.0123456789, 'naïve ☃ 𝄞\\t\\n\\\\ ''q''', 'ab', '2105-12-31', '2020-02-29 23:59:59',
       '2020-01-01 09:00:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'b', 'x', 9223372036854775807,
       [1, -9223372036854775808], ['a''b', NULL, 'c,d]'], [[1], [], [2, 3]], (7, 'q''t')),
      (2, 0, 0, 0, 0, 0, 0, 0, 0, nan, inf, 0, 0, '', '', '1970-01-01', '1970-01-01 00:00:01',
       '1970-01-01 09:00:00', '00000000-0000-0000-0000-000000000000', 'a', NULL, NULL, [], [], [], (0, ''))`)
    const result = await run(adapter, `SELECT *, toLowCardinality(s) AS lc FROM ${table} ORDER BY id`)
    assert.deepEqual(result.types, [
      'smallint', 'tinyint', 'smallint', 'integer', 'bigint', 'smallint', 'integer', 'bigint', 'decimal(20,0)',
      'real', 'double', 'decimal(9,2)', 'decimal(38,10)', 'varchar', 'varchar', 'date', 'timestamp(0)',
      'timestamp(0) with time zone', 'uuid', 'varchar', 'varchar', 'bigint',
      'array(bigint)', 'array(varchar)', 'array(array(smallint))', 'row(smallint, varchar)', 'varchar',
    ])
    assert.deepEqual(result.rows[0], [
      1, -128, -32768, -2147483648, -9223372036854775808n, 255, 65535, 4294967295n, '18446744073709551615',
      0.5, -1.7976931348623157e308, '-9999999.99', '-1234567890123456789012345678.0123456789', "naïve ☃ 𝄞\t\n\\ 'q'", 'ab\0\0', '2105-12-31', '2020-02-29 23:59:59',
      '2020-01-01 09:00:00 Asia/Tokyo', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'b', 'x', 9223372036854775807n,
      [1n, -9223372036854775808n], ["a'b", null, 'c,d]'], [[1], [], [2, 3]], [7, "q't"], "naïve ☃ 𝄞\t\n\\ 'q'",
    ])
    assert.deepEqual(result.rows[1]!.slice(9, 18), [Number.NaN, Number.POSITIVE_INFINITY, '0.00', '0.0000000000', '', '\0\0\0\0', '1970-01-01', '1970-01-01 00:00:01', '1970-01-01 09:00:00 Asia/Tokyo'])
    assert.deepEqual(result.rows[1]!.slice(19, 26), ['a', null, null, [], [], [], [0, '']])
    await run(adapter, `DROP TABLE ${table}`)
  })

  test('binds typed parameters as literals', async () => {
    const result = await run(adapter, "SELECT ? AS a, ? AS b, '?' AS c, ? AS d, ? AS e", [
      { type: { kind: 'bigint' }, value: -9223372036854775808n },
      { type: { kind: 'varchar' }, value: "it's \\ \n ☃" },
      { type: { kind: 'array', element: { kind: 'integer' } }, value: [1, 2] },
      { type: { kind: 'varchar' }, value: null },
    ])
    assert.deepEqual(result.rows, [[-9223372036854775808n, "it's \\ \n ☃", '?', [1, 2], null]])
  })

  test('streams a large result in several batches', async () => {
    const result = await run(adapter, 'SELECT number, toString(number) FROM system.numbers LIMIT 300000')
    assert.equal(result.rows.length, 300000)
    assert.ok(result.batches > 1, `expected several batches, got ${result.batches}`)
    assert.equal(result.rows.at(-1)![1], '299999')
    assert.equal(result.rows.reduce((sum, row) => sum + BigInt(row[0] as string), 0n), 299999n * 300000n / 2n)
  })

  test('DDL and INSERT answer without columns', async () => {
    const created = await adapter.execute({ queryId: `ch_ddl_${process.pid}`, sql: `CREATE TABLE ddl_${process.pid} (x Int32) ENGINE = Memory`, session }, never)
    assert.deepEqual(created.columns, [])
    await run(adapter, `INSERT INTO ddl_${process.pid} VALUES (1), (2)`)
    assert.deepEqual((await run(adapter, `SELECT count() FROM ddl_${process.pid}`)).rows, [['2']])
    await run(adapter, `DROP TABLE ddl_${process.pid}`)
  })

  test('passes engine errors with message, exception code and kind', async () => {
    const cases: Array<[string, string, string]> = [
      ['SELEC 1', '62', 'syntax'],
      ['SELECT * FROM no_such_table', '60', 'undefinedTable'],
      ['SELECT no_such_column', '47', 'undefinedColumn'],
      ['SELECT no_such_function(1)', '46', 'undefinedFunction'],
      ['SELECT * FROM no_such_db.t', '81', 'undefinedSchema'],
      ['SELECT intDiv(1, 0)', '153', 'divisionByZero'],
      ["SELECT toInt32('abc')", '6', 'invalidValue'],
    ]
    for (const [sql, code, kind] of cases) {
      const error = await engineError(run(adapter, sql))
      assert.equal(error.code, 'ENGINE_ERROR', sql)
      assert.equal(error.details.engineCode, code, sql)
      assert.equal(error.details.engineErrorKind, kind, sql)
      assert.match(error.message, /ClickHouse cluster 'ch-test': /)
    }
  })

  test('cancel kills the query on the server and ends the stream with CANCELLED', async () => {
    const controller = new AbortController()
    const queryId = `ch_cancel_${process.pid}`
    const running = run(adapter, 'SELECT count() FROM system.numbers', undefined, controller.signal, queryId)
    running.catch(() => {})
    const inProcesses = async (): Promise<number> => {
      const result = await run(adapter, `SELECT count() FROM system.processes WHERE query_id = '${queryId}'`)
      return Number(result.rows[0]![0])
    }
    await waitFor(async () => (await inProcesses()) === 1)
    controller.abort()
    const error = await engineError(running)
    assert.equal(error.code, 'CANCELLED')
    await waitFor(async () => (await inProcesses()) === 0)
  })

  test('closing a result early kills the rest of the query', async () => {
    const queryId = `ch_early_${process.pid}`
    const result = await adapter.execute({ queryId, sql: 'SELECT number FROM system.numbers', session }, never)
    for await (const batch of result.batches) { assert.ok(batch.rows.length > 0); break }
    const left = await run(adapter, `SELECT count() FROM system.processes WHERE query_id = '${queryId}'`)
    assert.deepEqual(left.rows, [['0']])
  })

  test('lists schemas, tables and columns with mapped types', async () => {
    const table = `meta_${process.pid}`
    await run(adapter, `CREATE TABLE ${table} (a Decimal(12, 3), b Nullable(String), c Array(UInt64)) ENGINE = Memory`)
    try {
      const tables = await adapter.metadata.listTables({ schema: 'qf', table }, never)
      assert.deepEqual(tables.map((t) => [t.catalog, t.schema, t.name, t.type]), [['clickhouse', 'qf', table, 'TABLE']])
      const columns = await adapter.metadata.listColumns({ schema: 'qf', table }, never)
      assert.deepEqual(columns.map((c) => [c.name, c.type, c.ordinal, c.nullable]), [
        ['a', 'decimal(12,3)', 1, false], ['b', 'varchar', 2, true], ['c', 'array(decimal(20,0))', 3, false],
      ])
      assert.ok((await adapter.metadata.listSchemas(undefined, never)).some((s) => s.schema === 'qf'))
    } finally {
      await run(adapter, `DROP TABLE ${table}`)
    }
  })

  test('health goes down when the server stops and back up when it returns', async (t) => {
    const server = await startClickhouse({ dir: mkdtempSync(join(tmpdir(), 'qf-clickhouse-health-')) })
    t.after(async () => await server.stop())
    const own = await createClickHouseAdapter('ch-health', clusterConfig(server.env.QF_TEST_CLICKHOUSE_URL!, { connectTimeoutMs: 2000 }), createSilentLogger())
    t.after(async () => await own.close())
    const up = await own.checkHealth(never)
    assert.equal(up.healthy, true)
    assert.match(up.detail, /^ClickHouse 18\./)
    await server.halt()
    const down = await own.checkHealth(never)
    assert.equal(down.healthy, false)
    const failed = await engineError(run(own, 'SELECT 1'))
    assert.equal(failed.code, 'ENGINE_UNAVAILABLE')
    await server.restart()
    assert.equal((await own.checkHealth(never)).healthy, true)
    assert.deepEqual((await run(own, 'SELECT 1')).rows, [[1]])
  })
})

/** Queries in system.processes whose text contains `marker` (this probe excluded by its query_id). */
async function processesLike (url: string, marker: string): Promise<number> {
  const probeId = `qf-probe-${randomUUID()}`
  const params = new URLSearchParams({ user: 'qf', password: 'qf', query_id: probeId })
  const sql = `SELECT count() FROM system.processes WHERE query LIKE '%${marker}%' AND query_id != '${probeId}'`
  const response = await fetch(`${url}/?${params.toString()}`, { method: 'POST', body: sql })
  const body = await response.text()
  assert.equal(response.status, 200, body)
  return Number(body.trim())
}

async function waitFor (check: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.fail(`condition not met within ${limitMs} ms`)
}
