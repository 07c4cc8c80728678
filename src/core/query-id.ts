/**
 * Query ids in Trino's format, `YYYYMMDD_HHMMSS_NNNNN_xxxxx` (UTC time, a per-process sequence,
 * and a random coordinator-style suffix), used for every protocol so ids look the same in
 * logs, history and Trino URIs.
 */
import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const instanceSuffix = Array.from(randomBytes(5), (b) => ALPHABET[b % ALPHABET.length]).join('')
let sequence = 0

export function createQueryId (now: Date = new Date()): string {
  sequence = (sequence + 1) % 100_000
  const iso = now.toISOString() // 2024-11-25T07:07:12.345Z
  const date = iso.slice(0, 10).replaceAll('-', '')
  const time = iso.slice(11, 19).replaceAll(':', '')
  return `${date}_${time}_${String(sequence).padStart(5, '0')}_${instanceSuffix}`
}

const QUERY_ID = /^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/

export function isQueryId (value: string): boolean {
  return QUERY_ID.test(value)
}
