/**
 * Every LogicalType DuckDB produces, as the frontend writes it on the wire: the exact JSON text
 * of the data (bigint digits beyond 2^53, Java-style doubles, decimals as strings, base64
 * varbinary, Trino's temporal and interval text, nested arrays, maps and rows) and the column
 * types with their typeSignatures.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { run, startTrinoFrontend } from './start-frontend.ts'

const COLUMNS: Array<[string, string, string]> = [
  // [Trino SQL, expected column type, expected JSON of the value]
  ['true', 'boolean', 'true'],
  ['CAST(1 AS TINYINT)', 'tinyint', '1'],
  ['CAST(2 AS SMALLINT)', 'smallint', '2'],
  ['3', 'integer', '3'],
  ['CAST(9007199254740993 AS BIGINT)', 'bigint', '9007199254740993'],
  ['CAST(-9223372036854775808 AS BIGINT)', 'bigint', '-9223372036854775808'],
  ['CAST(1.5 AS REAL)', 'real', '1.5'],
  ['CAST(2 AS DOUBLE)', 'double', '2.0'],
  ['CAST(12345678.9 AS DOUBLE)', 'double', '1.23456789E7'],
  [`CAST('NaN' AS DOUBLE)`, 'double', '"NaN"'],
  [`CAST('-Infinity' AS DOUBLE)`, 'double', '"-Infinity"'],
  [`CAST('123.45' AS DECIMAL(10,2))`, 'decimal(10,2)', '"123.45"'],
  [`CAST('12345678901234567890.123456789' AS DECIMAL(38,9))`, 'decimal(38,9)', '"12345678901234567890.123456789"'],
  [`'héllo "q"'`, 'varchar', '"héllo \\"q\\""'],
  [`from_hex('00ff10')`, 'varbinary', '"AP8Q"'],
  [`DATE '2020-01-02'`, 'date', '"2020-01-02"'],
  [`TIME '01:02:03.456'`, 'time(6)', '"01:02:03.456000"'],
  [`TIMESTAMP '2020-01-02 03:04:05.123456'`, 'timestamp(6)', '"2020-01-02 03:04:05.123456"'],
  [`TIMESTAMP '2020-01-02 03:04:05.123 UTC'`, 'timestamp(6) with time zone', '"2020-01-02 03:04:05.123000 UTC"'],
  [`INTERVAL '2' DAY + INTERVAL '3' HOUR`, 'interval day to second', '"2 03:00:00.000"'],
  [`JSON '{"a":1}'`, 'json', '"{\\"a\\":1}"'],
  [`UUID '12345678-1234-1234-1234-1234567890ab'`, 'uuid', '"12345678-1234-1234-1234-1234567890ab"'],
  ['ARRAY[CAST(1 AS BIGINT), NULL]', 'array(bigint)', '[1,null]'],
  [`MAP(ARRAY['a', 'b'], ARRAY[1.5E0, 2.0E0])`, 'map(varchar, double)', '{"a":1.5,"b":2.0}'],
  [`CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR))`, 'row(x integer, y varchar)', '[1,"a"]'],
  [`ARRAY[MAP(ARRAY[1], ARRAY[ARRAY['x']])]`, 'array(map(integer, array(varchar)))', '[{"1":["x"]}]'],
]

test('each type is written as a Trino coordinator writes it', async () => {
  await using trino = await startTrinoFrontend()
  const sql = `SELECT ${COLUMNS.map(([expr], i) => `${expr} AS c${i}`).join(', ')}`
  const { pages, last } = await run(trino.url, sql)
  assert.equal(last.json.error, undefined, last.json.error?.message)
  const page = pages.find((p) => p.json.data !== undefined)!
  const types = (page.json.columns as Array<{ type: string }>).map((c) => c.type)
  assert.deepEqual(types, COLUMNS.map(([, type]) => type))
  const data = /"data":\[\[(.*)\]\],"stats"/.exec(page.text)?.[1]
  assert.equal(data, COLUMNS.map(([, , json]) => json).join(','))
})

test('NULL of every type is JSON null', async () => {
  await using trino = await startTrinoFrontend()
  const { rows } = await run(trino.url, `SELECT ${COLUMNS.map(([expr], i) => `CASE WHEN false THEN ${expr} END AS c${i}`).join(', ')}`)
  assert.deepEqual(rows, [COLUMNS.map(() => null)])
})

test('typeSignatures carry precision, length and nested types', async () => {
  await using trino = await startTrinoFrontend()
  const { pages } = await run(trino.url, `SELECT CAST('1' AS DECIMAL(10,2)) AS d, TIMESTAMP '2020-01-02 03:04:05.123 UTC' AS t, CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)) AS r`)
  const columns = pages.find((p) => p.json.columns !== undefined)!.json.columns as Array<{ typeSignature: unknown }>
  assert.deepEqual(columns.map((c) => c.typeSignature), [
    { rawType: 'decimal', arguments: [{ kind: 'LONG', value: 10 }, { kind: 'LONG', value: 2 }] },
    { rawType: 'timestamp with time zone', arguments: [{ kind: 'LONG', value: 6 }] },
    {
      rawType: 'row',
      arguments: [
        { kind: 'NAMED_TYPE', value: { fieldName: { name: 'x' }, typeSignature: { rawType: 'integer', arguments: [] } } },
        { kind: 'NAMED_TYPE', value: { fieldName: { name: 'y' }, typeSignature: { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 2147483647 }] } } },
      ],
    },
  ])
})
