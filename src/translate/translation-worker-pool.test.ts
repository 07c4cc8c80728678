import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode, QueryFluxError } from '../core/errors.ts'
import { translateSql } from './translate-sql.ts'
import { TranslationWorkerPool } from './translation-worker-pool.ts'

describe('TranslationWorkerPool', () => {
  let pool: TranslationWorkerPool
  before(async () => { pool = await TranslationWorkerPool.start(2) })
  after(async () => { await pool.close() })

  test('answers concurrent requests each with its own statement\'s translation, as in-thread would', async () => {
    const statements = Array.from({ length: 40 }, (_, i) => `SELECT c${i} / ${i + 1}, concat(a, 'x${i}') FROM t${i}`)
    const results = await Promise.all(statements.map(async (sql) => await pool.translate(sql, 'trino', 'duckdb')))
    assert.deepEqual(results, statements.map((sql) => translateSql(sql, 'trino', 'duckdb')))
    assert.equal(pool.inFlight, 0)
  })

  test('a translation failure arrives as the same QueryFluxError, with its position', async () => {
    const sql = 'SELECT FROM WHERE'
    let inThread: QueryFluxError | undefined
    try { translateSql(sql, 'trino', 'duckdb') } catch (error) { inThread = error as QueryFluxError }
    await assert.rejects(pool.translate(sql, 'trino', 'duckdb'), (error) => {
      assert.ok(error instanceof QueryFluxError)
      assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
      assert.equal(error.message, inThread?.message)
      assert.deepEqual(error.details.position, inThread?.details.position)
      return true
    })
  })
})

test('a closed pool refuses new work with SHUTTING_DOWN', async () => {
  const pool = await TranslationWorkerPool.start(1)
  await pool.close()
  await assert.rejects(pool.translate('SELECT 1', 'mysql', 'duckdb'), { code: ErrorCode.SHUTTING_DOWN })
})

test('a worker that dies fails its request with INTERNAL_ERROR and is replaced', async () => {
  // A small heap and a statement whose AST does not fit in it: a real out-of-memory death.
  const pool = await TranslationWorkerPool.start(1, { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } })
  try {
    const huge = `SELECT ${Array.from({ length: 100_000 }, (_, i) => `c${i} / 2`).join(', ')} FROM t`
    await assert.rejects(pool.translate(huge, 'trino', 'duckdb'), (error) => {
      assert.ok(error instanceof QueryFluxError)
      assert.equal(error.code, ErrorCode.INTERNAL_ERROR)
      assert.match(error.message, /translation worker/)
      return true
    })
    assert.deepEqual(await pool.translate('SELECT 7 / 2', 'trino', 'duckdb'), { sql: 'SELECT DIVIDE(7, 2)', rewrites: ['integer-division'] })
  } finally {
    await pool.close()
  }
})
