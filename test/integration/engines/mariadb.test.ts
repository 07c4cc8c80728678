/**
 * The MySQL-wire adapter against a real MariaDB (test/harness/servers/mariadb.ts), standing in
 * for MySQL and StarRocks: the shared engine contract (queries probed in the process list), then
 * every type round trip, multi-batch streaming with a paused
 * connection, errors with errno kinds, cancel verified in SHOW PROCESSLIST, and health
 * following a server that stops and comes back.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import { createConnection } from 'mysql2'
import { formatType } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import { createMysqlWireAdapter } from '../../../src/engines/mysql-wire/index.ts'
import type { MysqlWireClusterConfig } from '../../../src/engines/mysql-wire/options.ts'
import { RowStream } from '../../../src/engines/mysql-wire/row-stream.ts'
import type { StreamConnection } from '../../../src/engines/mysql-wire/row-stream.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { runEngineContract } from '../../contract/engine-adapter.contract.ts'
import { ensureMariadb, startMariadb } from '../../harness/servers/mariadb.ts'

const session: SessionContext = { user: 'test', protocol: 'mysqlWire', headers: {}, clientTags: [], properties: {} }
const never = new AbortController().signal
let sequence = 0

function clusterConfig (url: string, extra: Partial<MysqlWireClusterConfig> = {}): MysqlWireClusterConfig {
  return { engine: 'mysql', endpoint: url, poolSize: 4, connectTimeoutMs: 5000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0, ...extra } as MysqlWireClusterConfig
}

async function run (adapter: EngineAdapter, sql: string, parameters?: QueryParameter[], signal = never): Promise<{ types: string[], rows: unknown[][], batches: number }> {
  const result = await adapter.execute({ queryId: `mytest_${++sequence}`, sql, session, ...(parameters === undefined ? {} : { parameters }) }, signal)
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

/** A connection of its own that watches the process list while the contract's queries run. */
let contractObserver: mysql.Connection | undefined

runEngineContract({
  name: 'mariadb',
  create: async () => {
    const url = (await ensureMariadb()).QF_TEST_MARIADB_URL!
    contractObserver = await mysql.createConnection({ uri: url })
    return await createMysqlWireAdapter('my-contract', clusterConfig(url), createSilentLogger())
  },
  dispose: async (adapter) => {
    await contractObserver?.end()
    await adapter.close()
  },
  sql: {
    // MariaDB's Sequence engine: seq_1_to_N is a virtual table of N rows.
    rows: (n) => `SELECT seq, 'row' AS label FROM seq_1_to_${n}`,
    longRunning: 'SELECT SLEEP(600)',
    createTable: (table) => [`CREATE TABLE ${table} (id INT, name VARCHAR(50))`],
  },
  // Any thread still on the statement, a killed one that has not yet let go included.
  isQueryRunning: async (marker) => (await processlist(contractObserver!, marker)) > 0,
})

