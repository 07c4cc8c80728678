import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import { Parser } from 'pg-protocol/dist/parser.js'
import { serialize } from 'pg-protocol'
import { createAuthFlow } from './auth-flow.ts'
import { CredentialStore, deriveScramVerifier } from './credentials.ts'
import { md5Response } from './md5.ts'
import { bcryptHash, verifyBcrypt } from './bcrypt.ts'
import { Writer } from '../codec/writer.ts'
import { isQueryFluxError } from '../../../core/errors.ts'

// node-postgres's own client side of SCRAM, so the server is tested against a real client.
interface SaslSession { response: string, message: string }
interface PgSasl {
  startSession (mechanisms: string[], stream?: unknown): SaslSession
  continueSession (session: SaslSession, password: string, serverData: string, stream?: unknown): Promise<void>
  finalizeSession (session: SaslSession, serverData: string): void
}
const sasl = createRequire(import.meta.url)('pg/lib/crypto/sasl.js') as PgSasl

/** What the server wrote, parsed with pg-protocol. */
function read (w: Writer): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  new Parser().parse(w.take(), (m) => out.push(m as unknown as Record<string, unknown>))
  return out
}

/** The body of a 'p' message as pg-protocol serializes it. */
function body (message: Buffer): Uint8Array {
  return message.subarray(5)
}

async function scramLogin (store: CredentialStore, user: string, password: string, method: 'scram-sha-256' | 'md5' | 'password' = 'scram-sha-256'): Promise<void> {
  const flow = createAuthFlow(user, method, store)
  const w = new Writer()
  flow.begin(w)
  const [request] = read(w)
  assert.equal(request!.name, 'authenticationSASL')
  const session = sasl.startSession(request!.mechanisms as string[])
  assert.equal(await flow.next(body(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', session.response)), w), false)
  const [cont] = read(w)
  await sasl.continueSession(session, password, cont!.data as string)
  assert.equal(await flow.next(body(serialize.sendSCRAMClientFinalMessage(session.response)), w), true)
  const [final] = read(w)
  sasl.finalizeSession(session, final!.data as string)
}

const isAuthFailed = (e: unknown): boolean => isQueryFluxError(e) && e.code === 'AUTH_FAILED' && /password authentication failed for user/.test(e.message)

describe('SCRAM-SHA-256', () => {
  test('a plain configured password logs in and the server proves itself to pg', async () => {
    const store = new CredentialStore({ users: [{ username: 'alice', password: 's3cret', groups: [] }] })
    await scramLogin(store, 'alice', 's3cret')
    // A second login reuses the derived verifier.
    await scramLogin(store, 'alice', 's3cret')
  })

  test('a stored SCRAM verifier (pg_authid form) logs in', async () => {
    const v = await deriveScramVerifier('pw', randomBytes(16), 4096)
    const stored = `SCRAM-SHA-256$4096:${v.salt.toString('base64')}$${v.storedKey.toString('base64')}:${v.serverKey.toString('base64')}`
    const store = new CredentialStore({ users: [{ username: 'bob', password: stored, groups: [] }] })
    await scramLogin(store, 'bob', 'pw')
    // md5 cannot use a verifier: the user gets SCRAM instead.
    await scramLogin(store, 'bob', 'pw', 'md5')
  })

  test('a wrong password and an unknown user fail the same way', async () => {
    const store = new CredentialStore({ users: [{ username: 'alice', password: 's3cret', groups: [] }] })
    await assert.rejects(scramLogin(store, 'alice', 'wrong'), isAuthFailed)
    await assert.rejects(scramLogin(store, 'mallory', 's3cret'), isAuthFailed)
  })

  test('a client that requires channel binding is refused', async () => {
    const store = new CredentialStore({ users: [{ username: 'alice', password: 's3cret', groups: [] }] })
    const flow = createAuthFlow('alice', 'scram-sha-256', store)
    flow.begin(new Writer())
    const msg = serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', 'p=tls-server-end-point,,n=*,r=abc')
    await assert.rejects(flow.next(body(msg), new Writer()), isAuthFailed)
  })
})

describe('md5 and cleartext', () => {
  test('md5 accepts the right digest and rejects a wrong one', async () => {
    const store = new CredentialStore({ users: [{ username: 'carol', password: 'pw', groups: [] }] })
    for (const [password, ok] of [['pw', true], ['nope', false]] as const) {
      const flow = createAuthFlow('carol', 'md5', store)
      const w = new Writer()
      flow.begin(w)
      const [request] = read(w)
      assert.equal(request!.name, 'authenticationMD5Password')
      const answer = serialize.password(md5Response('carol', password, request!.salt as Buffer))
      if (ok) assert.equal(await flow.next(body(answer), w), true)
      else await assert.rejects(flow.next(body(answer), w), isAuthFailed)
    }
  })

  test('cleartext checks plain, SCRAM-verifier and bcrypt passwords', async () => {
    const v = await deriveScramVerifier('v-pw', randomBytes(16), 4096)
    const store = new CredentialStore({
      users: [
        { username: 'plain', password: 'p-pw', groups: [] },
        { username: 'scram', password: `SCRAM-SHA-256$4096:${v.salt.toString('base64')}$${v.storedKey.toString('base64')}:${v.serverKey.toString('base64')}`, groups: [] },
        { username: 'bcrypt', password: bcryptHash('b-pw', '$2b$04$abcdefghijklmnopqrstuu')!, groups: [] },
      ],
    })
    for (const [user, password] of [['plain', 'p-pw'], ['scram', 'v-pw'], ['bcrypt', 'b-pw']] as const) {
      const flow = createAuthFlow(user, 'password', store)
      flow.begin(new Writer())
      assert.equal(await flow.next(body(serialize.password(password)), new Writer()), true, user)
      const wrong = createAuthFlow(user, 'password', store)
      await assert.rejects(wrong.next(body(serialize.password('x')), new Writer()), isAuthFailed)
    }
    // A bcrypt user is asked for the cleartext password even when SCRAM is configured.
    const w = new Writer()
    createAuthFlow('bcrypt', 'scram-sha-256', store).begin(w)
    assert.equal(read(w)[0]!.name, 'authenticationCleartextPassword')
  })
})

describe('bcrypt', () => {
  test('OpenWall test vectors', () => {
    assert.ok(verifyBcrypt('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'))
    assert.ok(verifyBcrypt('U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'))
    assert.ok(verifyBcrypt('', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy'))
    assert.ok(!verifyBcrypt('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'))
  })
})
