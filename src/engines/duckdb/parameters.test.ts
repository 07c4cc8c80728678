import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { QueryParameter } from '../../core/query-request.ts'
import { bindParameters, scaledDecimal } from './parameters.ts'
import { chunkRows } from './row-stream.ts'
import { UTC_ZONE } from './temporal.ts'
import { valueConverter } from './type-map.ts'

test('decimal text scales exactly and refuses lost digits', () => {
  assert.equal(scaledDecimal('-12.5', 3), -12_500n)
  assert.equal(scaledDecimal('.5', 1), 5n)
  assert.equal(scaledDecimal('7', 2), 700n)
  assert.equal(scaledDecimal('1.2300', 2), 123n)
  assert.equal(scaledDecimal('99999999999999999999999999999999999999', 0), 99999999999999999999999999999999999999n)
  assert.throws(() => scaledDecimal('1.234', 2), { code: 'BAD_REQUEST' })
  assert.throws(() => scaledDecimal('1e5', 0), { code: 'BAD_REQUEST' })
  assert.throws(() => scaledDecimal('', 0), { code: 'BAD_REQUEST' })
})

describe('parameters bound to a real DuckDB prepared statement', () => {
  let instance: DuckDBInstance
  let connection: DuckDBConnection
  before(async () => {
    instance = await DuckDBInstance.create(':memory:')
    connection = await instance.connect()
    await connection.run("SET TimeZone = 'UTC'")
  })
  after(() => {
    connection.disconnectSync()
    instance.closeSync()
  })

  async function echo (parameters: QueryParameter[]): Promise<{ text: string[], values: unknown[] }> {
    const placeholders = parameters.map((_, i) => `$${i + 1}`)
    const prepared = await connection.prepare(`SELECT ${placeholders.join(', ')}, ${placeholders.map((p) => `${p}::VARCHAR`).join(', ')}`)
    bindParameters(prepared, parameters)
    const result = await prepared.run()
    const chunk = (await result.fetchChunk())!
    const row = chunkRows(chunk, result.columnTypes().map((t) => valueConverter(t, UTC_ZONE)))[0]!
    return { values: row.slice(0, parameters.length), text: row.slice(parameters.length) as string[] }
  }

  test('temporal edge values reach DuckDB as the same instant or day', async () => {
    const { values, text } = await echo([
      { type: { kind: 'date' }, value: '-0043-03-15' },
      { type: { kind: 'date' }, value: 'infinity' },
      { type: { kind: 'timestamp', precision: 9 }, value: '2262-04-11 23:47:16.854775806' },
      { type: { kind: 'timestamp', precision: 3 }, value: '0001-01-01 00:00:00.001' },
      { type: { kind: 'timeWithTimeZone', precision: 6 }, value: '23:59:59.999999-05:30' },
      { type: { kind: 'timestampWithTimeZone', precision: 6 }, value: '2024-10-27 02:30:00.000000 +02:00' },
      { type: { kind: 'timestampWithTimeZone', precision: 6 }, value: '-infinity' },
    ])
    assert.deepEqual(values, ['-0043-03-15', 'infinity', '2262-04-11 23:47:16.854775806', '0001-01-01 00:00:00.001000',
      '23:59:59.999999-05:30', '2024-10-27 00:30:00.000000 UTC', '-infinity'])
    assert.deepEqual(text, ['0044-03-15 (BC)', 'infinity', '2262-04-11 23:47:16.854775806', '0001-01-01 00:00:00.001',
      '23:59:59.999999-05:30', '2024-10-27 00:30:00+00', '-infinity'])
  })

  test('a parameter count that does not match the placeholders is a BAD_REQUEST', async () => {
    const prepared = await connection.prepare('SELECT $1, $2')
    assert.throws(() => bindParameters(prepared, [{ type: { kind: 'integer' }, value: 1 }]), { code: 'BAD_REQUEST' })
  })
})
