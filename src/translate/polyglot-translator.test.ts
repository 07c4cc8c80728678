import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode, QueryFluxError } from '../core/errors.ts'
import type { Dialect } from '../core/dialect.ts'
import { createTranslator } from './index.ts'
import type { ManagedTranslator } from './index.ts'

async function rejection (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof QueryFluxError, `expected a QueryFluxError, got ${String(error)}`)
    return error
  }
  assert.fail('expected the translation to fail')
}

for (const workerThreads of [0, 1]) {
  describe(`PolyglotTranslator with workerThreads=${workerThreads}`, () => {
    let translator: ManagedTranslator
    before(async () => { translator = await createTranslator({ cacheSize: 3, workerThreads }) })
    after(async () => { await translator.close() })

    test('same dialect is identity: the text comes back untouched, even when it does not parse', async () => {
      const sql = 'SELEC nonsense ((('
      const result = await translator.translate(sql, 'trino', 'trino')
      assert.equal(result.outcome, 'identity')
      assert.equal(result.sql, sql)
    })

    test('translates, then serves the same statement from the cache', async () => {
      const sql = 'SELECT approx_distinct(x) FROM t'
      const first = await translator.translate(sql, 'trino', 'duckdb')
      assert.equal(first.outcome, 'translated')
      assert.equal(first.sql, 'SELECT APPROX_COUNT_DISTINCT(x) FROM t')
      const second = await translator.translate(sql, 'trino', 'duckdb')
      assert.equal(second.outcome, 'cached')
      assert.equal(second.sql, first.sql)
      assert.ok(translator.stats().cache.hits >= 1)
    })

    test('evicts the least recently used translation past cacheSize', async () => {
      for (const n of [1, 2, 3, 4]) await translator.translate(`SELECT ${n} AS evict_${n}`, 'mysql', 'duckdb')
      assert.equal((await translator.translate('SELECT 1 AS evict_1', 'mysql', 'duckdb')).outcome, 'translated')
      assert.equal((await translator.translate('SELECT 4 AS evict_4', 'mysql', 'duckdb')).outcome, 'cached')
      assert.ok(translator.stats().cache.evictions >= 1)
    })

    test('a statement that does not parse fails with the transpiler message and its position', async () => {
      const error = await rejection(translator.translate('SELECT a FROM t WHERE (', 'trino', 'duckdb'))
      assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
      assert.match(error.message, /^cannot translate the statement from trino to duckdb: .*[Pp]arse error/)
      assert.deepEqual(error.details.position, { line: 1, column: 24 })
    })

    test('a failure is cached too, and each call gets its own error object', async () => {
      const sql = 'SELECT typeof(1)'
      const first = await rejection(translator.translate(sql, 'trino', 'duckdb'))
      const before = translator.stats().cache.failureHits
      const second = await rejection(translator.translate(sql, 'trino', 'duckdb'))
      assert.equal(second.message, first.message)
      assert.notEqual(second, first)
      assert.equal(translator.stats().cache.failureHits, before + 1)
    })

    test('reports the rewrite rules that fired', async () => {
      const result = await translator.translate('SELECT 7 / 2', 'trino', 'duckdb')
      assert.deepEqual(result.rewrites, ['integer-division'])
    })

    test('concurrent requests for one statement all get the answer', async () => {
      const results = await Promise.all([1, 2, 3].map(async () => await translator.translate('SELECT cardinality(a) FROM t', 'trino', 'duckdb')))
      assert.deepEqual(new Set(results.map((r) => r.sql)), new Set(['SELECT LENGTH(a) FROM t']))
    })

    const placeholders: Array<[string, Dialect, Dialect, string]> = [
      ['SELECT x FROM t WHERE a = ? AND b > ?', 'trino', 'duckdb', 'SELECT x FROM t WHERE a = ? AND b > ?'],
      ['SELECT x FROM t WHERE a = ? AND b > 7 / ?', 'trino', 'duckdb', 'SELECT x FROM t WHERE a = ? AND b > DIVIDE(7, ?)'],
      ['SELECT x FROM t WHERE a = $1 AND b > $2', 'postgres', 'duckdb', 'SELECT x FROM t WHERE a = $1 AND b > $2'],
      ['SELECT x FROM t WHERE a = ? LIMIT 5', 'mysql', 'duckdb', 'SELECT x FROM t WHERE a = ? LIMIT 5'],
      ['SELECT x FROM t WHERE a = ?', 'trino', 'postgres', 'SELECT x FROM t WHERE a = ?'],
      ['SELECT x FROM t WHERE a = $2 OR b = $1', 'postgres', 'trino', 'SELECT x FROM t WHERE a = $2 OR b = $1'],
    ]
    for (const [sql, from, to, expected] of placeholders) {
      test(`placeholders survive ${from} → ${to}: ${sql}`, async () => {
        const result = await translator.translate(sql, from, to)
        assert.equal(result.sql, expected)
      })
    }

    test('a rewrite that would repeat a ? parameter fails instead of shifting the parameters', async () => {
      const error = await rejection(translator.translate('SELECT greatest(a, ?) FROM t WHERE b = ?', 'trino', 'duckdb'))
      assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
      assert.match(error.message, /\? parameter twice/)
      const numbered = await translator.translate('SELECT contains(tags, ?) FROM t WHERE b = ?', 'trino', 'duckdb')
      assert.equal((numbered.sql.match(/\?/g) ?? []).length, 2)
    })

    const INTEGERS = [{ name: 't', columns: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer' }] }]

    test('the schema changes the output: integer division of integer columns truncates on MySQL', async () => {
      const sql = 'SELECT a / b FROM t'
      const untyped = await translator.translate(sql, 'trino', 'mysql')
      assert.equal(untyped.sql, 'SELECT a / b FROM t')
      const typed = await translator.translate(sql, 'trino', 'mysql', { tables: INTEGERS })
      assert.equal(typed.outcome, 'translated', 'a cached schema-less translation must not be served')
      assert.equal(typed.sql, 'SELECT CAST(TRUNCATE(a / b, 0) AS SIGNED) FROM t')
      assert.deepEqual(typed.rewrites, ['mysql-integer-division'])
    })

    test('the cache key includes the schema: a table whose types changed is translated again', async () => {
      const sql = 'SELECT a / b AS q FROM t'
      assert.equal((await translator.translate(sql, 'trino', 'mysql', { tables: INTEGERS })).outcome, 'translated')
      assert.equal((await translator.translate(sql, 'trino', 'mysql', { tables: [{ ...INTEGERS[0]!, columns: [...INTEGERS[0]!.columns] }] })).outcome, 'cached', 'an equal schema is the same key')
      const doubles = [{ name: 't', columns: [{ name: 'a', type: 'double' }, { name: 'b', type: 'integer' }] }]
      const changed = await translator.translate(sql, 'trino', 'mysql', { tables: doubles })
      assert.equal(changed.outcome, 'translated')
      assert.equal(changed.sql, 'SELECT a / b AS q FROM t')
    })

    test('boolean output columns are named for a target without booleans', async () => {
      const result = await translator.translate('SELECT a, a > b AS x FROM t', 'trino', 'mysql', { tables: INTEGERS })
      assert.deepEqual(result.resultTypes, [undefined, 'boolean'])
      const cached = await translator.translate('SELECT a, a > b AS x FROM t', 'trino', 'mysql', { tables: INTEGERS })
      assert.equal(cached.outcome, 'cached')
      assert.deepEqual(cached.resultTypes, [undefined, 'boolean'])
      assert.equal((await translator.translate('SELECT a > b FROM t', 'trino', 'duckdb')).resultTypes, undefined, 'DuckDB has booleans')
      assert.equal((await translator.translate('SELECT a > b FROM t', 'mysql', 'clickhouse')).resultTypes, undefined, 'a MySQL client expects 0/1')
    })

    test('tablesOf: the tables a statement reads, CTE names left out, unquoted names folded', async () => {
      const tables = await translator.tablesOf('WITH c AS (SELECT * FROM Orders) SELECT * FROM c JOIN "Mixed" ON true, s.x, cat.s.y', 'trino')
      assert.deepEqual(tables, [{ name: 'Mixed' }, { schema: 's', name: 'x' }, { catalog: 'cat', schema: 's', name: 'y' }, { name: 'orders' }])
      assert.deepEqual(await translator.tablesOf('SELECT 1', 'trino'), [])
      const error = await rejection(translator.tablesOf('SELECT a FROM t WHERE (', 'trino'))
      assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
    })

    test('placeholders inside string literals and quoted identifiers are text, not parameters', async () => {
      const result = await translator.translate(`SELECT 'a ? b $1', "col ?" FROM t WHERE x = ?`, 'trino', 'duckdb')
      assert.equal(result.sql, `SELECT 'a ? b $1', "col ?" FROM t WHERE x = ?`)
    })
  })
}

test('a closed translator refuses new work with SHUTTING_DOWN', async () => {
  const translator = await createTranslator({ cacheSize: 10, workerThreads: 1 })
  await translator.close()
  const error = await rejection(translator.translate('SELECT 1', 'mysql', 'duckdb'))
  assert.equal(error.code, ErrorCode.SHUTTING_DOWN)
})
