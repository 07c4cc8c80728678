import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ColumnRef, EngineMetadata } from '../engines/engine-adapter.ts'
import { TableSchemaCache } from './table-schema-cache.ts'

type Filter = { catalog?: string, schema?: string, table?: string }

/** An EngineMetadata over a fixed column list, counting listColumns calls; `gate` holds calls back. */
class FakeMetadata implements EngineMetadata {
  calls: Filter[] = []
  columns: ColumnRef[]
  gate: Promise<void> | undefined
  failWith: Error | undefined
  hang = false

  constructor (columns: ColumnRef[]) {
    this.columns = columns
  }

  async listCatalogs (): Promise<string[]> { return [] }
  async listSchemas (): Promise<Array<{ catalog: string, schema: string }>> { return [] }
  async listTables (): Promise<never[]> { return [] }
  async listColumns (filter: Filter, signal: AbortSignal): Promise<ColumnRef[]> {
    this.calls.push(filter)
    if (this.hang) {
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('metadata call timed out')), { once: true }))
    }
    await this.gate
    if (this.failWith !== undefined) throw this.failWith
    return this.columns.filter((c) => (filter.catalog === undefined || c.catalog === filter.catalog) &&
      (filter.schema === undefined || c.schema === filter.schema) && (filter.table === undefined || c.table === filter.table))
  }
}

const column = (schema: string, table: string, name: string, type: string, ordinal = 1): ColumnRef =>
  ({ catalog: 'def', schema, table, name, type, ordinal, nullable: true })

const ORDERS = [column('shop', 'orders', 'o_orderkey', 'integer', 1), column('shop', 'orders', 'o_total', 'decimal(15,2)', 2)]
const never = new AbortController().signal

test('returns the columns of each named table, keeping the statement\'s qualification', async () => {
  const metadata = new FakeMetadata([...ORDERS, column('shop', 'nation', 'n_name', 'varchar(25)')])
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const tables = await cache.tablesFor(metadata, [{ name: 'orders' }, { schema: 'shop', name: 'nation' }, { name: 'missing' }], {}, never)
  assert.deepEqual(tables, [
    { name: 'orders', columns: [{ name: 'o_orderkey', type: 'integer' }, { name: 'o_total', type: 'decimal(15,2)' }] },
    { schema: 'shop', name: 'nation', columns: [{ name: 'n_name', type: 'varchar(25)' }] },
  ])
  assert.deepEqual(metadata.calls, [{ table: 'orders' }, { schema: 'shop', table: 'nation' }, { table: 'missing' }])
})

test('an unqualified name in several schemas takes the session\'s schema, else none', async () => {
  const metadata = new FakeMetadata([...ORDERS, column('archive', 'orders', 'o_orderkey', 'bigint')])
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const [inArchive] = await cache.tablesFor(metadata, [{ name: 'orders' }], { database: 'archive' }, never)
  assert.deepEqual(inArchive?.columns, [{ name: 'o_orderkey', type: 'bigint' }])
  assert.deepEqual(await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never), [])
})

test('entries are reused within the TTL and looked up again after it', async () => {
  let now = 1000
  const metadata = new FakeMetadata(ORDERS)
  const cache = new TableSchemaCache({ ttlMs: 60_000, now: () => now })
  await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  now += 59_999
  await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  assert.equal(metadata.calls.length, 1)
  metadata.columns = [column('shop', 'orders', 'o_orderkey', 'bigint')]
  now += 2
  const [orders] = await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  assert.equal(metadata.calls.length, 2)
  assert.deepEqual(orders?.columns, [{ name: 'o_orderkey', type: 'bigint' }], 'a changed table is seen after the TTL')
})

