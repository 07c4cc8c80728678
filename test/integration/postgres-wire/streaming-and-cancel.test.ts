import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { serialize } from 'pg-protocol'
import postgres from 'postgres'
import { RawClient, startFrontend, waitRunning } from './frontend.ts'
import type { RunningFrontend } from './frontend.ts'

const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

/** Rows the engine has handed to QueryFlux so far for the query whose SQL contains `marker`. */
function rowsPulled (fe: RunningFrontend, marker: string): number {
  return fe.qf.service.list().find((q) => q.sql.includes(marker))?.rows ?? 0
}

/** Polls until `read` returns the same value three times in a row (bounded). */
async function settled (read: () => number): Promise<number> {
  let last = -1
  let same = 0
  for (let i = 0; i < 100 && same < 3; i++) {
    await sleep(150)
    const now = read()
    same = now === last ? same + 1 : 0
    last = now
  }
  return last
}

describe('streaming', () => {
  test('a paused client makes QueryFlux stop pulling rows; resumed, it gets every row', async (t) => {
    const fe = await startFrontend(t)
    const client = await RawClient.connect(fe.port)
    t.after(() => client.end())
    client.send(serialize.startup({ user: 'tester', database: 'qf' }))
    await client.until('readyForQuery')
    const total = 1_000_000
    const marker = 'backpressure_marker'
    let paused = false
    client.countOnly.add('dataRow')
    client.socket.on('data', () => {
      if (!paused) { paused = true; client.socket.pause() }
    })
    client.send(serialize.query(`select i, repeat('x', 200) as ${marker} from generate_series(1, ${total}) as g(i)`))
    // The engine may take a while to produce its first batch; then the count must stop growing.
    for (let i = 0; i < 600 && rowsPulled(fe, marker) === 0; i++) await sleep(100)
    const pulledWhilePaused = await settled(() => rowsPulled(fe, marker))
    assert.ok(pulledWhilePaused > 0, 'the query started')
    assert.ok(pulledWhilePaused < total / 5, `QueryFlux pulled ${pulledWhilePaused} of ${total} rows for a client that reads nothing`)
    const rss = process.memoryUsage().rss
    client.socket.resume()
    const messages = await client.until('readyForQuery', 120_000)
    assert.equal(client.counts.get('dataRow'), total)
    assert.equal(messages.find((m) => m.name === 'commandComplete')?.text, `SELECT ${total}`)
    assert.ok(rss < 2 * 1024 * 1024 * 1024, `rss ${rss}`)
  })

  test('rows of a slow engine reach the client before the query ends', async (t) => {
    const fe = await startFrontend(t)
    const sql = postgres({ ...fe.connection, max: 1 })
    fe.cleanup(() => sql.end())
    let first = -1
    let count = 0
    // cursor() pulls in batches: the first batch arrives while the engine still produces the rest.
    for await (const rows of sql`select i from generate_series(1, 200000) as g(i)`.cursor(1000)) {
      if (first < 0) first = rowsPulled(fe, 'generate_series(1, 200000)')
      count += rows.length
    }
    assert.equal(count, 200000)
    assert.ok(first < 200000, `first batch arrived after ${first} rows were pulled`)
  })
})

