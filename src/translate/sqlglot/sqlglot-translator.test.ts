import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { isQueryFluxError } from '../../core/errors.ts'
import { SqlglotTranslator } from './sqlglot-translator.ts'
import { SQLGLOT_VERSION, sqlglotWheelPath } from './sqlglot-wheel.ts'

const SETUP_SCRIPT = new URL('../../../scripts/setup/sqlglot.sh', import.meta.url)
const wheel = sqlglotWheelPath()
const missing = existsSync(wheel) ? false : `the sqlglot wheel ${wheel} is missing: run scripts/setup/sqlglot.sh (scripts/test.sh does)`

test('the setup script vendors the version the translator loads', () => {
  const pinned = /^VERSION="([^"]+)"$/m.exec(readFileSync(SETUP_SCRIPT, 'utf8'))?.[1]
  assert.equal(pinned, SQLGLOT_VERSION)
})

test('a missing wheel is refused with the setup step to run', async () => {
  await assert.rejects(SqlglotTranslator.create({ wheelPath: '/nonexistent/sqlglot.whl' }),
    (error: unknown) => isQueryFluxError(error) && error.code === 'ENGINE_UNAVAILABLE' && error.message.includes('scripts/setup/sqlglot.sh'))
})

describe('sqlglot in Pyodide on a worker thread', { skip: missing }, () => {
  let translator: SqlglotTranslator

  before(async () => { translator = await SqlglotTranslator.create() })
  after(async () => { await translator?.close() })

  test('loads the pinned sqlglot', () => {
    assert.equal(translator.version, SQLGLOT_VERSION)
  })

  test('translates with sqlglot\'s function mappings and syntax', async () => {
    const duckdb = await translator.translate('SELECT approx_distinct(x) FROM t', 'trino', 'duckdb')
    assert.deepEqual({ sql: duckdb.sql, outcome: duckdb.outcome }, { sql: 'SELECT APPROX_COUNT_DISTINCT(x) FROM t', outcome: 'translated' })
    assert.equal((await translator.translate('SELECT x::int FROM t', 'postgres', 'mysql')).sql, 'SELECT CAST(x AS SIGNED) FROM t')
    assert.equal((await translator.translate('SELECT `a b` FROM t', 'mysql', 'trino')).sql, 'SELECT "a b" FROM t')
  })

  test('keeps every statement of a multi-statement text', async () => {
    assert.equal((await translator.translate('SELECT 1; SELECT 2', 'postgres', 'trino')).sql, 'SELECT 1;\nSELECT 2')
  })

  test('the same dialect is returned as it is, without a parse', async () => {
    const same = await translator.translate('SELEC not sql', 'trino', 'trino')
    assert.deepEqual({ sql: same.sql, outcome: same.outcome }, { sql: 'SELEC not sql', outcome: 'identity' })
  })

  test('refuses a statement that does not parse, with sqlglot\'s reason and position', async () => {
    await assert.rejects(translator.translate('SELECT * FROM', 'trino', 'duckdb'), (error: unknown) => {
      assert.ok(isQueryFluxError(error))
      assert.equal(error.code, 'TRANSLATION_FAILED')
      assert.match(error.message, /from trino to duckdb: sqlglot: Expected table name/)
      assert.ok(!error.message.includes('\u001b'), 'ANSI escapes are stripped')
      assert.deepEqual(error.details.position, { line: 1, column: 13 })
      return true
    })
  })

  test('refuses what the target lacks (unsupported_level=RAISE)', async () => {
    await assert.rejects(translator.translate('SELECT ARRAY[1, 2]', 'trino', 'mysql'),
      (error: unknown) => isQueryFluxError(error) && error.code === 'TRANSLATION_FAILED' && /Arrays are not supported by MySQL/.test(error.message))
  })

  test('concurrent requests each get their own answer', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await translator.translate(`SELECT ${i} AS c${i}`, 'trino', 'postgres')).sql))
    assert.deepEqual(answers, Array.from({ length: 20 }, (_, i) => `SELECT ${i} AS c${i}`))
  })

  test('tablesOf lists the tables read, folded as the dialect folds, CTEs left out', async () => {
    const sql = 'WITH c AS (SELECT 1) SELECT * FROM c JOIN Sch.T ON true JOIN "Q" ON true JOIN cat.s.x ON true JOIN sch.t ON true'
    assert.deepEqual(await translator.tablesOf(sql, 'trino'), [{ schema: 'sch', name: 't' }, { name: 'Q' }, { catalog: 'cat', schema: 's', name: 'x' }])
    assert.deepEqual(await translator.tablesOf('SELECT * FROM Foo.Bar', 'mysql'), [{ schema: 'Foo', name: 'Bar' }])
    await assert.rejects(translator.tablesOf('SELECT * FROM', 'trino'), (error: unknown) => isQueryFluxError(error) && error.code === 'TRANSLATION_FAILED')
  })

  // Last: it closes the shared translator (after() closing it again is harmless).
  test('after close, translations fail with SHUTTING_DOWN', async () => {
    await translator.close()
    await assert.rejects(translator.translate('SELECT 1', 'trino', 'duckdb'), (error: unknown) => isQueryFluxError(error) && error.code === 'SHUTTING_DOWN')
  })
})
