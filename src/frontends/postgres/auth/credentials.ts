/**
 * The users of the top-level `auth:` section, with each password in the form it was given:
 * plain text (usually from `${ENV}`), a PostgreSQL SCRAM-SHA-256 verifier
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, as in pg_authid), or a bcrypt
 * hash (`$2a$`, `$2b$`, `$2y$`). Unknown users get a mock verifier so that the exchange looks
 * the same as for a wrong password and nothing tells whether the user exists.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { AuthConfig } from '../../../config/schema.ts'
import { verifyBcrypt } from './bcrypt.ts'

const pbkdf2Async = promisify(pbkdf2)

export type Credential =
  | { readonly kind: 'plain', readonly password: string }
  | { readonly kind: 'scram', readonly verifier: ScramVerifier }
  | { readonly kind: 'bcrypt', readonly hash: string }

export interface ScramVerifier {
  readonly iterations: number
  readonly salt: Buffer
  readonly storedKey: Buffer
  readonly serverKey: Buffer
}

/** PostgreSQL's default for new SCRAM verifiers (scram_iterations). */
export const SCRAM_ITERATIONS = 4096

const SCRAM_HASH = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/
const BCRYPT_HASH = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/

export function parseCredential (password: string): Credential {
  const scram = SCRAM_HASH.exec(password)
  if (scram !== null) {
    return {
      kind: 'scram',
      verifier: {
        iterations: Number(scram[1]),
        salt: Buffer.from(scram[2]!, 'base64'),
        storedKey: Buffer.from(scram[3]!, 'base64'),
        serverKey: Buffer.from(scram[4]!, 'base64'),
      },
    }
  }
  if (BCRYPT_HASH.test(password)) return { kind: 'bcrypt', hash: password }
  return { kind: 'plain', password }
}

/**
 * The SASLprep mapping (RFC 4013) that clients apply to the password before hashing: non-ASCII
 * spaces become spaces, "commonly mapped to nothing" characters go, then NFKC.
 */
export function saslprep (password: string): string {
  return password
    .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .split('').filter((ch) => !isMappedToNothing(ch.charCodeAt(0))).join('')
    .normalize('NFKC')
}

function isMappedToNothing (code: number): boolean {
  return code === 0xad || code === 0x34f || code === 0x1806 || (code >= 0x180b && code <= 0x180d) || code === 0x200c ||
    code === 0x200d || code === 0x2060 || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff
}

export async function deriveScramVerifier (password: string, salt: Buffer, iterations: number): Promise<ScramVerifier> {
  const salted = await pbkdf2Async(Buffer.from(saslprep(password), 'utf8'), salt, iterations, 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  return {
    iterations,
    salt,
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  }
}

export class CredentialStore {
  readonly #users = new Map<string, Credential>()
  readonly #derived = new Map<string, Promise<ScramVerifier>>()
  /** Per-process secret that makes mock salts stable per user name but unpredictable. */
  readonly #mockSecret = randomBytes(32)
  readonly isEnabled: boolean

  constructor (auth: AuthConfig | undefined) {
    this.isEnabled = auth !== undefined
    for (const user of auth?.users ?? []) this.#users.set(user.username, parseCredential(user.password))
  }

  get (user: string): Credential | undefined {
    return this.#users.get(user)
  }

  /** The SCRAM verifier of `user`: stored, derived once from a plain password, or a mock that never matches. */
  async scramVerifier (user: string): Promise<{ verifier: ScramVerifier, isMock: boolean }> {
    const credential = this.#users.get(user)
    if (credential?.kind === 'scram') return { verifier: credential.verifier, isMock: false }
    if (credential?.kind === 'plain') {
      let derived = this.#derived.get(user)
      if (derived === undefined) {
        derived = deriveScramVerifier(credential.password, randomBytes(16), SCRAM_ITERATIONS)
        this.#derived.set(user, derived)
      }
      return { verifier: await derived, isMock: false }
    }
    const salt = createHmac('sha256', this.#mockSecret).update(user).digest().subarray(0, 16)
    return { verifier: { iterations: SCRAM_ITERATIONS, salt, storedKey: randomBytes(32), serverKey: randomBytes(32) }, isMock: true }
  }

  /** The plain password, when the store has it (md5 needs it). */
  plainPassword (user: string): string | undefined {
    const credential = this.#users.get(user)
    return credential?.kind === 'plain' ? credential.password : undefined
  }

  /** Checks a password the client sent in clear text against any stored form. */
  async verifyPassword (user: string, password: string): Promise<boolean> {
    const credential = this.#users.get(user)
    if (credential === undefined) return false
    switch (credential.kind) {
      case 'plain': return safeEqual(password, credential.password)
      case 'bcrypt': return verifyBcrypt(password, credential.hash)
      case 'scram': {
        const { salt, iterations, storedKey } = credential.verifier
        const derived = await deriveScramVerifier(password, salt, iterations)
        return timingSafeEqual(derived.storedKey, storedKey)
      }
    }
  }
}

/** Constant-time comparison of two strings of any length. */
export function safeEqual (a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}
