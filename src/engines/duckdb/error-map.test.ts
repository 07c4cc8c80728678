import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import { engineErrorKindOf, mapDuckDbError, parseDuckDbError, positionOf } from './error-map.ts'

describe('DuckDB error map (messages from a real DuckDB)', () => {
  let instance: DuckDBInstance
  let connection: DuckDBConnection
  before(async () => {
    instance = await DuckDBInstance.create(':memory:')
    connection = await instance.connect()
  })
  after(() => {
    connection.disconnectSync()
    instance.closeSync()
  })

  async function messageOf (sql: string): Promise<string> {
    try {
      await connection.run(sql)
    } catch (error) {
      return (error as Error).message
    }
    assert.fail(`expected ${sql} to fail`)
  }

  test('picks the kind from the exception type and text', async () => {
    await connection.run('CREATE TABLE t (id INTEGER PRIMARY KEY)')
    await connection.run('INSERT INTO t VALUES (1)')
    const cases: Array<[string, string]> = [
      ['SELEC 1', 'syntax'],
      ['SELECT 1 +', 'syntax'],
      ['SELECT * FROM missing', 'undefinedTable'],
      ['SELECT * FROM missing_schema.t', 'undefinedTable'],
      ['SELECT nope FROM t', 'undefinedColumn'],
      ['SELECT * FROM t JOIN t AS u USING (nope)', 'undefinedColumn'],
      ['SELECT nope(1)', 'undefinedFunction'],
      ['SELECT * FROM nope_table_function()', 'undefinedFunction'],
      ['CREATE SCHEMA s1; CREATE TABLE s1.x (a INT); DROP SCHEMA missing_schema', 'undefinedSchema'],
      ['CREATE TABLE t (x INT)', 'duplicateObject'],
      ["SELECT 'abc'::INTEGER", 'invalidValue'],
      ["SELECT error('boom')", 'invalidValue'],
      ['SELECT 1000::TINYINT', 'numericOverflow'],
      ['SELECT 100000::DECIMAL(4,1)', 'numericOverflow'],
      ['SELECT 9223372036854775807::BIGINT + 1', 'numericOverflow'],
      ["SELECT 'x' + 1", 'typeMismatch'],
      ['INSERT INTO t VALUES (1)', 'constraintViolation'],
      ['INSERT INTO t VALUES (NULL)', 'constraintViolation'],
    ]
    for (const [sql, kind] of cases) {
      const raw = await messageOf(sql)
      const parsed = parseDuckDbError(raw)
      assert.equal(engineErrorKindOf(parsed.type, parsed.message), kind, `${sql} → ${raw}`)
    }
  })

  test('drops the LINE excerpt and points at the right column, in long lines too', async () => {
    const columns = Array.from({ length: 40 }, (_, i) => `${i} AS c${i}`).join(', ')
    for (const sql of [
      'SELECT nosuch_col FROM range(1)',
      `SELECT ${columns}, nosuch_col, ${columns} FROM range(1)`,
      `SELECT ${columns},\n  nosuch_col FROM range(1)`,
      "SELECT 'ü☃', nosuch_col FROM range(1)",
    ]) {
      const raw = await messageOf(sql)
      const error = mapDuckDbError(new Error(raw), 'test', sql)
      assert.doesNotMatch(error.message, /LINE|\^/)
      assert.match(error.message, /^Binder Error: Referenced column "nosuch_col" not found in FROM clause!\nCandidate bindings/)
      const lines = sql.split('\n')
      const line = lines.findIndex((l) => l.includes('nosuch_col'))
      assert.deepEqual(error.details.position, { line: line + 1, column: lines[line]!.indexOf('nosuch_col') + 1 }, sql)
      assert.equal(error.details.engineCode, 'Binder')
    }
  })

  test('strips what the node API puts in front of the engine message', () => {
    const parsed = parseDuckDbError('Failure running pending result task: Conversion Error: Could not convert string \'x\' to INT32\n\nLINE 1: SELECT \'x\'::INT\n              ^')
    assert.equal(parsed.type, 'Conversion')
    assert.equal(parsed.message, "Conversion Error: Could not convert string 'x' to INT32")
    assert.deepEqual(positionOf("SELECT 'x'::INT", parsed.excerpt!), { line: 1, column: 7 })
    assert.equal(parseDuckDbError('Failed to extract statements: Parser Error: syntax error at or near "SELEC"').type, 'Parser')
  })

  test('INTERRUPT is CANCELLED; FATAL and closed connections are ENGINE_UNAVAILABLE', () => {
    assert.equal(mapDuckDbError(new Error('Failure running pending result task: INTERRUPT Error: Interrupted!'), 'c', '').code, 'CANCELLED')
    assert.equal(mapDuckDbError(new Error('FATAL Error: Failed: database has been invalidated because of a previous fatal error'), 'c', '').code, 'ENGINE_UNAVAILABLE')
    assert.equal(mapDuckDbError(new Error('Failed to prepare: connection disconnected'), 'c', '').code, 'ENGINE_UNAVAILABLE')
    assert.equal(mapDuckDbError(new Error('IO Error: No files found that match the pattern "x.csv"'), 'c', '').details.engineErrorKind, 'other')
  })
})
