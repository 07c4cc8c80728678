/**
 * md5 password authentication: the client answers a random 4-byte salt with
 * 'md5' + md5(md5(password + user) + salt). Weaker than SCRAM; offered only when
 * `queryflux.frontends.postgresWire.authMethod: md5` (old drivers need it).
 * @see https://www.postgresql.org/docs/current/auth-password.html
 */
import { createHash, randomBytes } from 'node:crypto'
import { errors } from '../../../core/errors.ts'
import { authenticationMD5Password } from '../codec/backend-messages.ts'
import { decodePasswordMessage } from '../codec/frontend-messages.ts'
import type { Writer } from '../codec/writer.ts'
import type { AuthFlow } from './auth-flow.ts'
import { safeEqual } from './credentials.ts'
import type { CredentialStore } from './credentials.ts'

export function md5Response (user: string, password: string, salt: Uint8Array): string {
  const inner = createHash('md5').update(password + user).digest('hex')
  return 'md5' + createHash('md5').update(inner).update(salt).digest('hex')
}

export class Md5Flow implements AuthFlow {
  readonly #user: string
  readonly #credentials: CredentialStore
  readonly #salt = randomBytes(4)

  constructor (user: string, credentials: CredentialStore) {
    this.#user = user
    this.#credentials = credentials
  }

  begin (w: Writer): void {
    authenticationMD5Password(w, this.#salt)
  }

  async next (data: Uint8Array): Promise<boolean> {
    const answer = decodePasswordMessage(data)
    const password = this.#credentials.plainPassword(this.#user)
    // Compare even for unknown users, so timing does not tell whether the user exists.
    const expected = md5Response(this.#user, password ?? randomBytes(16).toString('hex'), this.#salt)
    if (!safeEqual(answer, expected) || password === undefined) throw errors.authFailed(this.#user)
    return true
  }
}