describe('MySQL-wire adapter against MariaDB', () => {
  let url: string
  let adapter: EngineAdapter
  let observer: mysql.Connection

  before(async () => {
    const env = await ensureMariadb()
    url = env.QF_TEST_MARIADB_URL!
    adapter = await createMysqlWireAdapter('my-test', clusterConfig(url), createSilentLogger())
    observer = await mysql.createConnection({ uri: url })
  })
  after(async () => {
    await observer?.end()
    await adapter?.close()
  })

  test('reports its engine and dialect from config.engine (mysql vs starRocks)', async () => {
    assert.equal(adapter.engine, 'mysql')
    assert.equal(adapter.dialect, 'mysql')
    const starRocks = await createMysqlWireAdapter('sr', { ...clusterConfig(url), engine: 'starRocks' } as MysqlWireClusterConfig, createSilentLogger())
    assert.equal(starRocks.engine, 'starRocks')
    assert.equal(starRocks.dialect, 'starrocks')
    await starRocks.close()
  })

  test('round-trips every mapped type with edge values, NULLs and unicode', async () => {
    const table = `types_${process.pid}`
    await run(adapter, `DROP TABLE IF EXISTS ${table}`)
    await run(adapter, `CREATE TABLE ${table} (
      id INT, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
      f FLOAT, d DOUBLE, dec1 DECIMAL(38,10), dec2 DECIMAL(5,2) UNSIGNED, c CHAR(3), vc VARCHAR(20), tx TEXT, bn BINARY(3), vb VARBINARY(10), bl BLOB,
      dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(3) NULL, yr YEAR, js JSON, bt BIT(1), b8 BIT(12), en ENUM('a','b'), st SET('x','y'), u UUID)`)
    await run(adapter, `INSERT INTO ${table} VALUES
      (1, -128, 255, -32768, -8388608, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
       1.5, -1.7976931348623157e308, -1234567890123456789012345678.0123456789, 999.99, 'ab', 'naïve ☃ 𝄞', 'long\\ttext', x'00ff10', x'', x'0102',
       '1000-01-01', '23:59:59.999', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.499', 1901, '{"a": [1, 2]}', b'1', b'101010101010', 'b', 'x,y', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
      (2, 127, 0, 32767, 8388607, 2147483647, 0, 9223372036854775807, 0,
       0, 0, 0, 0, '', '', '', x'000000', x'ff', x'',
       '2024-02-29', '00:00:00', '1970-01-01 00:00:00', '1970-01-01 00:00:01', 2155, 'null', b'0', b'0', 'a', '', '00000000-0000-0000-0000-000000000000'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
    const result = await run(adapter, `SELECT * FROM ${table} ORDER BY id`)
    assert.deepEqual(result.types, [
      'integer', 'tinyint', 'smallint', 'smallint', 'integer', 'integer', 'bigint', 'bigint', 'decimal(20,0)',
      'real', 'double', 'decimal(38,10)', 'decimal(5,2)', 'varchar', 'varchar', 'varchar', 'varbinary', 'varbinary', 'varbinary',
      'date', 'time(3)', 'timestamp(6)', 'timestamp(3) with time zone', 'smallint', 'json', 'boolean', 'bigint', 'varchar', 'varchar', 'uuid',
    ])
    assert.deepEqual(result.rows[0], [
      1, -128, 255, -32768, -8388608, -2147483648, 4294967295n, -9223372036854775808n, '18446744073709551615',
      1.5, -1.7976931348623157e308, '-1234567890123456789012345678.0123456789', '999.99', 'ab', 'naïve ☃ 𝄞', 'long\ttext',
      new Uint8Array([0, 255, 16]), new Uint8Array([]), new Uint8Array([1, 2]),
      '1000-01-01', '23:59:59.999', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.499 UTC', 1901, '{"a": [1, 2]}', true, 0b101010101010n, 'b', 'x,y',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    ])
    assert.deepEqual(result.rows[1]!.slice(6, 13), [0n, 9223372036854775807n, '0', 0, 0, '0.0000000000', '0.00'])
    assert.deepEqual(result.rows[1]!.slice(19, 27), ['2024-02-29', '00:00:00.000', '1970-01-01 00:00:00.000000', '1970-01-01 00:00:01.000 UTC', 2155, 'null', false, 0n])
    assert.deepEqual(result.rows[2], [3, ...Array.from({ length: 29 }, () => null)])
    await run(adapter, `DROP TABLE ${table}`)
  })

  test('binds typed parameters as literals, leaving ? inside strings and comments alone', async () => {
    const result = await run(adapter, "SELECT ? AS a, ? AS b, '?' AS c /* ? */, ? AS d, ? AS e, ? AS f", [
      { type: { kind: 'bigint' }, value: -9223372036854775808n },
      { type: { kind: 'varchar' }, value: "it's \\ \n 'quoted' ☃" },
      { type: { kind: 'varbinary' }, value: new Uint8Array([0, 1, 255]) },
      { type: { kind: 'decimal', precision: 5, scale: 2 }, value: '-12.50' },
      { type: { kind: 'integer' }, value: null },
    ])
    assert.deepEqual(result.rows, [[-9223372036854775808n, "it's \\ \n 'quoted' ☃", '?', new Uint8Array([0, 1, 255]), '-12.50', null]])
  })

  test('streams a large result in several batches', async () => {
    const result = await run(adapter, 'SELECT seq, REPEAT(\'x\', 100) FROM seq_1_to_20000')
    assert.equal(result.rows.length, 20000)
    assert.ok(result.batches > 1, `expected several batches, got ${result.batches}`)
    assert.equal(result.rows.reduce((sum, row) => sum + BigInt(row[0] as bigint), 0n), 20000n * 20001n / 2n)
  })

  test('a consumer that stops pulling pauses the connection with one batch buffered', async () => {
    const connection = createConnection({ uri: url })
    try {
      const stream = new RowStream(connection as unknown as StreamConnection, "SELECT seq, REPEAT('y', 200) FROM seq_1_to_2000000", 100)
      assert.equal((await stream.columns()).length, 2)
      await waitFor(async () => stream.isPaused)
      // Let more socket data arrive: a paused connection does not hand it over.
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.equal(stream.bufferedRows, 100)
      const batch = await stream.next()
      assert.equal(batch?.length, 100)
      await waitFor(async () => stream.isPaused)
      assert.equal(stream.bufferedRows, 100)
    } finally {
      connection.destroy()
    }
  })

  test('closing a result early kills the rest of the query on the server', async () => {
    const result = await adapter.execute({ queryId: 'my_early', sql: "SELECT seq, REPEAT('z', 200) FROM seq_1_to_5000000", session }, never)
    for await (const batch of result.batches) { assert.ok(batch.rows.length > 0); break }
    await waitFor(async () => {
      const [left] = await observer.query("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT seq, REPEAT(''z''%'")
      return (left as unknown[]).length === 0
    })
    assert.deepEqual((await run(adapter, 'SELECT 3')).rows, [[3]])
  })

  test('a connection killed mid-stream fails the result; the process lives and the pool recovers', async () => {
    const result = await adapter.execute({ queryId: 'my_die', sql: "SELECT seq, REPEAT('k', 200) FROM seq_1_to_5000000", session }, never)
    const iterator = result.batches[Symbol.asyncIterator]()
    assert.ok((await iterator.next()).value.rows.length > 0)
    const [threads] = await observer.query("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT seq, REPEAT(''k''%'")
    for (const { ID } of threads as Array<{ ID: number }>) await observer.query(`KILL CONNECTION ${ID}`)
    const error = await engineError((async () => { for (;;) if ((await iterator.next()).done === true) return })())
    assert.match(error.code, /ENGINE_UNAVAILABLE|ENGINE_ERROR/)
    await result.close()
    for (let i = 0; i < 4; i++) assert.deepEqual((await run(adapter, 'SELECT 4')).rows, [[4]])
  })

  test('reports DML update counts and DDL without rows', async () => {
    const table = `dml_${process.pid}`
    const created = await adapter.execute({ queryId: 'my_ddl', sql: `CREATE TABLE ${table} (x INT)`, session }, never)
    assert.deepEqual(created.columns, [])
    const inserted = await adapter.execute({ queryId: 'my_dml', sql: `INSERT INTO ${table} SELECT seq FROM seq_1_to_7`, session }, never)
    assert.equal(inserted.updateCount, 7)
    await run(adapter, `DROP TABLE ${table}`)
  })

  test('passes engine errors with message, errno and kind', async () => {
    const table = `errs_${process.pid}`
    await run(adapter, `CREATE TABLE ${table} (x TINYINT PRIMARY KEY, y INT)`)
    try {
      const cases: Array<[string, string, string]> = [
        ['SELEC 1', '1064', 'syntax'],
        ['SELECT * FROM no_such_table', '1146', 'undefinedTable'],
        ['SELECT no_such_column FROM DUAL', '1054', 'undefinedColumn'],
        ['SELECT no_such_function(1)', '1305', 'undefinedFunction'],
        ['SELECT * FROM no_such_db.t', '1142', 'permissionDenied'],
        ['USE no_such_db', '1044', 'permissionDenied'],
        [`INSERT INTO ${table} VALUES (1, 1 / 0)`, '1365', 'divisionByZero'],
        [`INSERT INTO ${table} VALUES (1000, 1)`, '1264', 'numericOverflow'],
        [`INSERT INTO ${table} VALUES (1, 1), (1, 2)`, '1062', 'constraintViolation'],
        [`CREATE TABLE ${table} (x INT)`, '1050', 'duplicateObject'],
      ]
      for (const [sql, errno, kind] of cases) {
        const error = await engineError(run(adapter, sql))
        assert.equal(error.code, 'ENGINE_ERROR', sql)
        assert.equal(error.details.engineCode, errno, sql)
        assert.equal(error.details.engineErrorKind, kind, sql)
        assert.match(error.message, /MySQL cluster 'my-test': /)
      }
    } finally {
      await run(adapter, `DROP TABLE ${table}`)
    }
  })

  test('cancel kills the query on the server and ends with CANCELLED', async () => {
    const controller = new AbortController()
    const marker = `cancel_me_${process.pid}`
    const running = run(adapter, `SELECT SLEEP(60), '${marker}'`, undefined, controller.signal)
    const inProcesslist = async (): Promise<number> => await processlist(observer, marker)
    await waitFor(async () => (await inProcesslist()) === 1)
    controller.abort()
    const error = await engineError(running)
    assert.equal(error.code, 'CANCELLED')
    await waitFor(async () => (await inProcesslist()) === 0)
    assert.deepEqual((await run(adapter, 'SELECT 1')).rows, [[1]])
  })

  test('lists schemas, tables and columns with mapped types', async () => {
    const table = `meta_${process.pid}`
    await run(adapter, `CREATE TABLE ${table} (a DECIMAL(12,3) NOT NULL, b INT UNSIGNED, c DATETIME(6))`)
    try {
      const tables = await adapter.metadata.listTables({ schema: 'qf', table }, never)
      assert.deepEqual(tables.map((t) => [t.schema, t.name, t.type]), [['qf', table, 'TABLE']])
      const columns = await adapter.metadata.listColumns({ schema: 'qf', table }, never)
      assert.deepEqual(columns.map((c) => [c.name, c.type, c.ordinal, c.nullable]), [
        ['a', 'decimal(12,3)', 1, false], ['b', 'bigint', 2, true], ['c', 'timestamp(6)', 3, true],
      ])
      assert.ok((await adapter.metadata.listSchemas(undefined, never)).some((s) => s.schema === 'qf'))
    } finally {
      await run(adapter, `DROP TABLE ${table}`)
    }
  })

  test('health goes down when the server stops and back up when it returns', async (t) => {
    const server = await startMariadb({ dir: mkdtempSync(join(tmpdir(), 'qf-mariadb-health-')) })
    t.after(async () => await server.stop())
    const own = await createMysqlWireAdapter('my-health', clusterConfig(server.env.QF_TEST_MARIADB_URL!, { connectTimeoutMs: 2000 }), createSilentLogger())
    t.after(async () => await own.close())
    const up = await own.checkHealth(never)
    assert.equal(up.healthy, true)
    assert.match(up.detail, /MariaDB/)
    await server.halt()
    const down = await own.checkHealth(never)
    assert.equal(down.healthy, false)
    assert.match(down.detail, /unavailable/)
    await server.restart()
    assert.equal((await own.checkHealth(never)).healthy, true)
    await waitFor(async () => await run(own, 'SELECT 1').then(() => true, () => false))
  })
})

/** Threads (other than the observer's own) whose current statement contains `marker`. */
async function processlist (observer: mysql.Connection, marker: string): Promise<number> {
  const [rows] = await observer.query('SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()', [`%${marker}%`])
  return (rows as unknown[]).length
}

async function waitFor (check: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.fail(`condition not met within ${limitMs} ms`)
}
