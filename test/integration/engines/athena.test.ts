/**
 * The Athena adapter against moto's server mode (test/harness/servers/moto.ts): real AWS SDK
 * requests and responses over HTTP. moto runs no SQL: results are seeded through its
 * /moto-api/static/athena/query-results queue and the execution state machine is slowed down
 * through /moto-api/state-manager, so these tests check request contents, polling, type mapping,
 * header skipping, cancel (StopQueryExecution → CANCELLED), errors and health; not SQL meaning.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { AthenaClient, GetQueryExecutionCommand, ListQueryExecutionsCommand } from '@aws-sdk/client-athena'
import type { QueryExecution } from '@aws-sdk/client-athena'
import { formatType, T } from '../../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../../src/core/errors.ts'
import type { QueryParameter, SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import { createAthenaAdapter } from '../../../src/engines/athena/index.ts'
import type { AthenaClusterConfig } from '../../../src/engines/athena/options.ts'
import { createSilentLogger } from '../../../src/observability/logger.ts'
import { CONTRACT_TESTS, runEngineContract } from '../../contract/engine-adapter.contract.ts'
import { freePort } from '../../harness/servers/postgres.ts'
import { ensureMoto } from '../../harness/servers/moto.ts'

const session: SessionContext = { user: 'test', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} }
const never = new AbortController().signal
let motoUrl: string

interface SeededResult { rows: Array<{ Data: Array<{ VarCharValue?: string }> }>, column_info: Array<Record<string, unknown>> }

function config (extra: Partial<AthenaClusterConfig> = {}): AthenaClusterConfig {
  return {
    engine: 'athena', region: 'us-east-1', workgroup: 'primary', s3OutputLocation: 's3://qf-athena-results/out/', catalog: 'AwsDataCatalog',
    database: 'default', endpoint: motoUrl, pollIntervalMs: 10, enabled: true, weight: 1, priority: 0, ...extra,
  }
}

async function motoApi (path: string, body: unknown): Promise<void> {
  const response = await fetch(`${motoUrl}${path}`, { method: 'POST', body: JSON.stringify(body) })
  assert.ok(response.status < 300, `${path} answered ${response.status}: ${await response.text()}`)
}

/** Queues results; moto hands them to the next executions in order. */
async function seed (...results: SeededResult[]): Promise<void> {
  await motoApi('/moto-api/static/athena/query-results', { region: 'us-east-1', results })
}

const text = (...values: Array<string | undefined>): { Data: Array<{ VarCharValue?: string }> } => ({ Data: values.map((v) => v === undefined ? {} : { VarCharValue: v }) })

async function run (adapter: EngineAdapter, sql: string, options: { parameters?: QueryParameter[], signal?: AbortSignal, session?: Partial<SessionContext> } = {}) {
  const result = await adapter.execute({
    queryId: `athena_${randomUUID()}`, sql, session: { ...session, ...options.session },
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
  }, options.signal ?? never)
  const rows: unknown[][] = []
  for await (const batch of result.batches) rows.push(...batch.rows)
  return { result, names: result.columns.map((c) => c.name), types: result.columns.map((c) => formatType(c.type)), rows }
}

async function failure (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected the query to fail')
}

/** The execution moto recorded for a statement containing `marker` (read through the real API). */
async function executionOf (client: AthenaClient, marker: string): Promise<QueryExecution> {
  const { QueryExecutionIds: ids = [] } = await client.send(new ListQueryExecutionsCommand({}))
  for (const id of ids.toReversed()) {
    const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))
    if (execution?.Query?.includes(marker) === true) return execution
  }
  assert.fail(`moto has no execution for ${marker}`)
}

before(async () => {
  const env = await ensureMoto()
  motoUrl = env.QF_TEST_MOTO_URL!
  // The SDK's default credential chain reads these; moto accepts any.
  process.env.AWS_ACCESS_KEY_ID = env.QF_TEST_MOTO_ACCESS_KEY_ID
  process.env.AWS_SECRET_ACCESS_KEY = env.QF_TEST_MOTO_SECRET_ACCESS_KEY
  process.env.AWS_EC2_METADATA_DISABLED = 'true'
})

const RUNNABLE_ON_MOTO = new Set<string>(['SELECT 1 returns one integer column and one row', 'an already aborted signal fails with CANCELLED', 'checkHealth reports healthy'])