describe('cancel', () => {
  test('CancelRequest with the BackendKeyData stops the running query with 57014; the session goes on', async (t) => {
    const fe = await startFrontend(t)
    const client = await RawClient.connect(fe.port)
    t.after(() => client.end())
    client.send(serialize.startup({ user: 'tester', database: 'qf' }))
    const startup = await client.until('readyForQuery')
    const key = startup.find((m) => m.name === 'backendKeyData')!
    client.send(serialize.query('select count(*) from range(100000000000) as r(i) where i % 7 = 3'))
    await waitRunning(fe, 'range(100000000000)')
    // A wrong secret is ignored.
    const wrong = await RawClient.connect(fe.port)
    wrong.send(serialize.cancel(key.processID as number, (key.secretKey as number) ^ 1))
    await wrong.waitClosed()
    const canceller = await RawClient.connect(fe.port)
    canceller.send(serialize.cancel(key.processID as number, key.secretKey as number))
    await canceller.waitClosed()
    const messages = await client.until('readyForQuery', 30_000)
    const error = messages.find((m) => m.name === 'error')
    assert.equal(error?.code, '57014')
    client.send(serialize.query('select 1 as still_here'))
    assert.ok((await client.until('readyForQuery')).some((m) => m.name === 'dataRow'))
  })

  test('CancelRequest reaches a query that is streaming rows to a slow client', async (t) => {
    const fe = await startFrontend(t)
    const client = await RawClient.connect(fe.port)
    t.after(() => client.end())
    client.send(serialize.startup({ user: 'tester', database: 'qf' }))
    const startup = await client.until('readyForQuery')
    const key = startup.find((m) => m.name === 'backendKeyData')!
    client.countOnly.add('dataRow')
    client.socket.once('data', () => client.socket.pause())
    client.send(serialize.query("select i, repeat('y', 100) as streaming_cancel from generate_series(1, 5000000) as g(i)"))
    for (let i = 0; i < 600 && rowsPulled(fe, 'streaming_cancel') === 0; i++) await sleep(100)
    const canceller = await RawClient.connect(fe.port)
    canceller.send(serialize.cancel(key.processID as number, key.secretKey as number))
    await canceller.waitClosed()
    client.socket.resume()
    const messages = await client.until('readyForQuery', 60_000)
    const error = messages.find((m) => m.name === 'error')
    assert.equal(error?.code, '57014')
    assert.equal(error?.message, 'canceling statement due to user request')
    assert.ok((client.counts.get('dataRow') ?? 0) < 5_000_000)
  })

  test('postgres.js query.cancel() cancels through QueryFlux', async (t) => {
    const fe = await startFrontend(t)
    const sql = postgres({ ...fe.connection, max: 1 })
    fe.cleanup(() => sql.end())
    const query = sql`select count(*) from range(100000000000) as r(i) where i % 7 = 3`
    const outcome = query.then(() => 'finished', (e: Error & { code?: string }) => e.code)
    await waitRunning(fe, 'range(100000000000)')
    query.cancel()
    assert.equal(await outcome, '57014')
  })

  test('a CancelRequest between Describe and Execute of one request cancels its Execute; after ReadyForQuery it is forgotten', async (t) => {
    const fe = await startFrontend(t)
    const client = await RawClient.connect(fe.port)
    t.after(() => client.end())
    client.send(serialize.startup({ user: 'tester', database: 'qf' }))
    const key = (await client.until('readyForQuery')).find((m) => m.name === 'backendKeyData')!
    const cancel = async (): Promise<void> => {
      const canceller = await RawClient.connect(fe.port)
      canceller.send(serialize.cancel(key.processID as number, key.secretKey as number))
      await canceller.waitClosed()
    }
    // Describe runs a LIMIT 0 probe and ends; the cancel comes while no statement runs.
    client.send(Buffer.concat([serialize.parse({ text: 'select count(*) as gap_marker from range(100000000000) as r(i) where i % 7 = 3' }), serialize.describe({ type: 'S' }), serialize.flush()]))
    await client.until('rowDescription')
    await cancel()
    client.send(Buffer.concat([serialize.bind({}), serialize.execute({}), serialize.sync()]))
    const messages = await client.until('readyForQuery', 30_000)
    assert.equal(messages.find((m) => m.name === 'error')?.code, '57014')
    // A cancel while idle cancels nothing later.
    await cancel()
    client.send(serialize.query('select 7 as after_idle_cancel'))
    const next = await client.until('readyForQuery')
    assert.equal(next.find((m) => m.name === 'error'), undefined)
    assert.ok(next.some((m) => m.name === 'dataRow'))
  })

  test('a client that disconnects mid-query cancels it and frees its slot', async (t) => {
    const fe = await startFrontend(t)
    const client = await RawClient.connect(fe.port)
    client.send(serialize.startup({ user: 'tester', database: 'qf' }))
    await client.until('readyForQuery')
    client.send(serialize.query('select count(*) as disconnect_marker from range(100000000000) as r(i) where i % 7 = 3'))
    await waitRunning(fe, 'range(100000000000)')
    client.end()
    let info
    for (let i = 0; i < 200; i++) {
      info = fe.qf.service.list().find((q) => q.sql.includes('disconnect_marker'))
      if (info?.state === 'FAILED') break
      await sleep(50)
    }
    assert.equal(info?.state, 'FAILED')
    assert.equal(info?.error?.code, 'CANCELLED')
  })
})
