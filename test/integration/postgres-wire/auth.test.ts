import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import postgres from 'postgres'
import { makeCertificate, startFrontend } from './frontend.ts'

const auth = { users: [{ username: 'alice', password: 's3cret', groups: [] }] }
const isAuthFailure = (e: Error & { code?: string }): boolean => e.code === '28P01' && /password authentication failed for user "/.test(e.message)

describe('authentication', () => {
  for (const authMethod of ['scram-sha-256', 'md5', 'password'] as const) {
    test(`${authMethod}: the right password connects, a wrong one and an unknown user get 28P01`, async (t) => {
      const { connection, connect } = await startFrontend(t, { auth, config: { authMethod } })
      const client = await connect({ user: 'alice', password: 's3cret' })
      assert.deepEqual((await client.query('select current_user as u')).rows, [{ u: 'alice' }])
      for (const [user, password] of [['alice', 'wrong'], ['mallory', 's3cret']]) {
        const bad = new pg.Client({ ...connection, user, password })
        await assert.rejects(bad.connect(), isAuthFailure)
      }
    })
  }

  test('postgres.js logs in with SCRAM', async (t) => {
    const { connection, cleanup } = await startFrontend(t, { auth })
    const sql = postgres({ ...connection, user: 'alice', password: 's3cret', max: 1 })
    cleanup(() => sql.end())
    assert.deepEqual([...await sql`select 1 as one`], [{ one: 1 }])
  })

  test('without an auth section no password is asked', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect({ user: 'anyone' })
    assert.deepEqual((await client.query('select session_user as u')).rows, [{ u: 'anyone' }])
  })
})

describe('TLS', () => {
  test('SSLRequest is answered S and the connection upgrades; SCRAM runs over it', async (t) => {
    const tls = makeCertificate(t)
    const { connect } = await startFrontend(t, { auth, config: { tls } })
    const client = await connect({ user: 'alice', password: 's3cret', ssl: { ca: readFileSync(tls.certFile), rejectUnauthorized: false } })
    assert.deepEqual((await client.query('select 42 as x')).rows, [{ x: 42 }])
    // The socket under the client is a TLS socket.
    const stream = (client as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream
    assert.equal(stream.encrypted, true)
  })

  test('requireTls refuses a plain connection with 28000 and accepts TLS', async (t) => {
    const tls = makeCertificate(t)
    const { connection, connect } = await startFrontend(t, { config: { tls, requireTls: true } })
    const plain = new pg.Client(connection)
    await assert.rejects(plain.connect(), (e: Error & { code?: string }) => e.code === '28000' && /sslmode=require/.test(e.message))
    const secure = await connect({ ssl: { rejectUnauthorized: false } })
    assert.deepEqual((await secure.query('select 1 as x')).rows, [{ x: 1 }])
  })
})
