/**
 * node-postgres (`pg` from npm) against the PostgreSQL frontend: every supported type as a
 * text parameter and as a text or binary result, named prepared statements reused, SQLSTATEs,
 * cancel through a CancelRequest, and a pool of clients under concurrent load.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { startFrontend, waitRunning } from '../../integration/postgres-wire/frontend.ts'

describe('node-postgres', () => {
  test('every supported type round-trips as a text parameter and a text result', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    const cases: Array<[string, unknown, unknown]> = [
      ['int2', 7, 7],
      ['int4', -2147483648, -2147483648],
      ['int8', '9007199254740993', '9007199254740993'],
      ['float4', 1.5, 1.5],
      ['float8', -2.25e100, -2.25e100],
      ['numeric(10,3)', '12345.678', '12345.678'],
      ['boolean', true, true],
      ['text', 'héllo \'w\' "x"', 'héllo \'w\' "x"'],
      ['varchar', 'v', 'v'],
      ['bytea', Buffer.from([0, 1, 255]), Buffer.from([0, 1, 255])],
      ['time', '12:34:56.789', '12:34:56.789'],
      ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
      ['json', { a: [1, 2] }, { a: [1, 2] }],
      ['jsonb', { b: null }, { b: null }],
      ['integer[]', [1, null, 3], [1, null, 3]],
      ['text[]', ['a,b', 'c', 'NULL'], ['a,b', 'c', 'NULL']],
    ]
    for (const [cast, value, expected] of cases) {
      const { rows } = await client.query(`select $1::${cast} as v`, [value])
      assert.deepEqual(rows[0].v, expected, cast)
    }
    const when = new Date('2024-07-01T12:00:00.123Z')
    assert.equal(((await client.query('select $1::timestamptz as v', [when])).rows[0].v as Date).getTime(), when.getTime())
    const date = (await client.query('select $1::date as v', ['2024-02-29'])).rows[0].v as Date
    assert.deepEqual([date.getFullYear(), date.getMonth(), date.getDate()], [2024, 1, 29])
    const interval = (await client.query('select $1::interval as v', ['1 day 02:03:04'])).rows[0].v as Record<string, number>
    assert.deepEqual({ days: interval.days, hours: interval.hours, minutes: interval.minutes, seconds: interval.seconds }, { days: 1, hours: 2, minutes: 3, seconds: 4 })
    assert.deepEqual((await client.query('select $1::int4 as v', [null])).rows[0].v, null)
  })

  test('a Buffer bound without a cast arrives as bytes', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await client.query('create table blobs(b bytea)')
    await client.query('insert into blobs values ($1)', [Buffer.from([0, 1, 254, 255])])
    assert.deepEqual((await client.query('select b from blobs')).rows, [{ b: Buffer.from([0, 1, 254, 255]) }])
  })

  test('binary results decode like text results', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    const sql = "select 7::int2 as a, 2147483647::int4 as b, 9007199254740993::int8 as c, 1.5::float4 as d, -2.5::float8 as e, 12345.678::numeric(10,3) as f, true as g, 'txt'::text as h, timestamptz '2024-07-01 12:00:00.5+00' as i, array[1,2]::int4[] as j"
    const text = await client.query(sql)
    // `binary` is a query config option of pg that @types/pg does not declare.
    const binary = await client.query({ text: sql, binary: true } as pg.QueryConfig)
    assert.equal(binary.fields.length, 10)
    const normalise = (row: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(row, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v)))
    const b = normalise(binary.rows[0]) as Record<string, unknown>
    const x = normalise(text.rows[0]) as Record<string, unknown>
    for (const key of Object.keys(x)) assert.equal(String(b[key]), String(x[key]), key)
  })

  test('named prepared statements are parsed once and reused', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await client.query('create table np(id integer, name varchar)')
    for (let i = 0; i < 5; i++) await client.query({ name: 'ins', text: 'insert into np values ($1, $2)', values: [i, `n${i}`] })
    for (let i = 0; i < 5; i++) {
      const { rows } = await client.query({ name: 'sel', text: 'select name from np where id = $1', values: [i] })
      assert.deepEqual(rows, [{ name: `n${i}` }])
    }
  })

  test('errors carry SQLSTATE, position and the query id; the connection stays usable', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await assert.rejects(client.query('select * from no_such_table'), (e: Error & { code?: string, where?: string }) => e.code === '42P01' && /QueryFlux query \d{8}_\d{6}_\d{5}_\w{5}/.test(e.where ?? ''))
    await assert.rejects(client.query('selec 1'), (e: Error & { code?: string }) => e.code === '42601')
    await assert.rejects(client.query('select $1::int4 as v', ['x1']), (e: Error & { code?: string }) => e.code === '22P02')
    assert.deepEqual((await client.query('select 1 as ok')).rows, [{ ok: 1 }])
  })

  test('cancel sends a CancelRequest that stops the running query with 57014', async (t) => {
    const fe = await startFrontend(t)
    const client = await fe.connect()
    const query = client.query('select count(*) from range(100000000000) as r(i) where i % 7 = 3')
    const outcome = query.then(() => 'finished', (e: Error & { code?: string }) => e.code)
    await waitRunning(fe, 'range(100000000000)')
    const canceller = new pg.Client(fe.connection) as pg.Client & { cancel (client: pg.Client, query: unknown): void }
    canceller.cancel(client, (client as unknown as { activeQuery: unknown }).activeQuery)
    assert.equal(await outcome, '57014')
    assert.deepEqual((await client.query('select 2 as ok')).rows, [{ ok: 2 }])
  })

  test('a pool of ten clients runs many queries at once', async (t) => {
    const fe = await startFrontend(t)
    const pool = new pg.Pool({ ...fe.connection, max: 10 })
    pool.on('error', () => {})
    fe.cleanup(() => pool.end())
    const results = await Promise.all(Array.from({ length: 200 }, async (_v, i) => (await pool.query('select $1::int4 * 2 as v', [i])).rows[0].v as number))
    assert.deepEqual(results, Array.from({ length: 200 }, (_v, i) => i * 2))
  })
})
