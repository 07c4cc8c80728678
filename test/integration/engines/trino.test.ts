/**
 * The Trino adapter against a real Trino 476 (test/harness/servers/trino.ts, catalogs tpch and
 * memory): the shared engine contract, every type round trip with edge values, typed
 * parameters, session headers both ways, errors with errorName kinds and positions, cancel seen
 * in system.runtime.queries, DML counts, encoded-page pass-through and unreachable servers.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { formatType, T } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import { createTrinoAdapter } from '../../../src/engines/trino/index.ts'
import type { TrinoClusterConfig } from '../../../src/engines/trino/options.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { runEngineContract } from '../../contract/engine-adapter.contract.ts'
import { freePort } from '../../harness/servers/postgres.ts'
import { ensureTrino } from '../../harness/servers/trino.ts'

const session: SessionContext = { user: 'test', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, catalog: 'memory', schema: 'default' }
const never = new AbortController().signal
let sequence = 0

function clusterConfig (endpoint: string, extra: Partial<TrinoClusterConfig> = {}): TrinoClusterConfig {
  return { engine: 'trino', endpoint, poolSize: 8, connectTimeoutMs: 5000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0, ...extra }
}

async function run (adapter: EngineAdapter, sql: string, options: { parameters?: QueryParameter[], signal?: AbortSignal, session?: Partial<SessionContext> } = {}) {
  const result = await adapter.execute({
    queryId: `trino_test_${process.pid}_${++sequence}`, sql, session: { ...session, ...options.session },
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
  }, options.signal ?? never)
  const rows: unknown[][] = []
  let batches = 0
  for await (const batch of result.batches) { rows.push(...batch.rows); batches++ }
  return { result, types: result.columns.map((c) => formatType(c.type)), names: result.columns.map((c) => c.name), rows, batches }
}

async function failure (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected the query to fail')
}

/** States of queries whose text contains `marker` (the probe itself excluded). */
async function queryStates (adapter: EngineAdapter, marker: string): Promise<Array<{ state: string, errorCode: unknown }>> {
  const { rows } = await run(adapter, `SELECT state, error_code FROM system.runtime.queries
    WHERE query LIKE '%${marker}%' AND query NOT LIKE '%system.runtime.queries%'`)
  return rows.map((row) => ({ state: String(row[0]), errorCode: row[1] }))
}

let url: string
let env: Record<string, string>
before(async () => {
  env = await ensureTrino()
  url = env.QF_TEST_TRINO_URL!
})

