/**
 * bcrypt password verification (Provos & Mazières, "A Future-Adaptable Password Scheme",
 * 1999), for `auth.users[].password` given as a `$2a$`/`$2b$`/`$2y$` hash. Node's crypto has no
 * bcrypt and QueryFlux takes no extra dependency for one function, so this follows the
 * reference algorithm as dcodeIO/bcrypt.js lays it out. Blowfish's initial P-array and S-boxes
 * are the first 8,336 hexadecimal digits of π's fraction; they are computed once (≈30 ms, on
 * first use) with Machin's formula rather than pasted as a 4 KiB table.
 */
import { timingSafeEqual } from 'node:crypto'

const P_WORDS = 18
const S_WORDS = 1024

let initialState: Uint32Array | undefined

/** P-array then the four S-boxes, as consecutive 32-bit words of π's hexadecimal fraction. */
function piWords (): Uint32Array {
  if (initialState !== undefined) return initialState
  const bits = (P_WORDS + S_WORDS) * 32
  const guard = 64n
  const scale = 1n << (BigInt(bits) + guard)
  const atanInverse = (x: bigint): bigint => {
    const x2 = x * x
    let term = scale / x
    let sum = term
    let sign = -1n
    for (let k = 1n; term !== 0n; k++) {
      term /= x2
      sum += sign * (term / (2n * k + 1n))
      sign = -sign
    }
    return sum
  }
  const pi = 16n * atanInverse(5n) - 4n * atanInverse(239n)
  const hex = ((pi - 3n * scale) >> guard).toString(16).padStart(bits / 4, '0')
  const words = new Uint32Array(P_WORDS + S_WORDS)
  for (let i = 0; i < words.length; i++) words[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16)
  initialState = words
  return words
}

const BASE64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function decodeBase64 (text: string, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let bits = 0
  let acc = 0
  let o = 0
  for (const ch of text) {
    const v = BASE64.indexOf(ch)
    if (v < 0) break
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      if (o < length) out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}

function encodeBase64 (bytes: Uint8Array): string {
  let out = ''
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 6) {
      bits -= 6
      out += BASE64[(acc >> bits) & 0x3f]
    }
  }
  if (bits > 0) out += BASE64[(acc << (6 - bits)) & 0x3f]
  return out
}

class Blowfish {
  readonly p: Uint32Array
  readonly s: Uint32Array

  constructor () {
    const init = piWords()
    this.p = init.slice(0, P_WORDS)
    this.s = init.slice(P_WORDS)
  }

  #f (x: number): number {
    const s = this.s
    return (((s[x >>> 24]! + s[256 | ((x >>> 16) & 0xff)]!) ^ s[512 | ((x >>> 8) & 0xff)]!) + s[768 | (x & 0xff)]!) >>> 0
  }

  encipher (lr: Uint32Array, off: number): void {
    const p = this.p
    let l = lr[off]! ^ p[0]!
    let r = lr[off + 1]!
    for (let i = 0; i <= 14; i += 2) {
      r ^= this.#f(l >>> 0) ^ p[i + 1]!
      l ^= this.#f(r >>> 0) ^ p[i + 2]!
    }
    lr[off] = (r ^ p[17]!) >>> 0
    lr[off + 1] = l >>> 0
  }

  /** ExpandKey(state, salt, key); a missing salt is all zeros. */
  expand (key: Uint8Array, salt: Uint8Array | undefined): void {
    let keyPos = 0
    const keyWord = (): number => {
      let w = 0
      for (let i = 0; i < 4; i++) { w = (w << 8) | key[keyPos]!; keyPos = (keyPos + 1) % key.length }
      return w >>> 0
    }
    let saltPos = 0
    const saltWord = (): number => {
      if (salt === undefined) return 0
      let w = 0
      for (let i = 0; i < 4; i++) { w = (w << 8) | salt[saltPos]!; saltPos = (saltPos + 1) % salt.length }
      return w >>> 0
    }
    for (let i = 0; i < P_WORDS; i++) this.p[i] = (this.p[i]! ^ keyWord()) >>> 0
    const lr = new Uint32Array(2)
    const fill = (target: Uint32Array): void => {
      for (let i = 0; i < target.length; i += 2) {
        lr[0] = lr[0]! ^ saltWord()
        lr[1] = lr[1]! ^ saltWord()
        this.encipher(lr, 0)
        target[i] = lr[0]!
        target[i + 1] = lr[1]!
      }
    }
    fill(this.p)
    fill(this.s)
  }
}

/** The bcrypt hash of `password` with the cost and salt of `settings` (`$2b$10$<22 salt chars>`). */
export function bcryptHash (password: string, settings: string): string | undefined {
  const match = /^\$(2[abxy])\$(\d{2})\$([./A-Za-z0-9]{22})/.exec(settings)
  if (match === null) return undefined
  const cost = Number(match[2])
  if (cost < 4 || cost > 31) return undefined
  const salt = decodeBase64(match[3]!, 16)
  // The key is the password's bytes with a terminating zero, cut at 72 bytes.
  const key = Buffer.concat([Buffer.from(password, 'utf8'), Buffer.from([0])]).subarray(0, 72)
  const state = new Blowfish()
  state.expand(key, salt)
  for (let round = 0; round < 2 ** cost; round++) {
    state.expand(key, undefined)
    state.expand(salt, undefined)
  }
  const text = Buffer.from('OrpheanBeholderScryDoubt', 'latin1')
  const ctext = new Uint32Array(6)
  for (let i = 0; i < 6; i++) ctext[i] = text.readUInt32BE(i * 4)
  for (let i = 0; i < 64; i++) for (let j = 0; j < 6; j += 2) state.encipher(ctext, j)
  const out = Buffer.alloc(24)
  for (let i = 0; i < 6; i++) out.writeUInt32BE(ctext[i]!, i * 4)
  return `$${match[1]}$${match[2]}$${match[3]}${encodeBase64(out.subarray(0, 23))}`
}

export function verifyBcrypt (password: string, hash: string): boolean {
  const computed = bcryptHash(password, hash)
  if (computed === undefined || computed.length !== hash.length) return false
  return timingSafeEqual(Buffer.from(computed), Buffer.from(hash))
}
