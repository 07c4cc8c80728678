import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Dialect } from '../core/dialect.ts'
import { parseWithTypes } from './polyglot.ts'
import { resultTypesOf } from './result-types.ts'
import type { TableSchema } from './translator.ts'

const TABLES: TableSchema[] = [{ name: 't', columns: [{ name: 'a', type: 'integer' }, { name: 'f', type: 'boolean' }, { name: 's', type: 'varchar' }] }]

function typesOf (sql: string, from: Dialect = 'trino', to: Dialect = 'mysql'): Array<string | undefined> | undefined {
  return resultTypesOf(parseWithTypes(sql, from, to, TABLES), from, to)
}

test('names the boolean output columns of the top-level SELECT', () => {
  assert.deepEqual(typesOf('SELECT a, a > 1 AS x, f, NOT f, a IS NULL, a IN (1, 2), a BETWEEN 1 AND 2, s LIKE \'x%\' FROM t'),
    [undefined, 'boolean', 'boolean', 'boolean', 'boolean', 'boolean', 'boolean', 'boolean'])
  assert.deepEqual(typesOf('SELECT a > 1 FROM t', 'trino', 'clickhouse'), ['boolean'])
  assert.deepEqual(typesOf('SELECT a > 1, a FROM t UNION ALL SELECT f, 2 FROM t'), ['boolean', undefined], 'a set operation\'s columns are its first SELECT\'s')
})

test('nothing when no column is boolean, for SELECT *, or when the target or the source has no boolean to keep', () => {
  assert.equal(typesOf('SELECT a, s FROM t'), undefined)
  assert.equal(typesOf('SELECT *, a > 1 FROM t'), undefined)
  assert.equal(typesOf('SELECT t.*, a > 1 FROM t'), undefined)
  assert.equal(typesOf('SELECT a > 1 FROM t', 'trino', 'postgres'), undefined)
  assert.equal(typesOf('SELECT a > 1 FROM t', 'mysql', 'clickhouse'), undefined)
  assert.equal(typesOf('INSERT INTO t SELECT * FROM t'), undefined)
})

test('never calls a non-boolean a boolean where polyglot\'s guess is wrong', () => {
  // polyglot types regexp_like as varchar: the column is left alone (0/1), not guessed.
  assert.deepEqual(typesOf('SELECT regexp_like(s, \'x\'), a FROM t'), undefined)
})
