/**
 * postgres.js (`postgres` from npm) against the PostgreSQL frontend. postgres.js prepares every
 * query (Parse + Describe statement) and serialises parameters by the types QueryFlux
 * describes, fetches array types from pg_type on connect, and reads cursors with Execute row
 * limits, so it exercises statement description, the catalog emulation and PortalSuspended.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import postgres from 'postgres'
import { startFrontend, waitRunning } from '../../integration/postgres-wire/frontend.ts'


async function open (t: Parameters<typeof startFrontend>[0], options: postgres.Options<Record<string, postgres.PostgresType>> = {}): Promise<{ sql: postgres.Sql, fe: Awaited<ReturnType<typeof startFrontend>> }> {
  const fe = await startFrontend(t)
  const sql = postgres({ ...fe.connection, max: 1, ...options })
  fe.cleanup(() => sql.end({ timeout: 1 }))
  return { sql, fe }
}

describe('postgres.js', () => {
  test('typed parameters and results, with array types fetched from pg_type', async (t) => {
    const { sql } = await open(t)
    // postgres.js learns array types from pg_type when it connects; a query built before that serialises arrays as plain text.
    await sql`select 1`
    const when = new Date('2024-07-01T12:00:00.123Z')
    const [row] = await sql`select ${7}::int2 as a, ${2147483647}::int4 as b, ${'9007199254740993'}::int8 as c, ${1.5}::float8 as d,
      ${'12345.678'}::numeric(10,3) as e, ${true}::boolean as f, ${'héllo'}::text as g, ${Buffer.from([0, 255])}::bytea as h,
      ${when}::timestamptz as i, ${'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'}::uuid as j, ${sql.json({ k: [1] })}::json as k,
      ${sql.array([1, 2, 3])}::int4[] as l, ${sql.array(['x', 'y z'])}::text[] as m`
    assert.deepEqual({ ...row, h: [...(row!.h as Buffer)], i: (row!.i as Date).toISOString() }, {
      a: 7, b: 2147483647, c: '9007199254740993', d: 1.5, e: '12345.678', f: true, g: 'héllo', h: [0, 255],
      i: when.toISOString(), j: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', k: { k: [1] }, l: [1, 2, 3], m: ['x', 'y z'],
    })
  })

  test('a prepared statement is described once and reused with new parameters', async (t) => {
    const { sql } = await open(t)
    for (let i = 0; i < 5; i++) {
      const [row] = await sql`select ${i}::int4 * 3 as v`
      assert.equal(row!.v, i * 3)
    }
  })

  test('cursor() reads a result in row-limited Execute steps (PortalSuspended)', async (t) => {
    const { sql } = await open(t)
    let batches = 0
    let sum = 0
    for await (const rows of sql`select i from generate_series(1, 1000) as g(i)`.cursor(100)) {
      batches++
      for (const r of rows) sum += Number(r.i)
    }
    assert.equal(batches, 10)
    assert.equal(sum, 500500)
  })

  test('errors carry SQLSTATE; cancel() stops a running query with 57014', async (t) => {
    const { sql, fe } = await open(t)
    await assert.rejects(sql`select * from no_such_table`, (e: Error & { code?: string }) => e.code === '42P01')
    const query = sql`select count(*) from range(100000000000) as r(i) where i % 7 = 3`
    const outcome = query.then(() => 'finished', (e: Error & { code?: string }) => e.code)
    await waitRunning(fe, 'range(100000000000)')
    query.cancel()
    assert.equal(await outcome, '57014')
  })

  test('simple protocol (unsafe) runs several statements', async (t) => {
    const { sql } = await open(t)
    const results = await sql.unsafe('create table pj(id integer); insert into pj values (1), (2); select count(*) as n from pj').simple()
    assert.equal(String((results as unknown as Array<Array<{ n: unknown }>>).at(-1)![0]!.n), '2')
  })
})
