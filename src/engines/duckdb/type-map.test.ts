/**
 * The type map and value converters against a real in-process DuckDB: every type of
 * test_all_types(), and random dates, timestamps, zoned timestamps, decimals and UUIDs compared
 * with DuckDB's own text for the same value.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import { formatType } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import { chunkRows } from './row-stream.ts'
import { resolveZone, UTC_ZONE } from './temporal.ts'
import type { RenderZone } from './temporal.ts'
import { formatDecimal, logicalTypeOf, valueConverter } from './type-map.ts'

describe('DuckDB type map (real DuckDB values)', () => {
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

  /** Runs `sql` and returns the column types and rows as the adapter converts them. */
  async function convert (sql: string, zone: RenderZone = UTC_ZONE): Promise<{ types: LogicalType[], rows: unknown[][] }> {
    const result = await connection.stream(sql)
    const duckTypes = result.columnTypes()
    const converters = duckTypes.map((t) => valueConverter(t, zone))
    const rows: unknown[][] = []
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) rows.push(...chunkRows(chunk, converters))
    return { types: duckTypes.map(logicalTypeOf), rows }
  }

  test('maps every column of test_all_types() and converts each value to its documented form', async () => {
    const { types, rows } = await convert('SELECT * FROM test_all_types()')
    assert.equal(rows.length, 3)
    for (const [i, type] of types.entries()) {
      for (const row of rows) assertShape(type, row[i], `column ${i} (${formatType(type)})`)
    }
    assert.ok(types.every((t) => t.kind !== 'unknown'), types.map(formatType).join(', '))
  })

  test('dates render as DuckDB renders them, with astronomical years', async () => {
    const days = fc.sample(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), 300).concat([0, -1, -719_528, -719_529, 2_932_896])
    const { rows } = await convert(`SELECT DATE '1970-01-01' + d, (DATE '1970-01-01' + d)::VARCHAR FROM (VALUES ${days.map((d) => `(${d})`).join(', ')}) t(d)`)
    for (const [ours, theirs] of rows) assert.equal(ours, astronomical(String(theirs)))
  })

  test('timestamps of every unit render as DuckDB renders them', async () => {
    const micros = fc.sample(fc.bigInt({ min: -9_000_000_000_000_000n, max: 9_000_000_000_000_000n }), 300)
    const { rows } = await convert(`SELECT make_timestamp(m), make_timestamp(m)::VARCHAR, make_timestamp(m)::TIMESTAMP_MS, make_timestamp(m)::TIMESTAMP_MS::VARCHAR,
      make_timestamp(m)::TIMESTAMP_S, make_timestamp(m)::TIMESTAMP_S::VARCHAR FROM (VALUES ${micros.map((m) => `(${m})`).join(', ')}) t(m)`)
    for (const row of rows) {
      for (let i = 0; i < 6; i += 2) assert.equal(trimFraction(String(row[i])), astronomical(String(row[i + 1])))
    }
    const nanos = await convert("SELECT '1677-09-22 00:00:00.000000001'::TIMESTAMP_NS, '2262-04-11 23:47:16.854775806'::TIMESTAMP_NS, 'infinity'::TIMESTAMP, '-infinity'::TIMESTAMP_MS")
    assert.deepEqual(nanos.rows, [['1677-09-22 00:00:00.000000001', '2262-04-11 23:47:16.854775806', 'infinity', '-infinity']])
  })

  test('TIMESTAMP WITH TIME ZONE renders in the session zone with the offset ICU gives', async () => {
    const seconds = fc.sample(fc.integer({ min: -2_208_988_800, max: 4_102_444_800 }), 300)
    for (const name of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      await connection.run(`SET TimeZone = '${name}'`)
      const { rows } = await convert(`SELECT to_timestamp(s), to_timestamp(s)::VARCHAR FROM (VALUES ${seconds.map((s) => `(${s})`).join(', ')}) t(s)`, resolveZone(name))
      for (const [ours, theirs] of rows) {
        // DuckDB: '2024-01-02 03:04:05-05' or '…+05:30'; ours: '2024-01-02 03:04:05.000000 America/New_York'.
        const match = /^(.*?)([+-]\d\d(?::\d\d)?)$/.exec(String(theirs))!
        assert.equal(String(ours), `${match[1]}.000000 ${name}`, `${String(theirs)} in ${name}`)
      }
    }
    await connection.run("SET TimeZone = 'UTC'")
  })

  test('decimals keep exactly their scale, through every storage width', async () => {
    for (const [precision, scale] of [[4, 2], [9, 0], [18, 6], [38, 38], [38, 10], [20, 19]] as const) {
      const limit = 10n ** BigInt(precision) - 1n
      const values = fc.sample(fc.bigInt({ min: -limit, max: limit }), 100).concat([0n, 1n, -1n, limit, -limit])
      const literals = values.map((v) => `('${formatDecimal(v, scale)}'::DECIMAL(${precision},${scale}))`)
      const { types, rows } = await convert(`SELECT d, d::VARCHAR FROM (VALUES ${literals.join(', ')}) t(d)`)
      assert.equal(formatType(types[0]!), `decimal(${precision},${scale})`)
      rows.forEach(([ours, theirs], i) => {
        assert.equal(ours, formatDecimal(values[i]!, scale))
        assert.equal(Number(ours), Number(theirs))
        if (scale > 0) assert.equal(String(ours).split('.')[1]!.length, scale)
      })
    }
  })

  test('UUIDs, intervals, nested values and maps keep their DuckDB meaning', async () => {
    const { rows } = await convert(`SELECT u, u::VARCHAR, INTERVAL '-1 month 2 days -00:00:00.000001',
      [{'k': [1, 2]}, NULL], MAP {[1]: {'a': DATE '2024-01-01'}} FROM (SELECT gen_random_uuid() AS u FROM range(50))`)
    for (const [uuid, text, interval, nested, map] of rows) {
      assert.equal(uuid, text)
      assert.deepEqual(interval, { months: -1, days: 2, micros: -1n })
      assert.deepEqual(nested, [[[1, 2]], null])
      assert.deepEqual(map, new Map([[[1], ['2024-01-01']]]))
    }
  })
})

