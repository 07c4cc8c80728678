import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { serialize } from 'pg-protocol'
import { RawClient, startFrontend } from './frontend.ts'

function startupPacket (parameters: Record<string, string>, minor = 0): Buffer {
  const body = Buffer.concat([...Object.entries(parameters).flatMap(([k, v]) => [Buffer.from(`${k}\0`), Buffer.from(`${v}\0`)]), Buffer.from([0])])
  const header = Buffer.alloc(8)
  header.writeInt32BE(body.length + 8)
  header.writeInt32BE((3 << 16) | minor, 4)
  return Buffer.concat([header, body])
}

describe('startup', () => {
  test('reports the startup parameters drivers read, then BackendKeyData and ReadyForQuery', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startupPacket({ user: 'tester', database: 'qf', application_name: 'startup-test' }))
    const messages = await client.until('readyForQuery')
    const status = Object.fromEntries(messages.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue]))
    for (const name of ['server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'IntervalStyle', 'integer_datetimes', 'standard_conforming_strings', 'TimeZone', 'application_name', 'is_superuser', 'session_authorization']) {
      assert.ok(name in status, `ParameterStatus ${name}`)
    }
    assert.match(String(status.server_version), /^15\.0/)
    assert.equal(status.application_name, 'startup-test')
    assert.equal(status.client_encoding, 'UTF8')
    assert.equal(status.session_authorization, 'tester')
    assert.ok(messages.some((m) => m.name === 'backendKeyData'))
    assert.equal(messages.at(-1)!.status, 'I')
  })

  test('answers SSLRequest and GSSENCRequest with N when TLS is off, then starts normally', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    const gss = Buffer.alloc(8)
    gss.writeInt32BE(8)
    gss.writeInt32BE(80877104, 4)
    const answers: number[] = []
    client.socket.removeAllListeners('data')
    await new Promise<void>((resolve) => {
      client.socket.on('data', (chunk) => { answers.push(...chunk); if (answers.length === 2) resolve() })
      client.send(gss)
      client.socket.once('data', () => client.send(serialize.requestSsl()))
    })
    assert.deepEqual(answers, [0x4e, 0x4e])
  })

  test('sends NegotiateProtocolVersion for protocol 3.2 and unknown _pq_ options, then completes startup', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startupPacket({ user: 'tester', database: 'qf', '_pq_.future_option': 'on' }, 2))
    const raw: Buffer[] = []
    client.socket.prependListener('data', (chunk: Buffer) => raw.push(chunk))
    await client.until('readyForQuery')
    const bytes = Buffer.concat(raw)
    assert.equal(bytes[0], 0x76, 'NegotiateProtocolVersion comes first')
    assert.equal(bytes.readInt32BE(5), 196608, 'newest minor version QueryFlux speaks: 3.0')
    assert.equal(bytes.readInt32BE(9), 1)
    assert.equal(bytes.subarray(13, 13 + '_pq_.future_option'.length).toString(), '_pq_.future_option')
  })

  test('a startup packet without a user gets FATAL 28000', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startupPacket({ database: 'qf' }))
    const [error] = await client.until('error')
    assert.equal(error!.code, '28000')
    assert.equal(error!.severity, 'FATAL')
    await client.waitClosed()
    assert.ok(client.closed)
  })

  test('a malformed message ends that connection with 08P01; other connections go on', async (t) => {
    const { port, connect } = await startFrontend(t)
    const good = await connect()
    const bad = await RawClient.connect(port)
    t.after(() => bad.end())
    bad.send(startupPacket({ user: 'tester' }))
    await bad.until('readyForQuery')
    // A Bind whose parameter length runs past the end of the message.
    bad.send(Buffer.from([0x42, 0, 0, 0, 14, 0, 0, 0, 0, 0, 1, 0, 0, 0, 99]))
    const [error] = await bad.until('error')
    assert.equal(error!.code, '08P01')
    assert.equal(error!.severity, 'FATAL')
    await bad.waitClosed()
    assert.ok(bad.closed)
    assert.deepEqual((await good.query('select 1 as x')).rows, [{ x: 1 }])
  })

  test('an oversized message is refused from its length header with 08P01', async (t) => {
    const { port } = await startFrontend(t, { config: { maxMessageBytes: 1024 } })
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startupPacket({ user: 'tester' }))
    await client.until('readyForQuery')
    client.send(serialize.query(`select '${'x'.repeat(2000)}'`))
    const [error] = await client.until('error')
    assert.equal(error!.code, '08P01')
    assert.match(String(error!.message), /maxMessageBytes/)
    await client.waitClosed()
  })

  test('garbage instead of a startup packet closes the connection with FATAL', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))
    await client.waitClosed()
    assert.ok(client.closed)
  })

  test('refuses connections over maxConnections with 53300', async (t) => {
    const { connection } = await startFrontend(t, { config: { maxConnections: 1 } })
    const first = new pg.Client(connection)
    await first.connect()
    const second = new pg.Client(connection)
    await assert.rejects(second.connect(), (e: Error & { code?: string }) => e.code === '53300')
    await first.end()
    const third = new pg.Client(connection)
    await third.connect()
    await third.end()
  })

  test('closes a connection idle for idleTimeoutMs with 57P05', async (t) => {
    const { port } = await startFrontend(t, { config: { idleTimeoutMs: 200 } })
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startupPacket({ user: 'tester' }))
    await client.until('readyForQuery')
    const [error] = await client.until('error')
    assert.equal(error!.code, '57P05')
    await client.waitClosed()
    assert.ok(client.closed)
  })

  test('applies -c settings from the options startup parameter', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect({ options: '-c TimeZone=Europe/Berlin -c queryflux.client_tags=a,b' })
    assert.deepEqual((await client.query('show timezone')).rows, [{ TimeZone: 'Europe/Berlin' }])
    assert.deepEqual((await client.query("select current_setting('queryflux.client_tags') as tags")).rows, [{ tags: 'a,b' }])
  })
})
