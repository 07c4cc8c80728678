import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { T } from '../../core/logical-type.ts'
import { countPlaceholders, parseSessionStatement, updateTypeOf } from './session-statements.ts'

test('USE, SET SESSION and RESET SESSION, with Trino identifier case rules', () => {
  assert.deepEqual(parseSessionStatement('USE Memory.Main'), { kind: 'use', catalog: 'memory', schema: 'main' })
  assert.deepEqual(parseSessionStatement('use "MySchema";'), { kind: 'use', schema: 'MySchema' })
  assert.deepEqual(parseSessionStatement(`SET SESSION query_max_run_time = '10m'`), { kind: 'setSession', name: 'query_max_run_time', value: '10m' })
  assert.deepEqual(parseSessionStatement('SET SESSION hive.bucket_execution = false'), { kind: 'setSession', name: 'hive.bucket_execution', value: 'false' })
  assert.deepEqual(parseSessionStatement('set session x = 5'), { kind: 'setSession', name: 'x', value: '5' })
  assert.deepEqual(parseSessionStatement('RESET SESSION hive.x'), { kind: 'resetSession', name: 'hive.x' })
  assert.equal(parseSessionStatement('SET SESSION AUTHORIZATION bob'), undefined)
})

test('PREPARE keeps the statement text verbatim; EXECUTE and EXECUTE IMMEDIATE parse USING', () => {
  assert.deepEqual(parseSessionStatement(`PREPARE st_1 FROM SELECT ? , 'a?' -- c\n`), { kind: 'prepare', name: 'st_1', sql: `SELECT ? , 'a?'` })
  assert.deepEqual(parseSessionStatement('DEALLOCATE PREPARE st_1'), { kind: 'deallocate', name: 'st_1' })
  assert.deepEqual(parseSessionStatement('EXECUTE st_1 USING 1, \'x\''), { kind: 'execute', name: 'st_1', parameters: [{ type: T.integer, value: 1 }, { type: T.varchar, value: 'x' }] })
  assert.deepEqual(parseSessionStatement(`EXECUTE IMMEDIATE 'SELECT ''a'', ?' USING 2`), { kind: 'executeImmediate', sql: `SELECT 'a', ?`, parameters: [{ type: T.integer, value: 2 }] })
  assert.deepEqual(parseSessionStatement(`EXECUTE IMMEDIATE 'SELECT 1'`), { kind: 'executeImmediate', sql: 'SELECT 1', parameters: [] })
})

test('transactions, version() and SHOW SESSION', () => {
  assert.deepEqual(parseSessionStatement('START TRANSACTION ISOLATION LEVEL READ COMMITTED'), { kind: 'startTransaction' })
  assert.deepEqual(parseSessionStatement('commit work'), { kind: 'commit' })
  assert.deepEqual(parseSessionStatement('ROLLBACK'), { kind: 'rollback' })
  assert.deepEqual(parseSessionStatement('SELECT version()'), { kind: 'version' })
  assert.equal(parseSessionStatement('SELECT version(), 1'), undefined)
  const show = parseSessionStatement(`SHOW SESSION LIKE 'query%'`)
  assert.equal(show?.kind, 'showSession')
})

test('ordinary statements are not session statements', () => {
  for (const sql of ['SELECT 1', 'INSERT INTO t VALUES (1)', 'SHOW TABLES', `SELECT 'USE x'`, '-- USE x\nSELECT 1']) {
    assert.equal(parseSessionStatement(sql), undefined, sql)
  }
})

test('malformed session statements are BAD_REQUEST', () => {
  for (const sql of ['USE', 'SET SESSION x', 'SET SESSION x = ', 'PREPARE s FROM', 'EXECUTE s USING', 'USE a.b.c', 'SET SESSION x = NULL']) {
    assert.throws(() => parseSessionStatement(sql), (error: Error & { code?: string }) => error.code === 'BAD_REQUEST', sql)
  }
})

test('updateType as Trino reports it, and placeholder counting', () => {
  assert.equal(updateTypeOf('insert into t values (1)'), 'INSERT')
  assert.equal(updateTypeOf('CREATE TABLE IF NOT EXISTS t (a int)'), 'CREATE TABLE')
  assert.equal(updateTypeOf('CREATE OR REPLACE VIEW v AS SELECT 1'), 'CREATE VIEW')
  assert.equal(updateTypeOf('DROP SCHEMA s'), 'DROP SCHEMA')
  assert.equal(updateTypeOf('SELECT 1'), undefined)
  assert.equal(countPlaceholders(`SELECT ?, '?', "?", ? -- ?`), 2)
})

test('any text is a session statement, not one, or a BAD_REQUEST (property)', () => {
  const words = ['USE', 'SET', 'SESSION', 'RESET', 'PREPARE', 'EXECUTE', 'IMMEDIATE', 'USING', 'FROM', 'DEALLOCATE', 'x', '.', '=', "'a'", "'", '"q"', '?', ',', '1', 'SELECT', 'version', '(', ')', ' ', ';', '--', '\n']
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (parts) => {
    const sql = parts.join(' ')
    try {
      parseSessionStatement(sql)
      updateTypeOf(sql)
      countPlaceholders(sql)
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'BAD_REQUEST', `${sql}: ${(error as Error).message}`)
    }
  }), { numRuns: 3000 })
})