test('holds at most maxEntries tables, evicting the least recently used', async () => {
  const metadata = new FakeMetadata([column('s', 'a', 'x', 'integer'), column('s', 'b', 'x', 'integer'), column('s', 'c', 'x', 'integer')])
  const cache = new TableSchemaCache({ ttlMs: 60_000, maxEntries: 2 })
  await cache.tablesFor(metadata, [{ name: 'a' }], {}, never)
  await cache.tablesFor(metadata, [{ name: 'b' }], {}, never)
  await cache.tablesFor(metadata, [{ name: 'a' }], {}, never) // a is now the most recent
  await cache.tablesFor(metadata, [{ name: 'c' }], {}, never) // evicts b
  assert.equal(cache.size, 2)
  await cache.tablesFor(metadata, [{ name: 'a' }], {}, never)
  assert.equal(metadata.calls.length, 3)
  await cache.tablesFor(metadata, [{ name: 'b' }], {}, never)
  assert.equal(metadata.calls.length, 4)
})

test('concurrent lookups of one table share one metadata call', async () => {
  const metadata = new FakeMetadata(ORDERS)
  let open!: () => void
  metadata.gate = new Promise((resolve) => { open = resolve })
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const lookups = Array.from({ length: 5 }, async () => await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never))
  open()
  const results = await Promise.all(lookups)
  assert.equal(metadata.calls.length, 1)
  for (const result of results) assert.equal(result[0]?.columns.length, 2)
})

test('a metadata failure means no schema for that table, not a failed lookup', async () => {
  const metadata = new FakeMetadata(ORDERS)
  metadata.failWith = new Error('access denied to information_schema')
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  assert.deepEqual(await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never), [])
})

test('a metadata call slower than the lookup timeout means no schema', async () => {
  const metadata = new FakeMetadata(ORDERS)
  metadata.hang = true
  const cache = new TableSchemaCache({ ttlMs: 60_000, lookupTimeoutMs: 50 })
  assert.deepEqual(await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never), [])
})

test('a failure is retried after a short while, not after the whole TTL', async () => {
  let now = 0
  const metadata = new FakeMetadata(ORDERS)
  metadata.failWith = new Error('engine restarting')
  const cache = new TableSchemaCache({ ttlMs: 60_000, now: () => now })
  assert.deepEqual(await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never), [])
  metadata.failWith = undefined
  now += 1000
  assert.deepEqual(await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never), [], 'within the failure TTL')
  now += 5000
  assert.equal((await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)).length, 1)
  assert.equal(metadata.calls.length, 2)
})

test('a cancelled query stops waiting at once; others still get the shared answer', async () => {
  const metadata = new FakeMetadata(ORDERS)
  let open!: () => void
  metadata.gate = new Promise((resolve) => { open = resolve })
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const controller = new AbortController()
  const cancelled = cache.tablesFor(metadata, [{ name: 'orders' }], {}, controller.signal)
  const other = cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  controller.abort()
  await assert.rejects(cancelled, { code: 'CANCELLED' })
  open()
  assert.equal((await other).length, 1)
})

test('each EngineMetadata object (cluster) has its own entries', async () => {
  const a = new FakeMetadata(ORDERS)
  const b = new FakeMetadata([column('shop', 'orders', 'o_orderkey', 'bigint')])
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const [fromA] = await cache.tablesFor(a, [{ name: 'orders' }], {}, never)
  const [fromB] = await cache.tablesFor(b, [{ name: 'orders' }], {}, never)
  assert.equal(fromA?.columns[0]?.type, 'integer')
  assert.equal(fromB?.columns[0]?.type, 'bigint')
})

test('a cached table is handed out as the same TableSchema object, so its fingerprint is computed once', async () => {
  const metadata = new FakeMetadata(ORDERS)
  const cache = new TableSchemaCache({ ttlMs: 60_000 })
  const [first] = await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  const [again] = await cache.tablesFor(metadata, [{ name: 'orders' }], {}, never)
  assert.ok(first !== undefined && first === again)
  const [qualified] = await cache.tablesFor(metadata, [{ schema: 'shop', name: 'orders' }], {}, never)
  assert.notEqual(qualified, first, 'another qualification is another entry')
  assert.equal(qualified?.schema, 'shop')
})
