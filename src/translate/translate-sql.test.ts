// PostgreSQL → DuckDB and MySQL → DuckDB basics (quoting, LIMIT, casts), run on a real DuckDB.
// These pairs have no rewrite layer yet: polyglot's translation alone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode } from '../core/errors.ts'
import { openDuckDb } from './rewrites/duckdb-fixture.ts'
import type { DuckDbFixture } from './rewrites/duckdb-fixture.ts'
import { translateSql } from './translate-sql.ts'

describe('translateSql on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => {
    db = await openDuckDb()
    await db.exec(`CREATE TABLE "Order Items" (id INTEGER, "Price" DECIMAL(10, 2), note VARCHAR)`)
    await db.exec(`INSERT INTO "Order Items" VALUES (1, 9.50, 'a'), (2, 20.00, NULL), (3, 5.25, 'c')`)
  })
  after(() => db.close())

  test('postgres → duckdb: quoted identifiers, :: casts, LIMIT/OFFSET', async () => {
    const r = await db.run(`SELECT id::text, "Price"::int FROM "Order Items" ORDER BY id LIMIT 1 OFFSET 1`, 'postgres')
    assert.deepEqual(r.row, ['2', 20])
    assert.deepEqual(r.types, ['VARCHAR', 'INTEGER'])
  })

  test('postgres → duckdb: ILIKE, COALESCE, string concatenation, DISTINCT ON', async () => {
    const r = await db.run(`SELECT DISTINCT ON (1) 'x' || coalesce(note, '-') FROM "Order Items" WHERE note ILIKE 'A' OR note IS NULL ORDER BY 1`, 'postgres')
    assert.deepEqual(r.row, ['x-'])
  })

  test('mysql → duckdb: backtick identifiers, LIMIT offset,count, CAST AS SIGNED, IFNULL', async () => {
    const r = await db.run('SELECT `id`, CAST(`Price` AS SIGNED), IFNULL(`note`, \'none\') FROM `Order Items` ORDER BY `id` LIMIT 1, 1', 'mysql')
    assert.deepEqual(r.row, [2, 20, 'none'])
  })

  test('mysql → duckdb: DIV is integer division', async () => {
    const r = await db.run('SELECT 7 DIV 2', 'mysql')
    assert.deepEqual(r.row, [3])
  })

  test('trino → duckdb: a statement without any rewrite is polyglot\'s translation as it is', () => {
    assert.deepEqual(translateSql('SELECT "Price" FROM "Order Items" LIMIT 1', 'trino', 'duckdb'), {
      sql: 'SELECT "Price" FROM "Order Items" LIMIT 1',
      rewrites: [],
    })
  })

  test('several statements stay several statements', () => {
    assert.equal(translateSql('SELECT 1; SELECT 2', 'mysql', 'duckdb').sql, 'SELECT 1;\nSELECT 2')
  })

  test('a name in the rewrite layer\'s reserved namespace is refused when the layer runs', () => {
    assert.throws(() => translateSql('SELECT qf_rewrite_0(1) / 2', 'trino', 'duckdb'), { code: ErrorCode.TRANSLATION_FAILED })
  })

  test('dialect pairs beyond DuckDB go through polyglot (trino → postgres, mysql → trino)', () => {
    assert.equal(translateSql("SELECT strpos(s, 'a') FROM t OFFSET 2 LIMIT 5", 'trino', 'postgres').sql, "SELECT POSITION('a' IN s) FROM t LIMIT 5 OFFSET 2")
    assert.equal(translateSql('SELECT IFNULL(a, b) FROM t LIMIT 5', 'mysql', 'trino').sql, 'SELECT COALESCE(a, b) FROM t LIMIT 5')
  })
})
