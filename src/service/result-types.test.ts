import { test } from 'node:test'
import assert from 'node:assert/strict'
import { T } from '../core/logical-type.ts'
import type { Column, QueryResult, RowBatch } from '../core/query-result.ts'
import { withSourceResultTypes } from './result-types.ts'

function engineResult (columns: Column[], batches: unknown[][][], extra: Partial<QueryResult> = {}): QueryResult & { closed: number, pulled: number } {
  const state = { closed: 0, pulled: 0 }
  const stream = (async function * (): AsyncGenerator<RowBatch> {
    for (const rows of batches) {
      state.pulled++
      yield { rows }
    }
  })()
  return Object.assign(state, {
    columns,
    batches: stream,
    warnings: [],
    stats: () => ({ rows: 0, elapsedMs: 0 }),
    close: async () => { state.closed++; await stream.return(undefined) },
    ...extra,
  })
}

async function rowsOf (result: QueryResult): Promise<unknown[][]> {
  const rows: unknown[][] = []
  for await (const batch of result.batches) rows.push(...batch.rows)
  return rows
}

test('a boolean of the source reported by the engine as an integer becomes boolean, NULL stays NULL', async () => {
  const inner = engineResult([{ name: 'id', type: T.integer }, { name: 'x', type: T.integer }, { name: 'y', type: T.bigint }],
    [[[1, 1, 0n], [2, 0, 1n]], [[3, null, null]]])
  const result = withSourceResultTypes(inner, [undefined, 'boolean', 'boolean'])
  assert.deepEqual(result.columns.map((c) => c.type.kind), ['integer', 'boolean', 'boolean'])
  assert.deepEqual(await rowsOf(result), [[1, true, false], [2, false, true], [3, null, null]])
})

test('decimal text, small ints and BIT bytes convert by MySQL truth (non-zero is true)', async () => {
  const inner = engineResult([{ name: 'a', type: T.decimal(1, 0) }, { name: 'b', type: T.smallint }, { name: 'c', type: T.varbinary }],
    [[['0', 2, new Uint8Array([0])], ['1', 0, new Uint8Array([1])]]])
  assert.deepEqual(await rowsOf(withSourceResultTypes(inner, ['boolean', 'boolean', 'boolean'])), [[false, true, false], [true, false, true]])
})

test('returns the engine result itself when nothing needs converting (encodedPages pass-through kept)', () => {
  const pages = { format: 'trino-json' as const, columns: [], pages: async function * () {} }
  const inner = engineResult([{ name: 'x', type: T.boolean }], [], { encodedPages: pages })
  assert.equal(withSourceResultTypes(inner, undefined), inner)
  assert.equal(withSourceResultTypes(inner, ['boolean']), inner, 'already boolean')
  const ints = engineResult([{ name: 'x', type: T.integer }, { name: 'y', type: T.integer }], [])
  assert.equal(withSourceResultTypes(ints, ['boolean']), ints, 'column count differs from the translator\'s')
  assert.equal(withSourceResultTypes(ints, [undefined, undefined]), ints)
  const text = engineResult([{ name: 'x', type: T.varchar }], [])
  assert.equal(withSourceResultTypes(text, ['boolean']), text, 'no conversion from text')
})

test('a converted result drops encodedPages and streams batch by batch as pulled', async () => {
  const pages = { format: 'trino-json' as const, columns: [], pages: async function * () {} }
  const inner = engineResult([{ name: 'x', type: T.integer }], [[[1]], [[0]], [[1]]], { encodedPages: pages })
  const result = withSourceResultTypes(inner, ['boolean'])
  assert.equal(result.encodedPages, undefined)
  const iterator = result.batches[Symbol.asyncIterator]()
  assert.deepEqual((await iterator.next()).value, { rows: [[true]] })
  assert.equal(inner.pulled, 1, 'no read-ahead')
  await result.close()
  assert.equal(inner.closed, 1)
  assert.equal(inner.pulled, 1)
})

test('close() while a pull is waiting on the engine closes the engine result and ends the pull', async () => {
  let release: (() => void) | undefined
  let closed = 0
  const stalled: AsyncIterableIterator<RowBatch> = {
    [Symbol.asyncIterator] () { return this },
    // An engine batch that arrives only once the result is closed (a slow engine, then a cancel).
    next: async () => { await new Promise<void>((resolve) => { release = resolve }); return { done: true, value: undefined } },
    return: async () => ({ done: true, value: undefined }),
  }
  const inner: QueryResult = {
    columns: [{ name: 'x', type: T.integer }],
    batches: stalled,
    warnings: [],
    stats: () => ({ rows: 0, elapsedMs: 0 }),
    close: async () => { closed++; release?.() },
  }
  const result = withSourceResultTypes(inner, ['boolean'])
  const pull = result.batches[Symbol.asyncIterator]().next()
  await new Promise((resolve) => setImmediate(resolve))
  await result.close()
  assert.equal(closed, 1)
  assert.deepEqual(await pull, { done: true, value: undefined })
})
