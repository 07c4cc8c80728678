/**
 * Bounded LRU of translations keyed by (from, to, schema fingerprint, sql), with counters. The
 * schema is part of the key because column types change the output (integer division on two
 * integer columns), and a table whose columns changed must not be served an old translation.
 *
 * Failures are cached too, in their own smaller LRU: translation is deterministic for a given
 * polyglot version and rule set, so a statement that failed once fails again, and a client that
 * retries a bad statement in a loop should not pay a parse each time. They live apart so that a
 * stream of distinct bad statements cannot evict the good ones. Nothing expires by time: a new
 * polyglot or rule set arrives with a restart, which empties the cache.
 */
import { createHash } from 'node:crypto'
import type { Dialect } from '../core/dialect.ts'
import type { QueryFluxError } from '../core/errors.ts'
import type { TableSchema } from './translator.ts'

export interface CachedTranslation {
  readonly sql: string
  readonly rewrites: readonly string[]
  readonly resultTypes?: readonly (string | undefined)[]
}

export interface TranslationCacheStats {
  readonly capacity: number
  readonly size: number
  readonly hits: number
  readonly misses: number
  readonly evictions: number
  readonly failureCapacity: number
  readonly failureSize: number
  readonly failureHits: number
}

export type CacheLookup<V = CachedTranslation> =
  | { readonly kind: 'hit', readonly value: V }
  | { readonly kind: 'failure', readonly error: QueryFluxError }
  | { readonly kind: 'miss' }

const MISS = { kind: 'miss' } as const

/** Map iteration order is insertion order: delete + set moves a key to the young end. */
class Lru<V> {
  readonly capacity: number
  readonly #entries = new Map<string, V>()
  evictions = 0

  constructor (capacity: number) {
    this.capacity = capacity
  }

  get size (): number {
    return this.#entries.size
  }

  get (key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set (key: string, value: V): void {
    if (this.capacity === 0) return
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
      this.evictions++
    }
  }

  clear (): void {
    this.#entries.clear()
  }
}

/** Each TableSchema object's digest, computed once (TableSchemaCache hands out the same object per table). */
const tableDigests = new WeakMap<TableSchema, string>()

function tableDigest (table: TableSchema): string {
  let digest = tableDigests.get(table)
  if (digest === undefined) {
    const canonical = JSON.stringify([table.catalog ?? null, table.schema ?? null, table.name, table.columns.map((c) => [c.name, c.type])])
    digest = createHash('sha256').update(canonical).digest('base64url').slice(0, 22)
    tableDigests.set(table, digest)
  }
  return digest
}

/**
 * A short digest of the tables' names and column types, in a canonical order; '' for none.
 * Two schemas that differ in anything the translation reads get different fingerprints. Per
 * query this is a lookup per table, not a hash of every column.
 */
export function schemaFingerprint (tables: readonly TableSchema[] | undefined): string {
  if (tables === undefined || tables.length === 0) return ''
  if (tables.length === 1) return tableDigest(tables[0]!)
  return tables.map(tableDigest).sort().join('.')
}

export function cacheKey (sql: string, from: Dialect, to: Dialect, fingerprint = ''): string {
  return `${from}\u0000${to}\u0000${fingerprint}\u0000${sql}`
}

/** `V`: what is cached per statement (a translation; the translator also keeps each statement's tables in one). */
export class TranslationCache<V = CachedTranslation> {
  readonly #good: Lru<V>
  readonly #bad: Lru<QueryFluxError>
  #hits = 0
  #misses = 0
  #failureHits = 0

  /** @param capacity good translations kept; failures get a tenth of it (at least 1 when capacity > 0). */
  constructor (capacity: number) {
    this.#good = new Lru(capacity)
    this.#bad = new Lru(capacity === 0 ? 0 : Math.max(1, Math.floor(capacity / 10)))
  }

  lookup (key: string): CacheLookup<V> {
    const value = this.#good.get(key)
    if (value !== undefined) {
      this.#hits++
      return { kind: 'hit', value }
    }
    const error = this.#bad.get(key)
    if (error !== undefined) {
      this.#failureHits++
      return { kind: 'failure', error }
    }
    this.#misses++
    return MISS
  }

  store (key: string, value: V): void {
    this.#good.set(key, value)
  }

  storeFailure (key: string, error: QueryFluxError): void {
    this.#bad.set(key, error)
  }

  clear (): void {
    this.#good.clear()
    this.#bad.clear()
  }

  stats (): TranslationCacheStats {
    return {
      capacity: this.#good.capacity,
      size: this.#good.size,
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#good.evictions,
      failureCapacity: this.#bad.capacity,
      failureSize: this.#bad.size,
      failureHits: this.#failureHits,
    }
  }
}