/** An HS256 JWT for `subject`, as an identity provider would issue it. */
function jwt (subject: string, secretBase64: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, exp: Math.floor(Date.now() / 1000) + 600 })}`
  return `${unsigned}.${createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(unsigned).digest('base64url')}`
}

runEngineContract({
  name: 'trino',
  create: async () => await createTrinoAdapter('trino-contract', clusterConfig(url), createSilentLogger()),
  session: { catalog: 'memory', schema: 'default' },
  sql: {
    rows: (n) => `SELECT orderkey, custkey FROM tpch.sf100.orders LIMIT ${n}`,
    longRunning: 'SELECT count(*) FROM tpch.sf1000.lineitem a CROSS JOIN tpch.sf1000.lineitem b',
    createTable: (table) => [`CREATE TABLE ${table} (id integer, name varchar)`],
  },
  isQueryRunning: async (marker, adapter) => (await queryStates(adapter, marker)).some((q) => !['FINISHED', 'FAILED'].includes(q.state)),
})

describe('Trino adapter against Trino 476', () => {
  let adapter: EngineAdapter

  before(async () => { adapter = await createTrinoAdapter('trino-test', clusterConfig(url), createSilentLogger()) })
  after(async () => { await adapter?.close() })

  test('round-trips every mapped type with edge values and NULLs', async () => {
    const result = await run(adapter, `SELECT true, TINYINT '-128', SMALLINT '32767', -2147483648, BIGINT '-9223372036854775808', 9223372036854775807,
      REAL '1.5', nan(), -infinity(), DECIMAL '-12345678901234567890.123456789012345678', 'naïve ☃ 𝄞 ''q''', CAST('ab' AS char(4)), X'00ff10',
      DATE '-0001-12-31', TIME '23:59:59.123456', TIME '01:02:03.456 +05:30', TIMESTAMP '2020-02-29 23:59:59.123456789',
      TIMESTAMP '2020-01-02 03:04:05.1 America/New_York', TIMESTAMP '2020-01-02 03:04:05 +01:00', INTERVAL '-1 02:03:04.5' DAY TO SECOND,
      INTERVAL '3-4' YEAR TO MONTH, JSON '{"a":[1,2]}', UUID 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ARRAY[BIGINT '9223372036854775807', NULL], MAP(ARRAY[BIGINT '-9223372036854775808'], ARRAY[ARRAY['x']]),
      CAST(ROW(1, 'a', BIGINT '9007199254740993') AS ROW(x integer, "y z" varchar, b bigint)), NULL, CAST(NULL AS bigint), IPADDRESS '10.0.0.1'`)
    assert.deepEqual(result.types, [
      'boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'bigint', 'real', 'double', 'double', 'decimal(38,18)', 'varchar(13)', 'char(4)', 'varbinary',
      'date', 'time(6)', 'time(3) with time zone', 'timestamp(9)', 'timestamp(1) with time zone', 'timestamp(0) with time zone',
      'interval day to second', 'interval year to month', 'json', 'uuid', 'array(bigint)', 'map(bigint, array(varchar(1)))',
      'row(x integer, "y z" varchar, b bigint)', 'unknown', 'bigint', 'unknown',
    ])
    const row = result.rows[0]!
    assert.deepEqual(row.slice(0, 7), [true, -128, 32767, -2147483648, -9223372036854775808n, 9223372036854775807n, 1.5])
    assert.ok(Number.isNaN(row[7]))
    assert.deepEqual(row.slice(8), [
      Number.NEGATIVE_INFINITY, '-12345678901234567890.123456789012345678', "naïve ☃ 𝄞 'q'", 'ab  ', new Uint8Array([0, 255, 16]),
      '-0001-12-31', '23:59:59.123456', '01:02:03.456+05:30', '2020-02-29 23:59:59.123456789',
      '2020-01-02 03:04:05.1 America/New_York', '2020-01-02 03:04:05 +01:00', { months: 0, days: -1, micros: -7_384_500_000n },
      { months: 40, days: 0, micros: 0n }, '{"a":[1,2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      [9223372036854775807n, null], new Map([[-9223372036854775808n, ['x']]]),
      [1, 'a', 9007199254740993n], null, null, '10.0.0.1',
    ])
  })

  test('binds typed parameters as literals through EXECUTE IMMEDIATE', async () => {
    const parameters: QueryParameter[] = [
      { type: T.bigint, value: -9223372036854775808n },
      { type: T.varchar, value: "it's \\ \n ☃ ?" },
      { type: T.decimal(10, 3), value: '-1234567.500' },
      { type: T.double, value: Number.POSITIVE_INFINITY },
      { type: T.timestamp(6), value: '2020-01-02 03:04:05.123456' },
      { type: T.varbinary, value: new Uint8Array([1, 2, 255]) },
      { type: T.array(T.integer), value: [1, null, 3] },
      { type: T.map(T.varchar, T.bigint), value: new Map([['k', 9223372036854775807n]]) },
      { type: T.intervalDayToSecond, value: { months: 0, days: 2, micros: 1_500_000n } },
      { type: T.integer, value: null },
    ]
    const result = await run(adapter, "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '?' AS literal", { parameters })
    assert.deepEqual(result.types.slice(0, 6), ['bigint', 'varchar(12)', 'decimal(10,3)', 'double', 'timestamp(6)', 'varbinary'])
    assert.deepEqual(result.rows, [[...parameters.map((p) => p.value), '?']])
  })

  test('sends the session: user, source, catalog, schema, time zone, properties; reports USE and SET SESSION back', async () => {
    const marker = `qf_session_${randomUUID().replaceAll('-', '')}`
    const { rows } = await run(adapter, `SELECT current_user, current_catalog, current_schema, current_timezone(),
      (SELECT source FROM system.runtime.queries WHERE query LIKE '%${marker}%' AND state = 'RUNNING') AS src`, {
      session: { user: 'alice', source: 'my-tool', catalog: 'tpch', schema: 'tiny', timeZone: 'Asia/Tokyo', clientTags: ['a', 'b'], properties: { query_max_run_time: '1h', 'queryflux.dialect': 'trino' } },
    })
    assert.deepEqual(rows, [['alice', 'tpch', 'tiny', 'Asia/Tokyo', 'my-tool']])
    const props = await run(adapter, "SHOW SESSION LIKE 'query_max_run_time'", { session: { properties: { query_max_run_time: '17m' } } })
    assert.equal(props.rows[0]![1], '17m')
    const used = await run(adapter, 'USE tpch.sf1')
    assert.deepEqual(used.result.sessionUpdate, { catalog: 'tpch', schema: 'sf1' })
    const set = await run(adapter, "SET SESSION query_max_run_time = '2h'")
    assert.deepEqual(set.result.sessionUpdate, { setProperties: { query_max_run_time: '2h' } })
    const prepared = await run(adapter, 'PREPARE q1 FROM SELECT ?')
    // Trino sends the statement as its formatter prints it.
    assert.equal(prepared.result.sessionUpdate?.addedPreparedStatements?.q1?.trim(), 'SELECT ?')
  })

  test('passes engine errors with errorName, kind and position', async () => {
    const cases: Array<[string, string, string, { line: number, column: number } | undefined]> = [
      ['SELEC 1', 'SYNTAX_ERROR', 'syntax', { line: 1, column: 1 }],
      ['SELECT * FROM no_such_table', 'TABLE_NOT_FOUND', 'undefinedTable', { line: 1, column: 15 }],
      ['SELECT no_such_column FROM tpch.tiny.nation', 'COLUMN_NOT_FOUND', 'undefinedColumn', { line: 1, column: 8 }],
      ['SELECT no_such_function(1)', 'FUNCTION_NOT_FOUND', 'undefinedFunction', { line: 1, column: 8 }],
      ['SELECT * FROM tpch.no_such_schema.t', 'SCHEMA_NOT_FOUND', 'undefinedSchema', undefined],
      ['SELECT 1 / 0', 'DIVISION_BY_ZERO', 'divisionByZero', undefined],
      ['SELECT CAST(300 AS tinyint)', 'NUMERIC_VALUE_OUT_OF_RANGE', 'numericOverflow', undefined],
      ["SELECT CAST('abc' AS integer)", 'INVALID_CAST_ARGUMENT', 'invalidValue', undefined],
    ]
    for (const [sql, name, kind, position] of cases) {
      const error = await failure(run(adapter, sql))
      assert.equal(error.code, 'ENGINE_ERROR', `${sql}: ${error.message}`)
      assert.equal(error.details.engineCode, name, sql)
      assert.equal(error.details.engineErrorKind, kind, sql)
      if (position !== undefined) assert.deepEqual(error.details.position, position, sql)
      assert.match(error.message, /^Trino cluster 'trino-test': /)
    }
  })

  test('an error after rows were sent ends the stream with the mapped error', async () => {
    const result = await adapter.execute({ queryId: 'late_error', session,
      sql: 'SELECT CASE WHEN orderkey > 500000 THEN 1 / (orderkey - orderkey) ELSE 1 END FROM tpch.sf1.orders' }, never)
    const error = await failure((async () => { for await (const batch of result.batches) assert.ok(batch.rows.length > 0) })())
    assert.equal(error.code, 'ENGINE_ERROR')
    assert.equal(error.details.engineCode, 'DIVISION_BY_ZERO')
  })

  test('cancel DELETEs the query: Trino records it as USER_CANCELED', async () => {
    const marker = `qf_cancel_${randomUUID().replaceAll('-', '')}`
    const controller = new AbortController()
    const running = run(adapter, `SELECT count(*) /* ${marker} */ FROM tpch.sf1000.lineitem`, { signal: controller.signal })
    running.catch(() => {})
    for (let i = 0; i < 100 && !(await queryStates(adapter, marker)).some((q) => q.state === 'RUNNING'); i++) await new Promise((r) => setTimeout(r, 100))
    controller.abort()
    assert.equal((await failure(running)).code, 'CANCELLED')
    let states: Array<{ state: string, errorCode: unknown }> = []
    for (let i = 0; i < 100; i++) {
      states = await queryStates(adapter, marker)
      if (states.every((q) => q.state === 'FAILED')) break
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.deepEqual(states, [{ state: 'FAILED', errorCode: 'USER_CANCELED' }])
  })

  test('a query past queryTimeoutMs fails with QUERY_TIMEOUT', async () => {
    const limited = await createTrinoAdapter('trino-timeout', clusterConfig(url, { queryTimeoutMs: 300 }), createSilentLogger())
    try {
      const error = await failure(run(limited, 'SELECT count(*) FROM tpch.sf1000.lineitem'))
      assert.equal(error.code, 'QUERY_TIMEOUT', error.message)
    } finally {
      await limited.close()
    }
  })

  test('DML reports updateCount, DDL none; both answer without columns', async () => {
    const table = `dml_${process.pid}`
    const created = await run(adapter, `CREATE TABLE ${table} AS SELECT nationkey, name FROM tpch.tiny.nation`)
    assert.deepEqual([created.names, created.result.updateCount], [[], 25])
    const deleted = await run(adapter, `INSERT INTO ${table} SELECT nationkey, name FROM tpch.tiny.nation WHERE nationkey < 3`)
    assert.equal(deleted.result.updateCount, 3)
    const dropped = await run(adapter, `DROP TABLE ${table}`)
    assert.deepEqual([dropped.names, dropped.result.updateCount, dropped.rows], [[], undefined, []])
  })

  test('encoded pages carry the same rows as batches, undecoded', async () => {
    const sql = 'SELECT orderkey, linenumber, returnflag, extendedprice, shipdate, ARRAY[orderkey * 1000000000000] FROM tpch.tiny.lineitem'
    const decoded = await run(adapter, sql)
    const result = await adapter.execute({ queryId: 'encoded', sql, session }, never)
    assert.equal(result.encodedPages?.format, 'trino-json')
    assert.deepEqual((result.encodedPages.columns as Array<{ name: string }>).map((c) => c.name), ['orderkey', 'linenumber', 'returnflag', 'extendedprice', 'shipdate', '_col5'])
    const rows: unknown[][] = []
    let pages = 0
    for await (const page of result.encodedPages.pages()) {
      const data = JSON.parse(page.data) as unknown[][]
      assert.equal(data.length, page.rowCount)
      rows.push(...data)
      pages++
    }
    assert.ok(pages > 1, `expected several pages, got ${pages}`)
    assert.equal(result.stats().rows, 60175)
    // Splits run in parallel, so the two runs may order rows differently: compare sorted lines.
    // (A deepEqual of 60k rows that differ builds a diff that takes gigabytes.)
    const lines = (all: unknown[][]): string[] => all.map((r) => JSON.stringify(r, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)).sort()
    const fromPages = lines(rows.map((r) => [BigInt(r[0] as number), r[1], r[2], r[3], r[4], (r[5] as number[]).map(BigInt)]))
    const fromBatches = lines(decoded.rows)
    const mismatch = fromPages.findIndex((line, i) => line !== fromBatches[i])
    assert.ok(mismatch === -1 && fromPages.length === fromBatches.length, `row ${mismatch} differs: ${fromPages[mismatch]} vs ${fromBatches[mismatch]}`)
    await assert.rejects(async () => { for await (const batch of result.batches) assert.fail(String(batch)) }, { code: 'INTERNAL_ERROR' })
  })

  test('metadata lists catalogs, schemas, tables and columns', async () => {
    assert.deepEqual(await adapter.metadata.listCatalogs(never), ['memory', 'system', 'tpch'])
    assert.ok((await adapter.metadata.listSchemas('tpch', never)).some((s) => s.schema === 'tiny'))
    const columns = await adapter.metadata.listColumns({ catalog: 'tpch', schema: 'tiny', table: 'nation' }, never)
    assert.deepEqual(columns.map((c) => [c.name, c.type, c.ordinal]), [['nationkey', 'bigint', 1], ['name', 'varchar(25)', 2], ['regionkey', 'bigint', 3], ['comment', 'varchar(152)', 4]])
  })
})

describe('Trino adapter over HTTPS with authentication', () => {
  const https = (auth: TrinoClusterConfig['auth'], verify = true, withCa = true): TrinoClusterConfig => clusterConfig(env.QF_TEST_TRINO_HTTPS_URL!, {
    ...(auth === undefined ? {} : { auth }),
    tls: { verify, ...(withCa ? { caFile: env.QF_TEST_TRINO_CA_FILE! } : {}) },
  })
  const check = async (config: TrinoClusterConfig, user: string): Promise<unknown[][]> => {
    const adapter = await createTrinoAdapter('trino-https', config, createSilentLogger())
    try {
      return (await run(adapter, 'SELECT current_user', { session: { user } })).rows
    } finally {
      await adapter.close()
    }
  }

  test('basic auth with the configured CA runs queries as the session user, which Trino must allow the login to impersonate', async () => {
    const basic = https({ type: 'basic', username: env.QF_TEST_TRINO_USER!, password: env.QF_TEST_TRINO_PASSWORD! })
    assert.deepEqual(await check(basic, 'qf'), [['qf']])
    // The test server has no impersonation rules: another session user is refused by Trino itself.
    const error = await failure(check(basic, 'alice'))
    assert.deepEqual([error.code, error.details.engineCode, error.details.engineErrorKind], ['ENGINE_ERROR', 'PERMISSION_DENIED', 'permissionDenied'])
    assert.match(error.message, /User qf cannot impersonate user alice/)
  })

  test('a bearer JWT is accepted', async () => {
    assert.deepEqual(await check(https({ type: 'bearer', token: jwt('qf', env.QF_TEST_TRINO_JWT_SECRET!) }), 'qf'), [['qf']])
  })

  test('a wrong password or no credentials make the cluster unavailable with an auth hint', async () => {
    for (const auth of [{ type: 'basic', username: 'qf', password: 'wrong' } as const, undefined]) {
      const error = await failure(check(https(auth), 'qf'))
      assert.equal(error.code, 'ENGINE_UNAVAILABLE', error.message)
      assert.equal(error.details.engineCode, 'HTTP_401')
      assert.match(error.message, /check the cluster's auth/)
    }
  })

  test('a self-signed certificate is refused unless its CA is configured or verification is off', async () => {
    const error = await failure(check(https({ type: 'basic', username: 'qf', password: 'qf' }, true, false), 'qf'))
    assert.equal(error.code, 'ENGINE_UNAVAILABLE', error.message)
    assert.match(error.message, /self-signed|certificate/i)
    assert.deepEqual(await check(https({ type: 'basic', username: 'qf', password: 'qf' }, false, false), 'qf'), [['qf']])
  })
})

describe('Trino adapter without a server', () => {
  test('a closed port makes queries ENGINE_UNAVAILABLE and health unhealthy', async () => {
    const port = await freePort()
    const adapter = await createTrinoAdapter('trino-down', clusterConfig(`http://127.0.0.1:${port}`), createSilentLogger())
    try {
      const error = await failure(run(adapter, 'SELECT 1'))
      assert.equal(error.code, 'ENGINE_UNAVAILABLE')
      assert.match(error.message, /Trino cluster 'trino-down' is unavailable/)
      const health = await adapter.checkHealth(never)
      assert.equal(health.healthy, false)
    } finally {
      await adapter.close()
    }
  })

  test('rejects an endpoint that is not http(s)', async () => {
    await assert.rejects(createTrinoAdapter('bad', clusterConfig('postgres://x'), createSilentLogger()), { code: 'CONFIG_INVALID' })
  })
})
