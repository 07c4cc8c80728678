import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseWithTypes } from './polyglot.ts'
import { nodeData, nodeType } from './rewrites/ast.ts'
import type { AstNode } from './rewrites/ast.ts'
import { isSchemaTyped } from './rewrites/schema-typed.ts'
import type { TableSchema } from './translator.ts'

/** The output expressions of the statement's SELECT, aliases unwrapped. */
function outputs (sql: string, tables: readonly TableSchema[]): AstNode[] {
  const [statement] = parseWithTypes(sql, 'trino', 'mysql', tables)
  const expressions = nodeData(statement!).expressions as AstNode[]
  return expressions.map((e) => nodeType(e) === 'alias' ? nodeData(e).this as AstNode : e)
}

const inferred = (node: AstNode): unknown => nodeData(node).inferred_type ?? null

test('Trino display forms of column types are understood as they are', () => {
  const types: Array<[string, Record<string, unknown>]> = [
    ['integer', { data_type: 'int' }],
    ['bigint', { data_type: 'big_int' }],
    ['decimal(15,2)', { data_type: 'decimal', precision: 15, scale: 2 }],
    ['varchar', { data_type: 'var_char' }],
    ['varchar(25)', { data_type: 'var_char', length: 25 }],
    ['date', { data_type: 'date' }],
    ['timestamp(3)', { data_type: 'timestamp', precision: 3, timezone: false }],
    ['timestamp(3) with time zone', { data_type: 'timestamp', precision: 3, timezone: true }],
    ['boolean', { data_type: 'boolean' }],
    ['double', { data_type: 'double' }],
    ['array(varchar)', { data_type: 'array' }],
  ]
  const table: TableSchema = { name: 't', columns: types.map(([type], i) => ({ name: `c${i}`, type })) }
  const columns = outputs(`SELECT ${types.map((_, i) => `c${i}`).join(', ')} FROM t`, [table])
  types.forEach(([type, expected], i) => {
    const actual = inferred(columns[i]!) as Record<string, unknown>
    for (const [key, value] of Object.entries(expected)) assert.equal(actual?.[key], value, `${type}: ${key}`)
    assert.ok(isSchemaTyped(columns[i]!), `${type} is marked as typed by the schema`)
  })
})

test('columns are typed through aliases, qualification, derived tables and CTEs', () => {
  const tables: TableSchema[] = [{ name: 'orders', columns: [{ name: 'k', type: 'integer' }] }, { schema: 'shop', name: 'items', columns: [{ name: 'q', type: 'bigint' }] }]
  const kinds = (sql: string): unknown[] => outputs(sql, tables).map((n) => (inferred(n) as { data_type?: unknown } | null)?.data_type ?? null)
  assert.deepEqual(kinds('SELECT o.k, k FROM orders o'), ['int', 'int'])
  assert.deepEqual(kinds('SELECT q FROM shop.items'), ['big_int'])
  assert.deepEqual(kinds('SELECT x FROM (SELECT k AS x FROM orders) d'), ['int'])
  assert.deepEqual(kinds('WITH c AS (SELECT k FROM orders) SELECT k FROM c'), ['int'])
  assert.deepEqual(kinds('SELECT sum(k), avg(k), k > 1 FROM orders'), ['big_int', 'double', 'boolean'])
})

test('an unknown table or column is left untyped, never an error', () => {
  const columns = outputs('SELECT x, k, nope FROM elsewhere, orders', [{ name: 'orders', columns: [{ name: 'k', type: 'integer' }] }])
  assert.equal(inferred(columns[0]!), null)
  assert.equal(isSchemaTyped(columns[0]!), false)
  assert.equal(columns.length, 3)
})

test('a column typed by polyglot\'s own guess through a derived table is not marked as schema-typed', () => {
  const [guessed, fromTable] = outputs('SELECT g, k FROM (SELECT 1.5 AS g, k FROM orders) d', [{ name: 'orders', columns: [{ name: 'k', type: 'integer' }] }])
  assert.equal((inferred(guessed!) as { data_type?: unknown }).data_type, 'double', 'polyglot guesses double for a Trino decimal literal')
  assert.equal(isSchemaTyped(guessed!), false)
  assert.equal(isSchemaTyped(fromTable!), true)
})
