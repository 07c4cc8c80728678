/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it inside SASL messages: the client
 * proves it knows the password without sending it, and the server proves it knows the
 * verifier. Channel binding (SCRAM-SHA-256-PLUS) is not offered; a client that insists on it
 * fails with AUTH_FAILED.
 * @see https://www.postgresql.org/docs/current/sasl-authentication.html
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { errors } from '../../../core/errors.ts'
import { authenticationSASL, authenticationSASLContinue, authenticationSASLFinal } from '../codec/backend-messages.ts'
import { decodeSASLInitialResponse } from '../codec/frontend-messages.ts'
import type { Writer } from '../codec/writer.ts'
import type { AuthFlow } from './auth-flow.ts'
import type { CredentialStore, ScramVerifier } from './credentials.ts'

const MECHANISM = 'SCRAM-SHA-256'

type Step = 'initial' | 'final' | 'done'

export class ScramSha256Flow implements AuthFlow {
  readonly #user: string
  readonly #credentials: CredentialStore
  #step: Step = 'initial'
  #verifier: ScramVerifier | undefined
  #isMock = false
  #clientFirstBare = ''
  #serverFirst = ''
  #nonce = ''

  constructor (user: string, credentials: CredentialStore) {
    this.#user = user
    this.#credentials = credentials
  }

  begin (w: Writer): void {
    authenticationSASL(w, [MECHANISM])
  }

  async next (data: Uint8Array, w: Writer): Promise<boolean> {
    if (this.#step === 'initial') {
      await this.#clientFirst(data, w)
      this.#step = 'final'
      return false
    }
    if (this.#step === 'final') {
      this.#clientFinal(data, w)
      this.#step = 'done'
      return true
    }
    throw errors.protocolViolation('unexpected SASL message after authentication completed')
  }

  async #clientFirst (data: Uint8Array, w: Writer): Promise<void> {
    const { mechanism, response } = decodeSASLInitialResponse(data)
    if (mechanism !== MECHANISM) throw errors.protocolViolation(`client selected an invalid SASL authentication mechanism '${mechanism}': QueryFlux offers ${MECHANISM}`)
    const message = Buffer.from(response).toString('utf8')
    // gs2-header: 'n' (no binding), 'y' (client could bind, server did not offer), or 'p=…' (binding required).
    const match = /^([nyp])(=[^,]*)?,(a=[^,]*)?,(.*)$/.exec(message)
    if (match === null) throw errors.protocolViolation('malformed SCRAM client-first-message')
    if (match[1] === 'p') throw errors.authFailed(this.#user)
    this.#clientFirstBare = match[4]!
    const nonce = /(?:^|,)r=([^,]+)/.exec(this.#clientFirstBare)?.[1]
    if (nonce === undefined) throw errors.protocolViolation('SCRAM client-first-message has no nonce')
    const { verifier, isMock } = await this.#credentials.scramVerifier(this.#user)
    this.#verifier = verifier
    this.#isMock = isMock
    this.#nonce = nonce + randomBytes(18).toString('base64')
    this.#serverFirst = `r=${this.#nonce},s=${verifier.salt.toString('base64')},i=${verifier.iterations}`
    authenticationSASLContinue(w, this.#serverFirst)
  }

  #clientFinal (data: Uint8Array, w: Writer): void {
    const message = Buffer.from(data).toString('utf8')
    const match = /^c=([^,]*),r=([^,]*)(?:,.*)?,p=([A-Za-z0-9+/=]+)$/.exec(message)
    if (match === null) throw errors.protocolViolation('malformed SCRAM client-final-message')
    const channelBinding = Buffer.from(match[1]!, 'base64').toString('utf8')
    if (!/^[ny],[^,]*,$/.test(channelBinding)) throw errors.authFailed(this.#user)
    if (match[2] !== this.#nonce) throw errors.authFailed(this.#user)
    const verifier = this.#verifier!
    const withoutProof = message.slice(0, message.lastIndexOf(',p='))
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`
    const proof = Buffer.from(match[3]!, 'base64')
    const clientSignature = createHmac('sha256', verifier.storedKey).update(authMessage).digest()
    if (proof.length !== clientSignature.length) throw errors.authFailed(this.#user)
    const clientKey = Buffer.alloc(proof.length)
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!
    const storedKey = createHash('sha256').update(clientKey).digest()
    if (!timingSafeEqual(storedKey, verifier.storedKey) || this.#isMock) throw errors.authFailed(this.#user)
    const serverSignature = createHmac('sha256', verifier.serverKey).update(authMessage).digest()
    authenticationSASLFinal(w, `v=${serverSignature.toString('base64')}`)
  }
}