/** DuckDB writes 1 BC as '0001-01-01 (BC)'; logical-type.ts uses astronomical years (1 BC = 0000). */
function astronomical (text: string): string {
  if (!text.includes(' (BC)')) return text
  const body = text.replace(' (BC)', '')
  const dash = body.indexOf('-')
  const year = 1 - Number(body.slice(0, dash))
  const sign = year < 0 ? '-' : ''
  return `${sign}${String(Math.abs(year)).padStart(4, '0')}${body.slice(dash)}`
}

/** DuckDB's VARCHAR drops zero fractions; compare without them. */
function trimFraction (text: string): string {
  return text.replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m)).replace(/(\.\d*?)0+$/, '$1')
}

/** Checks a converted value against the representation table of core/logical-type.ts. */
function assertShape (type: LogicalType, value: unknown, where: string): void {
  if (value === null) return
  const fail = (): never => assert.fail(`${where}: ${String(value)} is not a ${formatType(type)} value`)
  switch (type.kind) {
    case 'boolean': if (typeof value !== 'boolean') fail(); return
    case 'tinyint': case 'smallint': case 'integer': if (!Number.isInteger(value)) fail(); return
    case 'bigint': if (typeof value !== 'bigint') fail(); return
    case 'real': case 'double': if (typeof value !== 'number') fail(); return
    case 'decimal': if (typeof value !== 'string' || !new RegExp(`^-?\\d+${type.scale > 0 ? `\\.\\d{${type.scale}}` : ''}$`).test(value)) fail(); return
    case 'varchar': case 'json': if (typeof value !== 'string') fail(); return
    case 'varbinary': if (Object.getPrototypeOf(value) !== Uint8Array.prototype) fail(); return
    case 'date': if (typeof value !== 'string' || !/^(-?\d{4,}-\d\d-\d\d|-?infinity)$/.test(value)) fail(); return
    case 'time': if (typeof value !== 'string' || !new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{${type.precision}}$`).test(value)) fail(); return
    case 'timeWithTimeZone': if (typeof value !== 'string' || !/^\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d(:\d\d)?$/.test(value)) fail(); return
    case 'timestamp': if (typeof value !== 'string' || !new RegExp(`^(-?\\d{4,}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d${type.precision > 0 ? `\\.\\d{${type.precision}}` : ''}|-?infinity)$`).test(value)) fail(); return
    case 'timestampWithTimeZone': if (typeof value !== 'string' || !/^(-?\d{4,}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} UTC|-?infinity)$/.test(value)) fail(); return
    case 'intervalDayToSecond': if (typeof value !== 'object' || typeof (value as { micros: unknown }).micros !== 'bigint') fail(); return
    case 'uuid': if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) fail(); return
    case 'array': if (!Array.isArray(value)) fail(); for (const item of value as unknown[]) assertShape(type.element, item, where); return
    case 'row': if (!Array.isArray(value) || value.length !== type.fields.length) fail(); type.fields.forEach((f, i) => assertShape(f.type, (value as unknown[])[i], where)); return
    case 'map': if (!(value instanceof Map)) fail(); for (const [k, v] of value as Map<unknown, unknown>) { assertShape(type.key, k, where); assertShape(type.value, v, where) } return
    default: fail()
  }
}
