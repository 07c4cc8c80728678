/**
 * Cleartext password authentication: the client sends the password itself. Offered when
 * `authMethod: password`, and for users whose password is stored as a bcrypt hash (the only
 * way to check one). Use it over TLS only.
 * @see https://www.postgresql.org/docs/current/auth-password.html
 */
import { errors } from '../../../core/errors.ts'
import { authenticationCleartextPassword } from '../codec/backend-messages.ts'
import { decodePasswordMessage } from '../codec/frontend-messages.ts'
import type { Writer } from '../codec/writer.ts'
import type { AuthFlow } from './auth-flow.ts'
import type { CredentialStore } from './credentials.ts'

export class CleartextFlow implements AuthFlow {
  readonly #user: string
  readonly #credentials: CredentialStore

  constructor (user: string, credentials: CredentialStore) {
    this.#user = user
    this.#credentials = credentials
  }

  begin (w: Writer): void {
    authenticationCleartextPassword(w)
  }

  async next (data: Uint8Array): Promise<boolean> {
    const password = decodePasswordMessage(data)
    if (!await this.#credentials.verifyPassword(this.#user, password)) throw errors.authFailed(this.#user)
    return true
  }
}
