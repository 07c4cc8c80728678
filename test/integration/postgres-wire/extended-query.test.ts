import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { serialize } from 'pg-protocol'
import postgres from 'postgres'
import { RawClient, startFrontend } from './frontend.ts'

async function rawSession (t: Parameters<typeof startFrontend>[0]): Promise<{ client: RawClient, connect: Awaited<ReturnType<typeof startFrontend>>['connect'] }> {
  const { port, connect } = await startFrontend(t)
  const client = await RawClient.connect(port)
  t.after(() => client.end())
  client.send(serialize.startup({ user: 'tester', database: 'qf' }))
  await client.until('readyForQuery')
  return { client, connect }
}

describe('extended query protocol', () => {
  test('Parse/Describe statement reports parameter types from Parse, casts, or text, and the row shape', async (t) => {
    const { client } = await rawSession(t)
    client.send(
      serialize.parse({ name: 's1', text: 'select $1::integer + 1 as n, $2 as s, $3 as d', types: [0, 0, 1082] }),
      serialize.describe({ type: 'S', name: 's1' }),
      serialize.sync(),
    )
    const messages = await client.until('readyForQuery')
    assert.deepEqual(messages.map((m) => m.name), ['parseComplete', 'parameterDescription', 'rowDescription', 'readyForQuery'])
    assert.deepEqual(messages[1]!.dataTypeIDs, [23, 25, 1082])
    const fields = messages[2]!.fields as Array<{ name: string, dataTypeID: number }>
    assert.deepEqual(fields.map((f) => f.name), ['n', 's', 'd'])
    assert.equal(fields[0]!.dataTypeID, 23)
  })

  test('Execute with a row limit suspends the portal and resumes it', async (t) => {
    const { client } = await rawSession(t)
    client.send(serialize.query('begin'))
    await client.until('readyForQuery')
    client.send(
      serialize.parse({ name: 'big', text: 'select * from generate_series(1, 10) as g(i)' }),
      serialize.bind({ statement: 'big', portal: 'p1' }),
      serialize.execute({ portal: 'p1', rows: 4 }),
      serialize.sync(),
    )
    const first = await client.until('readyForQuery')
    assert.deepEqual(first.map((m) => m.name), ['parseComplete', 'bindComplete', 'dataRow', 'dataRow', 'dataRow', 'dataRow', 'portalSuspended', 'readyForQuery'])
    client.send(serialize.execute({ portal: 'p1', rows: 4 }), serialize.execute({ portal: 'p1', rows: 4 }), serialize.sync())
    const rest = await client.until('readyForQuery')
    assert.deepEqual(rest.map((m) => m.name), ['dataRow', 'dataRow', 'dataRow', 'dataRow', 'portalSuspended', 'dataRow', 'dataRow', 'commandComplete', 'readyForQuery'])
    assert.deepEqual(rest.filter((m) => m.name === 'dataRow').map((m) => (m.fields as string[])[0]), ['5', '6', '7', '8', '9', '10'])
    client.send(serialize.query('commit'))
    await client.until('readyForQuery')
  })

  test('after an error every message up to Sync is skipped, then the session goes on', async (t) => {
    const { client } = await rawSession(t)
    client.send(
      serialize.parse({ text: 'select * from no_such_table' }),
      serialize.bind({}),
      serialize.execute({}),
      serialize.parse({ name: 'never', text: 'select 1' }),
      serialize.sync(),
    )
    const messages = await client.until('readyForQuery')
    // PostgreSQL parses lazily against the catalog at Bind/Execute; QueryFlux errors when the engine sees the query.
    assert.deepEqual(messages.filter((m) => m.name !== 'parseComplete' && m.name !== 'bindComplete').map((m) => m.name), ['error', 'readyForQuery'])
    assert.equal(messages.find((m) => m.name === 'error')!.code, '42P01')
    client.send(serialize.describe({ type: 'S', name: 'never' }), serialize.sync())
    const next = await client.until('readyForQuery')
    assert.equal(next.find((m) => m.name === 'error')?.code, '26000', 'the skipped Parse did not run')
  })

  test('named statements are reused across executions; unnamed portals close at Sync', async (t) => {
    const { connect } = await rawSession(t)
    const client = await connect()
    for (let i = 0; i < 5; i++) {
      const result = await client.query({ name: 'reuse', text: 'select $1::integer * 2 as doubled', values: [i] })
      assert.deepEqual(result.rows, [{ doubled: i * 2 }])
    }
  })

  test('a Bind with the wrong number of parameters is an error, not a disconnect', async (t) => {
    const { client } = await rawSession(t)
    client.send(serialize.parse({ text: 'select $1::integer as x' }), serialize.bind({ values: [] }), serialize.sync())
    const messages = await client.until('readyForQuery')
    assert.equal(messages.find((m) => m.name === 'error')?.code, '08P01')
    client.send(serialize.query('select 1'))
    assert.ok((await client.until('readyForQuery')).some((m) => m.name === 'dataRow'))
  })

  test('Close statement and portal answer CloseComplete even when nothing is open', async (t) => {
    const { client } = await rawSession(t)
    client.send(serialize.close({ type: 'S', name: 'nothing' }), serialize.close({ type: 'P', name: 'nothing' }), serialize.sync())
    const messages = await client.until('readyForQuery')
    assert.deepEqual(messages.map((m) => m.name), ['closeComplete', 'closeComplete', 'readyForQuery'])
  })

  test('Flush sends what is ready without Sync', async (t) => {
    const { client } = await rawSession(t)
    client.send(serialize.parse({ text: 'select 1 as one' }), serialize.bind({}), serialize.execute({}), serialize.flush())
    const messages = await client.until('commandComplete')
    assert.deepEqual(messages.map((m) => m.name), ['parseComplete', 'bindComplete', 'dataRow', 'commandComplete'])
    client.send(serialize.sync())
    await client.until('readyForQuery')
  })

  test('postgres.js prepares (Describe statement), then executes with its own type inference', async (t) => {
    const { connection, cleanup } = await startFrontend(t)
    const sql = postgres({ ...connection, max: 1 })
    cleanup(() => sql.end())
    const [row] = await sql`select ${41}::integer + 1 as n, ${'text'}::text as s, ${true}::boolean as b`
    assert.deepEqual({ ...row }, { n: 42, s: 'text', b: true })
    // The second run reuses the prepared statement.
    const [again] = await sql`select ${1}::integer + 1 as n, ${'x'}::text as s, ${false}::boolean as b`
    assert.deepEqual({ ...again }, { n: 2, s: 'x', b: false })
  })
})
