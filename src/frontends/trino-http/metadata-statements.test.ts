import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Protocol } from '../../core/protocol.ts'
import type { SessionContext } from '../../core/query-request.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../../engines/engine-adapter.ts'
import { parseMetadataStatement } from './metadata-statements.ts'

// A fixed catalog as an engine would report it: memory.main.{orders, Items}, memory.sales.orders.
const TABLES: TableRef[] = [
  { catalog: 'memory', schema: 'main', name: 'orders', type: 'TABLE' },
  { catalog: 'memory', schema: 'main', name: 'Items', type: 'VIEW' },
  { catalog: 'memory', schema: 'sales', name: 'orders', type: 'TABLE' },
]
const COLUMNS: ColumnRef[] = [
  { catalog: 'memory', schema: 'main', table: 'orders', name: 'id', type: 'bigint', ordinal: 1, nullable: false },
  { catalog: 'memory', schema: 'main', table: 'orders', name: 'price', type: 'decimal(10,2)', ordinal: 2, nullable: true },
  { catalog: 'memory', schema: 'main', table: 'Items', name: 'label', type: 'varchar', ordinal: 1, nullable: true },
  { catalog: 'memory', schema: 'sales', table: 'orders', name: 'total', type: 'double', ordinal: 1, nullable: true },
]
const calls: string[] = []
const metadata: EngineMetadata = {
  listCatalogs: async () => ['system', 'memory'],
  listSchemas: async (catalog) => [{ catalog: 'memory', schema: 'main' }, { catalog: 'memory', schema: 'sales' }].filter((s) => catalog === undefined || s.catalog === catalog),
  listTables: async (f) => {
    calls.push(`tables ${JSON.stringify(f)}`)
    return TABLES.filter((t) => (f.catalog === undefined || t.catalog === f.catalog) && (f.schema === undefined || t.schema === f.schema) && (f.table === undefined || t.name === f.table))
  },
  listColumns: async (f) => {
    calls.push(`columns ${JSON.stringify(f)}`)
    return COLUMNS.filter((c) => (f.catalog === undefined || c.catalog === f.catalog) && (f.schema === undefined || c.schema === f.schema) && (f.table === undefined || c.table === f.table))
  },
}
const session = (extra: Partial<SessionContext> = {}): SessionContext => ({ user: 'u', protocol: Protocol.trinoHttp, headers: {}, clientTags: [], properties: {}, ...extra })
const signal = new AbortController().signal

async function run (sql: string, s = session()): Promise<{ names: string[], rows: unknown[][] }> {
  const statement = parseMetadataStatement(sql, s)
  assert.ok(statement !== undefined, `recognised: ${sql}`)
  const answer = await statement.answer(metadata, signal)
  return { names: answer.columns.map((c) => c.name), rows: answer.rows.map((r) => [...r]) }
}

test('SHOW CATALOGS / SCHEMAS / TABLES answer sorted names, with LIKE', async () => {
  assert.deepEqual(await run('SHOW CATALOGS'), { names: ['Catalog'], rows: [['memory'], ['system']] })
  assert.deepEqual(await run(`SHOW SCHEMAS FROM memory LIKE 's%'`), { names: ['Schema'], rows: [['sales']] })
  assert.deepEqual(await run('SHOW TABLES FROM memory.main'), { names: ['Table'], rows: [['Items'], ['orders']] })
  assert.deepEqual(await run('SHOW TABLES', session({ schema: 'sales' })), { names: ['Table'], rows: [['orders']] })
})

test('DESCRIBE and SHOW COLUMNS resolve the table with the session schema', async () => {
  assert.deepEqual(await run('DESCRIBE orders', session({ catalog: 'memory', schema: 'main' })), {
    names: ['Column', 'Type', 'Extra', 'Comment'],
    rows: [['id', 'bigint', '', ''], ['price', 'decimal(10,2)', '', '']],
  })
  assert.deepEqual((await run('SHOW COLUMNS FROM sales.orders')).rows, [['total', 'double', '', '']])
  assert.deepEqual((await run('DESC "Items"')).rows, [['label', 'varchar', '', '']])
  await assert.rejects(run('DESCRIBE nope'), (error: Error & { details?: { engineErrorKind?: string } }) => error.details?.engineErrorKind === 'undefinedTable')
})

