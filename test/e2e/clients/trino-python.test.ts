/**
 * The unmodified Trino Python client (trino on PyPI, installed by scripts/setup/trino-clients.sh)
 * against the Trino HTTP frontend over embedded DuckDB: values arrive as the right Python types,
 * multi-page results, errors, cursor.cancel(), metadata, session round trips through headers,
 * and parameters both as EXECUTE IMMEDIATE and as legacy PREPARE/EXECUTE/DEALLOCATE.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { DUCKDB_WITH_TABLES, startTrinoFrontend, waitFor } from '../../integration/trino-http/start-frontend.ts'
import type { RunningTrinoFrontend } from '../../integration/trino-http/start-frontend.ts'

const SCRIPT = join(import.meta.dirname, 'python', 'trino_checks.py')
let trino: RunningTrinoFrontend

before(async () => { trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES }) })
after(async () => { await trino[Symbol.asyncDispose]() })

// The script's JSON report; its shape differs per check.
async function check (name: string): Promise<Record<string, any>> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.env.PYTHON ?? 'python3', [SCRIPT, String(trino.port), name], { timeout: 120_000 }, (error, out, err) => {
      if (error !== null) reject(new Error(`${name} failed: ${err || error.message}`))
      else resolve(out)
    })
  })
  return JSON.parse(stdout) as Record<string, any>
}

test('SELECT 42', async () => {
  assert.deepEqual(await check('select42'), { rows: [[42]], columns: [['answer', 'integer']] })
})

test('every type arrives as the Python type the client maps it to', async () => {
  const { values, types } = await check('types')
  assert.deepEqual(values, [
    ['bool', 'True'],
    ['int', '9007199254740993'],
    ['float', '1.5'],
    ['float', '0.1'],
    ['float', 'nan'],
    ['Decimal', "Decimal('123.45')"],
    ['str', "'héllo'"],
    ['bytes', "b'\\x00\\xff'"],
    ['date', 'datetime.date(2020, 1, 2)'],
    ['time', 'datetime.time(1, 2, 3, 456000)'],
    ['datetime', 'datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)'],
    ['datetime', "datetime.datetime(2020, 1, 2, 3, 4, 5, 123000, tzinfo=zoneinfo.ZoneInfo(key='UTC'))"],
    ['timedelta', 'datetime.timedelta(days=2, seconds=3)'],
    ['str', `'{"a":1}'`],
    ['UUID', "UUID('12345678-1234-1234-1234-1234567890ab')"],
    ['list', '[1, None]'],
    ['dict', "{'a': 1}"],
    ['NamedRowTuple', "(x: 1, y: 'a')"],
    ['NoneType', 'None'],
  ])
  assert.equal(types[11], 'timestamp(6) with time zone')
})

test('a 100,000-row result over many pages: exact count and sum', async () => {
  assert.deepEqual(await check('many_rows'), { count: 100_000, sum: (99_999 * 100_000) / 2 })
})

test('a failing query raises TrinoUserError with the Trino error name and the engine message', async () => {
  const result = await check('failing')
  assert.equal(result.raised, 'TrinoUserError')
  assert.equal(result.error_name, 'TABLE_NOT_FOUND')
  assert.equal(result.error_type, 'USER_ERROR')
  assert.match(result.message as string, /no_such_table/)
})

test('cursor.cancel() cancels the DuckDB query and frees its slot', async () => {
  const result = await check('cancel')
  assert.equal(result.cancelled, true)
  assert.equal(result.thread_done, true)
  await waitFor('slot freed', () => trino.load().running === 0)
  const info = trino.qf.service.list().find((q) => q.queryId === result.query_id)
  assert.equal(info?.error?.code, 'CANCELLED')
})

test('SHOW CATALOGS / SCHEMAS / TABLES and DESCRIBE', async () => {
  assert.deepEqual(await check('metadata'), {
    'SHOW CATALOGS': [['memory']],
    'SHOW SCHEMAS FROM memory': [['main'], ['sales']],
    'SHOW TABLES FROM memory.sales': [['invoices']],
    'DESCRIBE orders': [['id', 'bigint', '', ''], ['price', 'decimal(10,2)', '', '']],
  })
})

test('USE and SET SESSION round-trip through the client session headers', async () => {
  assert.deepEqual(await check('session'), {
    after_use: ['memory', 'sales'],
    tables: [['invoices']],
    properties: { query_max_run_time: '5m' },
    shown: [['query_max_run_time', '5m']],
    after_reset: {},
  })
})

test('cursor.execute with parameters (EXECUTE IMMEDIATE) returns every value as sent', async () => {
  const { values, sent } = await check('execute_immediate')
  assert.deepEqual(values, sent)
})

test('legacy prepared statements (PREPARE, EXECUTE USING, DEALLOCATE) return every value as sent', async () => {
  const { values, sent } = await check('prepared_statements')
  assert.deepEqual(values, sent)
})
