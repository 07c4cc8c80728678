/**
 * The Translator QueryService uses: identity for the same dialect, then the cache, then
 * polyglot plus the pair's rewrite layer (translate-sql.ts), on worker threads or in-thread.
 *
 * It stays pure: a statement it cannot translate with its meaning kept rejects with
 * TRANSLATION_FAILED. Whether to pass the SQL through instead is the group's
 * `translation.onError`, applied by QueryService.
 */
import type { Dialect } from '../core/dialect.ts'
import { errors, isQueryFluxError, toQueryFluxError } from '../core/errors.ts'
import type { Translation, Translator } from './translator.ts'
import type { TranslatedSql } from './translate-sql.ts'
import { cacheKey, TranslationCache } from './translation-cache.ts'
import type { TranslationCacheStats } from './translation-cache.ts'
import { TranslationWorkerPool } from './translation-worker-pool.ts'

export interface PolyglotTranslatorOptions {
  /** Translations kept in the LRU (failures get a tenth of it); 0 disables caching. */
  readonly cacheSize: number
  /** Worker threads that run polyglot; 0 runs it on the calling thread. */
  readonly workerThreads: number
}

export interface TranslatorStats {
  readonly cache: TranslationCacheStats
  readonly workers: { readonly threads: number, readonly inFlight: number }
  readonly outcomes: { readonly identity: number, readonly cached: number, readonly translated: number, readonly failed: number }
}

type Engine = (sql: string, from: Dialect, to: Dialect) => Promise<TranslatedSql>

export class PolyglotTranslator implements Translator {
  readonly #cache: TranslationCache
  readonly #engine: Engine
  readonly #pool: TranslationWorkerPool | undefined
  /** Translations running now, so that concurrent requests for one statement share one parse. */
  readonly #inFlight = new Map<string, Promise<TranslatedSql>>()
  readonly #outcomes = { identity: 0, cached: 0, translated: 0, failed: 0 }
  #closed = false

  private constructor (cache: TranslationCache, engine: Engine, pool: TranslationWorkerPool | undefined) {
    this.#cache = cache
    this.#engine = engine
    this.#pool = pool
  }

  /** Loads polyglot now (in-thread or in each worker), so that the first query does not pay for it. */
  static async create (options: PolyglotTranslatorOptions): Promise<PolyglotTranslator> {
    const cache = new TranslationCache(options.cacheSize)
    if (options.workerThreads > 0) {
      const pool = await TranslationWorkerPool.start(options.workerThreads)
      return new PolyglotTranslator(cache, async (sql, from, to) => await pool.translate(sql, from, to), pool)
    }
    // Imported here, not at the top: a process that translates on workers never loads polyglot itself.
    const { translateSql } = await import('./translate-sql.ts')
    return new PolyglotTranslator(cache, async (sql, from, to) => translateSql(sql, from, to), undefined)
  }

  async translate (sql: string, from: Dialect, to: Dialect): Promise<Translation> {
    const startedAt = performance.now()
    if (this.#closed) throw errors.shuttingDown()
    if (from === to) {
      this.#outcomes.identity++
      return { sql, from, to, outcome: 'identity', elapsedMs: performance.now() - startedAt, rewrites: [] }
    }
    const key = cacheKey(sql, from, to)
    const cached = this.#cache.lookup(key)
    if (cached.kind === 'hit') {
      this.#outcomes.cached++
      return { sql: cached.value.sql, from, to, outcome: 'cached', elapsedMs: performance.now() - startedAt, rewrites: cached.value.rewrites }
    }
    if (cached.kind === 'failure') {
      this.#outcomes.failed++
      throw cached.error.withDetails({})
    }
    let running = this.#inFlight.get(key)
    if (running === undefined) {
      running = this.#run(key, sql, from, to)
      this.#inFlight.set(key, running)
    }
    try {
      const translated = await running
      this.#outcomes.translated++
      return { sql: translated.sql, from, to, outcome: 'translated', elapsedMs: performance.now() - startedAt, rewrites: translated.rewrites }
    } catch (error) {
      this.#outcomes.failed++
      throw error
    }
  }

  async #run (key: string, sql: string, from: Dialect, to: Dialect): Promise<TranslatedSql> {
    try {
      const translated = await this.#engine(sql, from, to)
      this.#cache.store(key, translated)
      return translated
    } catch (error) {
      const coded = toQueryFluxError(error)
      // Only the statement's own failures are deterministic; a crashed worker is not cached.
      if (isQueryFluxError(error) && error.code === 'TRANSLATION_FAILED') this.#cache.storeFailure(key, coded)
      throw coded
    } finally {
      this.#inFlight.delete(key)
    }
  }

  stats (): TranslatorStats {
    return {
      cache: this.#cache.stats(),
      workers: { threads: this.#pool?.size ?? 0, inFlight: this.#pool?.inFlight ?? 0 },
      outcomes: { ...this.#outcomes },
    }
  }

  async close (): Promise<void> {
    this.#closed = true
    this.#cache.clear()
    await this.#pool?.close()
  }
}