test('the JDBC getTables query is answered with pushdown, filters and order', async () => {
  calls.length = 0
  const { names, rows } = await run(`SELECT TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS,
  TYPE_CAT, TYPE_SCHEM, TYPE_NAME,   SELF_REFERENCING_COL_NAME, REF_GENERATION
FROM system.jdbc.tables
WHERE TABLE_CAT = 'memory' AND TABLE_SCHEM LIKE 'ma%' ESCAPE '\\' AND TABLE_NAME LIKE '%' ESCAPE '\\' AND TABLE_TYPE IN ('TABLE', 'VIEW')
ORDER BY TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME`)
  assert.deepEqual(calls, ['tables {"catalog":"memory"}'])
  assert.equal(names[0], 'table_cat')
  assert.deepEqual(rows.map((r) => [r[2], r[3]]), [['orders', 'TABLE'], ['Items', 'VIEW']])
})

test('the JDBC getColumns query gives JDBC types and sizes', async () => {
  const { rows } = await run(`SELECT TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, ORDINAL_POSITION, IS_NULLABLE
FROM system.jdbc.columns WHERE TABLE_SCHEM = 'main' AND TABLE_NAME = 'orders' ORDER BY TABLE_CAT, TABLE_SCHEM, TABLE_NAME, ORDINAL_POSITION`)
  assert.deepEqual(rows, [
    ['memory', 'main', 'orders', 'id', -5n, 'bigint', 19n, null, 1n, 'NO'],
    ['memory', 'main', 'orders', 'price', 3n, 'decimal(10,2)', 10n, 2n, 2n, 'YES'],
  ])
})

test('JDBC catalog, schema, type and empty-table queries', async () => {
  assert.deepEqual((await run('SELECT TABLE_CAT\nFROM system.jdbc.catalogs\nORDER BY TABLE_CAT')).rows, [['memory'], ['system']])
  assert.deepEqual((await run(`SELECT TABLE_SCHEM, TABLE_CATALOG FROM system.jdbc.schemas WHERE TABLE_CATALOG = 'memory' ORDER BY TABLE_CATALOG, TABLE_SCHEM`)).rows, [['main', 'memory'], ['sales', 'memory']])
  assert.deepEqual((await run('SELECT TABLE_TYPE FROM system.jdbc.table_types ORDER BY TABLE_TYPE')).rows, [['TABLE'], ['VIEW']])
  const types = await run('SELECT TYPE_NAME, DATA_TYPE FROM system.jdbc.types ORDER BY DATA_TYPE')
  assert.ok(types.rows.some((r) => r[0] === 'bigint' && r[1] === -5n))
  const procedures = await run(`SELECT PROCEDURE_CAT, PROCEDURE_SCHEM, PROCEDURE_NAME,\n   null, null, null, REMARKS, PROCEDURE_TYPE, SPECIFIC_NAME\nFROM system.jdbc.procedures\nORDER BY PROCEDURE_CAT, PROCEDURE_SCHEM, PROCEDURE_NAME, SPECIFIC_NAME LIMIT 0`)
  assert.deepEqual(procedures.names.slice(2, 5), ['procedure_name', '_col3', '_col4'])
  assert.deepEqual(procedures.rows, [])
})

test('information_schema with OR, NOT, IS NULL and LIMIT', async () => {
  const { rows } = await run(`select table_name, column_name from memory.information_schema.columns
    where (table_schema = 'main' or table_schema = 'sales') and not column_name like 'p%' and column_default is null order by 1 desc, 2 limit 2`)
  assert.deepEqual(rows, [['orders', 'id'], ['orders', 'total']])
})

test('which engines answer natively, and what is not recognised', () => {
  const show = parseMetadataStatement('SHOW TABLES', session())!
  assert.equal(show.isNativeTo('trino'), true)
  assert.equal(show.isNativeTo('duckDb'), false)
  const info = parseMetadataStatement('SELECT * FROM information_schema.tables', session())!
  assert.equal(info.isNativeTo('duckDb'), true)
  assert.equal(info.isNativeTo('clickHouse'), false)
  for (const sql of ['SELECT 1', 'SELECT count(*) FROM system.jdbc.tables', 'SELECT * FROM system.jdbc.tables t JOIN x ON true', 'SELECT * FROM system.runtime.nodes', 'DESCRIBE OUTPUT st']) {
    assert.equal(parseMetadataStatement(sql, session()), undefined, sql)
  }
})

test('recognising never throws: anything outside the grammar goes to the engine (property)', () => {
  const words = ['SELECT', 'SHOW', 'TABLES', 'SCHEMAS', 'CATALOGS', 'COLUMNS', 'DESCRIBE', 'FROM', 'IN', 'LIKE', 'ESCAPE', 'WHERE', 'ORDER', 'BY', 'LIMIT', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'system', 'jdbc', 'tables', 'information_schema', '.', ',', '*', '=', "'x'", "'", '(', ')', '1', 'table_name', '"Q"']
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 14 }), (parts) => {
    parseMetadataStatement(parts.join(' '), session())
  }), { numRuns: 3000 })
})
