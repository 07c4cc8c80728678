import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { T } from '../../core/logical-type.ts'
import { parseLiteralList } from './literal-parser.ts'
import { TokenCursor } from './sql-scanner.ts'

const parse = (text: string): ReturnType<typeof parseLiteralList> => parseLiteralList(new TokenCursor(text))
const one = (text: string): ReturnType<typeof parseLiteralList>[number] => parse(text)[0]!

test('numbers are typed as Trino types them', () => {
  assert.deepEqual(one('42'), { type: T.integer, value: 42 })
  assert.deepEqual(one('-2147483648'), { type: T.integer, value: -2147483648 })
  assert.deepEqual(one('2147483648'), { type: T.bigint, value: 2147483648n })
  assert.deepEqual(one('9007199254740993'), { type: T.bigint, value: 9007199254740993n })
  assert.deepEqual(one('-9223372036854775808'), { type: T.bigint, value: -9223372036854775808n })
  assert.deepEqual(one('9223372036854775808'), { type: T.decimal(19, 0), value: '9223372036854775808' })
  assert.deepEqual(one('1.50'), { type: T.decimal(3, 2), value: '1.50' })
  assert.deepEqual(one('-0.5'), { type: T.decimal(1, 1), value: '-0.5' })
  assert.deepEqual(one('1e3'), { type: T.double, value: 1000 })
})

test('what the Python client sends for each Python type', () => {
  const params = parse(`NULL, true, false, 'it''s', X'00ff', DOUBLE '1.5', nan(), infinity(), -infinity(), ` +
    `TIMESTAMP '2020-01-02 03:04:05.123456', TIMESTAMP '2020-01-02 03:04:05.123456 UTC', TIMESTAMP '2020-01-02 03:04:05.000000 UTC+01:00', ` +
    `TIMESTAMP '2020-01-02 03:04:05.000000 Europe/Berlin', TIME '01:02:03.000000', TIME '01:02:03.500000 -05:30', DATE '2020-01-02', ` +
    `ARRAY[1,2,NULL], ROW(1,'a'), MAP(ARRAY['a','b'], ARRAY[1,2]), UUID '12345678-1234-1234-1234-1234567890AB', DECIMAL '12.340'`)
  assert.deepEqual(params.map((p) => p.type), [
    T.unknown, T.boolean, T.boolean, T.varchar, T.varbinary, T.double, T.double, T.double, T.double,
    T.timestamp(6), T.timestampWithTimeZone(6), T.timestampWithTimeZone(6), T.timestampWithTimeZone(6), T.time(6), T.timeWithTimeZone(6), T.date,
    T.array(T.integer), T.row([{ type: T.integer }, { type: T.varchar }]), T.map(T.varchar, T.integer), T.uuid, T.decimal(5, 3),
  ])
  const values = params.map((p) => p.value)
  assert.equal(values[0], null)
  assert.equal(values[3], "it's")
  assert.deepEqual(values[4], new Uint8Array([0, 255]))
  assert.ok(Number.isNaN(values[6]))
  assert.equal(values[7], Infinity)
  assert.equal(values[8], -Infinity)
  assert.equal(values[9], '2020-01-02 03:04:05.123456')
  assert.equal(values[10], '2020-01-02 03:04:05.123456 UTC')
  assert.equal(values[11], '2020-01-02 03:04:05.000000 +01:00')
  assert.equal(values[12], '2020-01-02 03:04:05.000000 Europe/Berlin')
  assert.equal(values[14], '01:02:03.500000-05:30')
  assert.deepEqual(values[16], [1, 2, null])
  assert.deepEqual(values[17], [1, 'a'])
  assert.deepEqual(values[18], new Map([['a', 1], ['b', 2]]))
  assert.equal(values[19], '12345678-1234-1234-1234-1234567890ab')
  assert.equal(values[20], '12.340')
})

test('what JDBC sends: typed literals and CAST(NULL AS type)', () => {
  assert.deepEqual(one(`BIGINT '9223372036854775807'`), { type: T.bigint, value: 9223372036854775807n })
  assert.deepEqual(one(`SMALLINT '-5'`), { type: T.smallint, value: -5 })
  assert.deepEqual(one(`REAL '1.25'`), { type: T.real, value: 1.25 })
  assert.deepEqual(one('CAST(NULL AS varchar)'), { type: T.varchar, value: null })
  assert.deepEqual(one(`CAST('2.5' AS decimal(10,2))`), { type: T.decimal(10, 2), value: '2.50' })
  assert.deepEqual(one('CAST(1 AS bigint)'), { type: T.bigint, value: 1n })
  assert.deepEqual(one(`CAST('2020-01-02 03:04:05' AS timestamp(3))`), { type: T.timestamp(3), value: '2020-01-02 03:04:05' })
})

test('array elements widen to one type', () => {
  assert.deepEqual(one('ARRAY[1, 3000000000]'), { type: T.array(T.bigint), value: [1n, 3000000000n] })
  assert.deepEqual(one('ARRAY[1, 2.5]'), { type: T.array(T.decimal(20, 1)), value: ['1.0', '2.5'] })
  assert.deepEqual(one('ARRAY[]'), { type: T.array(T.unknown), value: [] })
  assert.throws(() => one(`ARRAY[1, 'a']`), /one type/)
})

test('malformed lists are BAD_REQUEST errors that say where', () => {
  for (const text of ['1,', `'abc`, `DATE 'yesterday'`, `X'0'`, '1 2', 'INTERVAL \'1\' DAY', `TIMESTAMP '2020-01-01 25'`]) {
    assert.throws(() => parse(text), (error: Error & { code?: string }) => error.code === 'BAD_REQUEST', text)
  }
})

test('strings, integers and decimals read back exactly (property)', () => {
  fc.assert(fc.property(fc.string(), (text) => {
    assert.equal(one(`'${text.replaceAll("'", "''")}'`).value, text)
  }))
  fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
    const { value } = one(n.toString())
    assert.equal(BigInt(value as number | bigint), n)
  }))
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 1, max: 10 }), (n, scale) => {
    const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0')
    const text = `${n < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
    const { type, value } = one(`DECIMAL '${text}'`)
    assert.equal(type.kind, 'decimal')
    assert.equal(value, /^-?[0.]+$/.test(text) ? text.replace('-', '') : text)
  }))
})

test('any text either parses or fails with BAD_REQUEST (property)', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('1', "'", 'X', '[', ']', '(', ')', ',', '-', 'ARRAY', 'MAP', 'CAST', ' AS ', 'DATE', 'NULL', '.', 'e', ' ') }), (text) => {
    try {
      parse(text)
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'BAD_REQUEST', `${text}: ${(error as Error).message}`)
    }
  }), { numRuns: 3000 })
})
