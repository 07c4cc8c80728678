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
import type { TableName, TableSchema, TranslateOptions, Translation, Translator } from './translator.ts'
import type { TranslatedSql } from './translate-sql.ts'
import { cacheKey, schemaFingerprint, TranslationCache } from './translation-cache.ts'
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

interface Engine {
  translate (sql: string, from: Dialect, to: Dialect, tables: readonly TableSchema[]): Promise<TranslatedSql>
  tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]>
}

export class PolyglotTranslator implements Translator {
  readonly #cache: TranslationCache
  /** (from, sql) → its tables; a failure to parse is cached as a TRANSLATION_FAILED like a translation's. */
  readonly #tablesCache: TranslationCache<readonly TableName[]>
  readonly #tablesInFlight = new Map<string, Promise<readonly TableName[]>>()
  readonly #engine: Engine
  readonly #pool: TranslationWorkerPool | undefined
  /** Translations running now, so that concurrent requests for one statement share one parse. */
  readonly #inFlight = new Map<string, Promise<TranslatedSql>>()
  readonly #outcomes = { identity: 0, cached: 0, translated: 0, failed: 0 }
  #closed = false

  private constructor (cache: TranslationCache, tablesCache: TranslationCache<readonly TableName[]>, engine: Engine, pool: TranslationWorkerPool | undefined) {
    this.#cache = cache
    this.#tablesCache = tablesCache
    this.#engine = engine
    this.#pool = pool
  }

  /** Loads polyglot now (in-thread or in each worker), so that the first query does not pay for it. */
  static async create (options: PolyglotTranslatorOptions): Promise<PolyglotTranslator> {
    const cache = new TranslationCache(options.cacheSize)
    const tablesCache = new TranslationCache<readonly TableName[]>(options.cacheSize)
    if (options.workerThreads > 0) {
      const pool = await TranslationWorkerPool.start(options.workerThreads)
      return new PolyglotTranslator(cache, tablesCache, pool, pool)
    }
    // Imported here, not at the top: a process that translates on workers never loads polyglot itself.
    const [{ translateSql }, { tablesOf }] = await Promise.all([import('./translate-sql.ts'), import('./table-names.ts')])
    const engine: Engine = {
      translate: async (sql, from, to, tables) => translateSql(sql, from, to, tables),
      tablesOf: async (sql, from) => tablesOf(sql, from),
    }
    return new PolyglotTranslator(cache, tablesCache, engine, undefined)
  }

  async translate (sql: string, from: Dialect, to: Dialect, options: TranslateOptions = {}): Promise<Translation> {
    const startedAt = performance.now()
    if (this.#closed) throw errors.shuttingDown()
    if (from === to) {
      this.#outcomes.identity++
      return { sql, from, to, outcome: 'identity', elapsedMs: performance.now() - startedAt, rewrites: [] }
    }
    const tables = options.tables ?? []
    const key = cacheKey(sql, from, to, schemaFingerprint(tables))
    const cached = this.#cache.lookup(key)
    if (cached.kind === 'hit') {
      this.#outcomes.cached++
      return withResultTypes({ sql: cached.value.sql, from, to, outcome: 'cached', elapsedMs: performance.now() - startedAt, rewrites: cached.value.rewrites }, cached.value.resultTypes)
    }
    if (cached.kind === 'failure') {
      this.#outcomes.failed++
      throw cached.error.withDetails({})
    }
    let running = this.#inFlight.get(key)
    if (running === undefined) {
      running = this.#run(key, sql, from, to, tables)
      this.#inFlight.set(key, running)
    }
    try {
      const translated = await running
      this.#outcomes.translated++
      return withResultTypes({ sql: translated.sql, from, to, outcome: 'translated', elapsedMs: performance.now() - startedAt, rewrites: translated.rewrites }, translated.resultTypes)
    } catch (error) {
      this.#outcomes.failed++
      throw error
    }
  }

  async tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]> {
    if (this.#closed) throw errors.shuttingDown()
    const key = cacheKey(sql, from, from)
    const cached = this.#tablesCache.lookup(key)
    if (cached.kind === 'hit') return cached.value
    if (cached.kind === 'failure') throw cached.error.withDetails({})
    let running = this.#tablesInFlight.get(key)
    if (running === undefined) {
      running = this.#runTablesOf(key, sql, from)
      this.#tablesInFlight.set(key, running)
    }
    return await running
  }

  async #runTablesOf (key: string, sql: string, from: Dialect): Promise<readonly TableName[]> {
    try {
      const tables = await this.#engine.tablesOf(sql, from)
      this.#tablesCache.store(key, tables)
      return tables
    } catch (error) {
      const coded = toQueryFluxError(error)
      if (isQueryFluxError(error) && error.code === 'TRANSLATION_FAILED') this.#tablesCache.storeFailure(key, coded)
      throw coded
    } finally {
      this.#tablesInFlight.delete(key)
    }
  }

  async #run (key: string, sql: string, from: Dialect, to: Dialect, tables: readonly TableSchema[]): Promise<TranslatedSql> {
    try {
      const translated = await this.#engine.translate(sql, from, to, tables)
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
    this.#tablesCache.clear()
    await this.#pool?.close()
  }
}

function withResultTypes (translation: Translation, resultTypes: readonly (string | undefined)[] | undefined): Translation {
  return resultTypes === undefined ? translation : { ...translation, resultTypes }
}
