import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { T } from '../../core/logical-type.ts'
import { bindTrinoParameters, renderTrinoLiteral } from './parameters.ts'

describe('Trino parameters', () => {
  test('without parameters the SQL is sent as it is', () => {
    assert.equal(bindTrinoParameters('SELECT ?', undefined), 'SELECT ?')
    assert.equal(bindTrinoParameters('SELECT 1', []), 'SELECT 1')
  })

  test('with parameters the statement becomes EXECUTE IMMEDIATE with its quotes doubled', () => {
    assert.equal(bindTrinoParameters("SELECT ?, 'a''b'", [{ type: T.varchar, value: "x'); DROP TABLE t; --" }]),
      "EXECUTE IMMEDIATE 'SELECT ?, ''a''''b''' USING 'x''); DROP TABLE t; --'")
  })

  test('renders each type as a typed literal', () => {
    const cases: Array<[Parameters<typeof renderTrinoLiteral>[0], unknown, string]> = [
      [T.boolean, true, 'true'],
      [T.bigint, -9223372036854775808n, 'CAST(-9223372036854775808 AS bigint)'],
      [T.integer, 7, 'CAST(7 AS integer)'],
      [T.double, Number.NaN, "CAST('NaN' AS double)"],
      [T.real, 1.5, "CAST(DOUBLE '1.5' AS real)"],
      [T.decimal(5, 2), '-1.50', "DECIMAL '-1.50'"],
      [T.varcharN(3), 'abc', "CAST('abc' AS varchar(3))"],
      [T.varbinary, new Uint8Array([0, 255]), "X'00ff'"],
      [T.date, '2020-01-02', "DATE '2020-01-02'"],
      [T.timestampWithTimeZone(3), '2020-01-02 03:04:05.123 UTC', "CAST('2020-01-02 03:04:05.123 UTC' AS timestamp(3) with time zone)"],
      [T.intervalDayToSecond, { months: 0, days: -1, micros: -7_384_500_000n }, "-INTERVAL '1 02:03:04.500' DAY TO SECOND"],
      [T.intervalYearToMonth, { months: 14, days: 0, micros: 0n }, "INTERVAL '1-2' YEAR TO MONTH"],
      [T.json, '{"a":1}', `JSON '{"a":1}'`],
      [T.array(T.varchar), ['a', null], "ARRAY['a', CAST(NULL AS varchar)]"],
      [T.map(T.integer, T.varchar), new Map([[1, 'x']]), "CAST(MAP(ARRAY[CAST(1 AS integer)], ARRAY['x']) AS map(integer, varchar))"],
      [T.row([{ name: 'a', type: T.integer }]), [1], 'CAST(ROW(CAST(1 AS integer)) AS row(a integer))'],
      [T.integer, null, 'CAST(NULL AS integer)'],
    ]
    for (const [type, value, expected] of cases) assert.equal(renderTrinoLiteral(type, value), expected)
  })

  test('refuses values that are not of the declared numeric type', () => {
    assert.throws(() => renderTrinoLiteral(T.integer, '1; DROP TABLE t'), { code: 'BAD_REQUEST' })
    assert.throws(() => renderTrinoLiteral(T.decimal(5, 2), "1' OR '1"), { code: 'BAD_REQUEST' })
  })
})
