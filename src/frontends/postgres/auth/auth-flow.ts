/**
 * One password exchange with one client, behind one interface (pg-gateway's base-auth-flow.ts
 * idea): SCRAM-SHA-256, md5 or cleartext. The session writes what a flow asks for and feeds it
 * the client's 'p' messages until the flow says the client is authenticated or throws
 * AUTH_FAILED.
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP
 */
import type { Writer } from '../codec/writer.ts'
import type { PostgresWireFrontendConfig } from '../../../config/schema.ts'
import type { CredentialStore } from './credentials.ts'
import { ScramSha256Flow } from './scram-sha-256.ts'
import { Md5Flow } from './md5.ts'
import { CleartextFlow } from './cleartext.ts'

export interface AuthFlow {
  /** Writes the first authentication request. */
  begin (w: Writer): void
  /**
   * Handles one PasswordMessage / SASLInitialResponse / SASLResponse body. Writes the next
   * request and resolves false, or resolves true once the client proved its password (the
   * caller then sends AuthenticationOk). Rejects with AUTH_FAILED.
   */
  next (data: Uint8Array, w: Writer): Promise<boolean>
}

/**
 * The flow for `user` under the configured method. A credential that the configured method
 * cannot check falls back to one that can: a SCRAM verifier cannot answer md5, so that user
 * gets SCRAM; a bcrypt hash can only be checked against the password itself, so that user
 * gets cleartext (use TLS).
 */
export function createAuthFlow (user: string, method: PostgresWireFrontendConfig['authMethod'], credentials: CredentialStore): AuthFlow {
  const credential = credentials.get(user)
  const kind = credential?.kind
  if (kind === 'bcrypt') return new CleartextFlow(user, credentials)
  if (method === 'password') return new CleartextFlow(user, credentials)
  if (method === 'md5' && kind !== 'scram') return new Md5Flow(user, credentials)
  return new ScramSha256Flow(user, credentials)
}