runEngineContract({
  name: 'athena (moto)',
  create: async () => {
    await seed({ rows: [text('_col0'), text('1')], column_info: [{ Name: '_col0', Label: '_col0', Type: 'integer', Precision: 10, Scale: 0 }] })
    return await createAthenaAdapter('athena-contract', config(), createSilentLogger())
  },
  sql: { rows: (n) => `SELECT * FROM UNNEST(sequence(1, ${n}))`, longRunning: 'SELECT count(*) FROM big', createTable: (t) => [`CREATE TABLE ${t} (id int, name string)`] },
  skip: [{
    reason: 'moto executes no SQL: its results come from a seeded queue, in one page, and its executions never fail',
    tests: CONTRACT_TESTS.filter((name) => !RUNNABLE_ON_MOTO.has(name)),
  }],
})

describe('Athena adapter against moto', () => {
  let adapter: EngineAdapter
  let client: AthenaClient

  before(async () => {
    adapter = await createAthenaAdapter('athena-test', config(), createSilentLogger())
    client = new AthenaClient({ region: 'us-east-1', endpoint: motoUrl })
  })
  after(async () => {
    await adapter?.close()
    client?.destroy()
  })

  test('maps ColumnInfo types, decodes text values and NULLs, and skips the header row of a SELECT', async () => {
    const info = (Name: string, Type: string, Precision = 0, Scale = 0): Record<string, unknown> => ({ Name, Label: Name, Type, Precision, Scale, Nullable: 'UNKNOWN', CaseSensitive: false })
    await seed({
      column_info: [info('b', 'boolean'), info('t', 'tinyint', 3), info('s', 'smallint', 5), info('i', 'integer', 10), info('l', 'bigint', 19), info('f', 'float', 17),
        info('d', 'double', 17), info('dec', 'decimal', 10, 2), info('c', 'char', 3), info('v', 'varchar', 2147483647), info('str', 'string'), info('bin', 'varbinary'),
        info('dt', 'date'), info('ts', 'timestamp', 3), info('j', 'json'), info('arr', 'array'), info('m', 'map'), info('r', 'row')],
      rows: [
        text('b', 't', 's', 'i', 'l', 'f', 'd', 'dec', 'c', 'v', 'str', 'bin', 'dt', 'ts', 'j', 'arr', 'm', 'r'),
        text('true', '-128', '32767', '-2147483648', '9223372036854775807', '1.5', 'NaN', '1.5', 'ab ', "naïve ☃ 'q'", '', '00 ff 10', '2020-02-29', '2020-01-02 03:04:05.1', '{"a":1}', '[1, 2]', '{a=1}', '{x=1, y=a}'),
        text(undefined, undefined, undefined, undefined, '-9223372036854775808', '-Infinity', undefined, '-0.05', undefined, '', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined),
      ],
    })
    const { names, types, rows } = await run(adapter, 'SELECT * FROM every_type')
    assert.deepEqual(names, ['b', 't', 's', 'i', 'l', 'f', 'd', 'dec', 'c', 'v', 'str', 'bin', 'dt', 'ts', 'j', 'arr', 'm', 'r'])
    assert.deepEqual(types, ['boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal(10,2)', 'char(3)', 'varchar', 'varchar', 'varbinary',
      'date', 'timestamp(3)', 'json', 'varchar', 'varchar', 'varchar'])
    assert.equal(rows.length, 2)
    assert.deepEqual(rows[0]!.slice(0, 6), [true, -128, 32767, -2147483648, 9223372036854775807n, 1.5])
    assert.ok(Number.isNaN(rows[0]![6]))
    assert.deepEqual(rows[0]!.slice(7), ['1.50', 'ab ', "naïve ☃ 'q'", '', new Uint8Array([0, 255, 16]), '2020-02-29', '2020-01-02 03:04:05.100', '{"a":1}', '[1, 2]', '{a=1}', '{x=1, y=a}'])
    assert.deepEqual(rows[1], [null, null, null, null, -9223372036854775808n, Number.NEGATIVE_INFINITY, null, '-0.05', null, '', null, null, null, null, null, null, null, null])
  })

  test('sends workgroup, output location, catalog and database (the session overrides the config) and typed ExecutionParameters', async () => {
    const marker = `qf_${randomUUID().replaceAll('-', '')}`
    await run(adapter, `SELECT ?, ?, ?, ?, ? /* ${marker} */`, {
      session: { catalog: 'other_catalog', schema: 'sales' },
      parameters: [{ type: T.varchar, value: "it's" }, { type: T.bigint, value: -9223372036854775808n }, { type: T.decimal(5, 2), value: '1.50' },
        { type: T.date, value: '2020-01-02' }, { type: T.integer, value: null }],
    })
    const execution = await executionOf(client, marker)
    assert.equal(execution.WorkGroup, 'primary')
    assert.deepEqual(execution.QueryExecutionContext, { Catalog: 'other_catalog', Database: 'sales' })
    assert.match(execution.ResultConfiguration?.OutputLocation ?? '', /^s3:\/\/qf-athena-results\/out\/[0-9a-f-]+\.csv$/)
    assert.deepEqual(execution.ExecutionParameters, ["'it''s'", '-9223372036854775808', "DECIMAL '1.50'", "DATE '2020-01-02'", 'NULL'])
    const defaults = `qf_${randomUUID().replaceAll('-', '')}`
    await run(adapter, `SELECT 1 /* ${defaults} */`)
    assert.deepEqual((await executionOf(client, defaults)).QueryExecutionContext, { Catalog: 'AwsDataCatalog', Database: 'default' })
  })

  test('polls GetQueryExecution until the query leaves QUEUED and RUNNING', async () => {
    // Each state change now needs 5 GetQueryExecution calls.
    await motoApi('/moto-api/state-manager/set-transition', { model_name: 'athena::execution', transition: { progression: 'manual', times: 5 } })
    try {
      await seed({ rows: [text('x'), text('slow')], column_info: [{ Name: 'x', Label: 'x', Type: 'varchar' }] })
      const { rows } = await run(adapter, 'SELECT x FROM slow')
      assert.deepEqual(rows, [['slow']])
    } finally {
      await motoApi('/moto-api/state-manager/unset-transition', { model_name: 'athena::execution' })
    }
  })

  test('cancel calls StopQueryExecution: the execution ends CANCELLED and the stream fails with CANCELLED', async () => {
    await motoApi('/moto-api/state-manager/set-transition', { model_name: 'athena::execution', transition: { progression: 'manual', times: 1_000_000 } })
    try {
      const marker = `qf_${randomUUID().replaceAll('-', '')}`
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), 300)
      const error = await failure(run(adapter, `SELECT count(*) FROM big /* ${marker} */`, { signal: controller.signal }))
      clearTimeout(timer)
      assert.equal(error.code, 'CANCELLED', error.message)
      assert.equal((await executionOf(client, marker)).Status?.State, 'CANCELLED')
    } finally {
      await motoApi('/moto-api/state-manager/unset-transition', { model_name: 'athena::execution' })
    }
  })

  test('a DDL statement answers without columns and shows in the metadata API', async () => {
    const database = `qf_db_${process.pid}`
    const created = await run(adapter, `CREATE DATABASE ${database}`)
    assert.deepEqual([created.names, created.rows, created.result.updateCount], [[], [], undefined])
    const schemas = await adapter.metadata.listSchemas('AwsDataCatalog', never)
    assert.ok(schemas.some((s) => s.schema === database), JSON.stringify(schemas))
    assert.ok(schemas.some((s) => s.schema === 'default'))
  })

  test('a workgroup that does not exist: the query fails with the API error and health is unhealthy', async () => {
    const missing = await createAthenaAdapter('athena-missing', config({ workgroup: 'no_such_workgroup' }), createSilentLogger())
    try {
      const error = await failure(run(missing, 'SELECT 1'))
      assert.equal(error.code, 'ENGINE_ERROR', error.message)
      assert.equal(error.details.engineCode, 'InvalidRequestException')
      assert.match(error.message, /WorkGroup does not exist/)
      const health = await missing.checkHealth(never)
      assert.deepEqual([health.healthy, health.detail], [false, "workgroup 'no_such_workgroup' not found"])
    } finally {
      await missing.close()
    }
  })

  test('health is healthy for an enabled workgroup', async () => {
    const health = await adapter.checkHealth(never)
    assert.equal(health.healthy, true, health.detail)
    assert.match(health.detail, /primary/)
  })
})

describe('Athena adapter without a server', () => {
  test('an unreachable endpoint makes queries ENGINE_UNAVAILABLE and health unhealthy', async () => {
    const port = await freePort()
    const adapter = await createAthenaAdapter('athena-down', { ...config(), endpoint: `http://127.0.0.1:${port}` }, createSilentLogger())
    try {
      const error = await failure(run(adapter, 'SELECT 1'))
      assert.equal(error.code, 'ENGINE_UNAVAILABLE', error.message)
      assert.equal((await adapter.checkHealth(never)).healthy, false)
    } finally {
      await adapter.close()
    }
  })
})
